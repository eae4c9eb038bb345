"""Packages whose names are imported from their modules when first used, so that
importing the package costs nothing (see `game.session` and `game.session.review`)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_names(
    package: str, where: dict[str, str], names: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The `__getattr__` and `__dir__` of `package`, whose name N comes from its module
    `where[N]`; `names` is the package's globals, where each name is kept once imported."""

    def getattr_(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        names[name] = value
        return value

    def dir_() -> list[str]:
        return sorted({*names, *where})

    return getattr_, dir_
