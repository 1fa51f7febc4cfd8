"""The outcome of reading a dateline."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

AMBIGUOUS = "ambiguous"
UNREADABLE = "unreadable"
RELATIVE = "relative"


class DateReading(NamedTuple):
    """The outcome of reading a dateline.

    Attributes:
        value: A ``date`` when only the day is known, a naive ``datetime`` when a time is
            given without a zone, an aware ``datetime`` when the text states an offset or a
            known zone abbreviation (or ``tz`` was assumed); ``None`` when not read.
        problem: ``None`` when read, else ``"ambiguous"``, ``"unreadable"`` or
            ``"relative"`` (a relative date such as ``2 hours ago`` read without ``now``).
        detail: A short message saying what the problem is.
        tz_assumed: True when the zone came from the ``tz`` argument, not from the text.
    """

    value: dt.date | dt.datetime | None
    problem: str | None
    detail: str = ""
    tz_assumed: bool = False


def unreadable(detail: str) -> DateReading:
    """A reading that failed, saying why."""
    return DateReading(None, UNREADABLE, detail)


def ambiguous(detail: str) -> DateReading:
    """A reading with more than one answer, naming them."""
    return DateReading(None, AMBIGUOUS, detail)
