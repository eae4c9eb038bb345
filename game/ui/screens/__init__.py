"""The screens of the Textual game, each imported when first shown."""
