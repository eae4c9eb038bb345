"""The package list, which pyproject.toml cannot give: every package of `game`, found,
and `game.shipped`, the scenarios the source tree keeps at top level in scenarios/
(mapped in pyproject.toml's [tool.setuptools.package-dir])."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["game", "game.*"]), "game.shipped"])
