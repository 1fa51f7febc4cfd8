"""dateutil, for the forms the tables do not cover, guarded: it never fills a missing part
from today, never picks a day/month order on its own and never lets an exception out."""

from __future__ import annotations

import datetime as dt
import re
import warnings

from dateutil import parser as _dateutil

from newsdump._parse.dateline.reading import AMBIGUOUS, DateReading, unreadable
from newsdump._parse.dateline.tables import ZONES

_TIME_ONLY = re.compile(
    r"([0-9]{1,2})[:h]([0-9]{2})(?::([0-9]{2}))?(?: ?([AaPp])\.?[Mm]\.?)?(?: [A-Z]{1,5})?"
)
_POSIX_ZONE = re.compile(r"(?<![A-Za-z])(?:UTC|GMT)(?=[+-][0-9])")  # dateutil reads GMT+3 as -3
_YEAR_FIRST = re.compile(r"[0-9]{4}[^0-9]")
_DOTTED = re.compile(r"(?<![0-9])[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}(?![0-9])")  # day-first
_FULL_YEAR = re.compile(r"[0-9]{4}")
_DEFAULT_A = dt.datetime(2001, 2, 3, 4, 5, 6, 7)  # two defaults that differ in every field:
_DEFAULT_B = dt.datetime(2002, 3, 4, 5, 6, 7, 8)  # a part that differs was not in the text


class _UnknownZoneError(Exception):
    """A zone name that the zone table does not know."""


def read_dateutil(s: str, dayfirst: bool | None) -> DateReading:
    """Read a form the tables do not cover with dateutil, refusing to invent or to guess."""
    if _TIME_ONLY.fullmatch(s):
        return unreadable("a time without a date")
    if _FULL_YEAR.search(s) is None:
        return unreadable("no four-digit year")
    plain = _POSIX_ZONE.sub("", s)
    year_first = _YEAR_FIRST.match(plain) is not None  # y/m/d: dayfirst would make it y/d/m
    if not year_first and _DOTTED.search(plain) is not None:
        dayfirst = True  # 01.07.2023 is 1 July, as the tables read it
    first = _parse(plain, _DEFAULT_A, bool(dayfirst) and not year_first)
    second = _parse(plain, _DEFAULT_B, bool(dayfirst) and not year_first)
    if isinstance(first, str) or isinstance(second, str):
        return unreadable(first if isinstance(first, str) else str(second))
    missing = [p for p in ("year", "month", "day") if getattr(first, p) != getattr(second, p)]
    if missing:
        return unreadable("no " + " or ".join(missing))
    if dayfirst is None and not year_first:
        other = _parse(plain, _DEFAULT_A, True)
        if isinstance(other, dt.datetime) and other.date() != first.date():
            detail = f"{s} could be {first:%Y-%m-%d} or {other:%Y-%m-%d}"
            return DateReading(None, AMBIGUOUS, detail)
    if not 1000 <= first.year <= 9999:
        return unreadable(f"year {first.year} out of range")
    return DateReading(_stated_part(first, second), None)


def _stated_part(first: dt.datetime, second: dt.datetime) -> dt.date | dt.datetime:
    """Keep what two parses with different defaults agree on; the rest was not stated."""
    if first.hour != second.hour:
        return first.date()
    return first.replace(
        minute=_agreed(first.minute, second.minute),
        second=_agreed(first.second, second.second),
        microsecond=_agreed(first.microsecond, second.microsecond),
    )


def _agreed(one: int, other: int) -> int:
    return one if one == other else 0


def _parse(s: str, default: dt.datetime, dayfirst: bool) -> dt.datetime | str:
    """Call dateutil with warnings silenced; a string says why it failed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _dateutil.parse(s, default=default, dayfirst=dayfirst, tzinfos=_zone)
    except _UnknownZoneError as exc:
        return f"unknown time zone {exc.args[0]!r}"
    except Exception:  # ParserError, ValueError, OverflowError, TypeError and any other
        return "not a date form known here"


def _zone(name: str | None, offset: int | None) -> dt.tzinfo | None:
    """Resolve a zone for dateutil from the zone table; unknown names stop the parse."""
    if name is not None:
        zone = ZONES.get(name.upper())
        if zone is not None:
            return zone
        if offset is None:
            raise _UnknownZoneError(name)
    if offset is None:
        return None
    return dt.timezone(dt.timedelta(seconds=offset))
