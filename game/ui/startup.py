"""The cycle collector while the full-screen game starts.

Starting allocates a few hundred thousand objects that live as long as the program
(Textual's modules and classes, then the game's core and its scenario), and none of
them is garbage; at Python's usual thresholds the collector scans them over and over
(some 170 passes in a launch, a tenth of its time). From the import of this package
until the game has started (`settle`), the collector runs rarely; `settle` then freezes
every object made so far out of its scans (`gc.freeze`) and restores the thresholds, so
that later collections, during play, look only at what play makes."""

from __future__ import annotations

import gc

# Objects allocated between two youngest-generation passes while starting (Python's
# default is 700): more than a launch allocates, since each pass scans every young
# object and nearly all of them survive (a lower number only spreads the same cost).
STARTING = 1_000_000

_usual = gc.get_threshold()
_settled = False
gc.set_threshold(max(STARTING, _usual[0]), *_usual[1:])


def settle() -> None:
    """The game has started: what exists now is kept out of the collector's scans, and
    its usual thresholds are back. Only the first call does anything."""
    global _settled
    if _settled:
        return
    _settled = True
    gc.collect(0)  # the short-lived garbage of starting, before the rest is frozen
    gc.freeze()
    gc.set_threshold(*_usual)
