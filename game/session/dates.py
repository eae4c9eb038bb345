"""Dates as the game writes them ("17 July 2016"; a claim's month alone where its source
gives no day), shared by every front end."""

from __future__ import annotations

import datetime as dt

from game.session.views import ClaimInfo

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def claim_day(cl: ClaimInfo) -> str:
    """A claim's date: the month alone where the source gives no day."""
    return f"{MONTHS[cl.date.month - 1]} {cl.date.year}" if cl.precision == "month" else day(cl.date)


def day(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
