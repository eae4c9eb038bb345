"""The scenarios that ship with Corridors, one folder each. Installed, this folder is the
package `game.shipped` (see setup.py); `game.scenario.registry` finds it with
importlib.resources."""
