"""`python -m game` runs the `corridors` command."""

from game.ui.launch import main

raise SystemExit(main())
