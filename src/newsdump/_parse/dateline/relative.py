"""Relative datelines: ``2 hours ago``, ``vor 3 Stunden``, ``вчера``, ``昨天 10:45``.

They are read against a reference time (``now``); without one the reading says why the
date is empty (problem ``"relative"``). Units from seconds to weeks are read; ``N
seconds/minutes/hours ago`` gives a ``datetime`` (to the minute, in ``now``'s zone or
naive like it), ``N days/weeks ago`` and ``yesterday`` a ``date``, and ``yesterday``
with a time a ``datetime``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from newsdump._parse import _cldr
from newsdump._parse.dateline.reading import RELATIVE, DateReading, unreadable

_NUMBER = re.compile(r"\d+")
_STEP = {
    "second": dt.timedelta(seconds=1), "minute": dt.timedelta(minutes=1),
    "hour": dt.timedelta(hours=1), "day": dt.timedelta(days=1), "week": dt.timedelta(weeks=1),
}  # fmt: skip
_MAX_AGO = 10_000  # "20000 days ago" is not a dateline's


@functools.cache
def shapes() -> dict[str, str]:
    """Every language's past pattern (``vor {0} stunden``) and its unit, the corpus's first."""
    found: dict[str, str] = {}
    for lang in _cldr.LANGUAGES:
        for unit, patterns in _cldr.RELATIVE_PAST[lang].items():
            for pattern in patterns.split("|"):
                if "{0}" in pattern:
                    found.setdefault(pattern, unit)
    return found


def fold(text: str) -> str:
    """A normalized text as the CLDR data writes its names: folded, no dots, single spaces."""
    return " ".join(text.casefold().replace(".", " ").split())


def ago(text: str) -> tuple[str, int] | None:
    """The unit and count of ``3 hours ago`` in any language, or None."""
    folded = fold(text)
    numbers = _NUMBER.findall(folded)
    if len(numbers) != 1:
        return None
    unit = shapes().get(_NUMBER.sub("{0}", folded))
    return None if unit is None else (unit, int(numbers[0]))


def needs_now(text: str) -> DateReading:
    """The reading of a relative dateline read without a reference time."""
    return DateReading(None, RELATIVE, f"relative date {text!r} needs a reference time (now)")


def resolve_ago(unit: str, count: int, now: dt.datetime) -> DateReading:
    """``count`` units before ``now``."""
    if count > _MAX_AGO:
        return unreadable(f"{count} {unit}s ago is too far back")
    value = now - _STEP[unit] * count
    if unit in ("day", "week"):
        return DateReading(value.date(), None)
    return DateReading(value.replace(second=0, microsecond=0), None)


def resolve_day(offset: int, clock: tuple[int, int, int] | None, now: dt.datetime) -> DateReading:
    """The day ``offset`` days from ``now``'s (``yesterday``: -1), at ``clock`` if given."""
    day = now.date() + dt.timedelta(days=offset)
    if clock is None:
        return DateReading(day, None)
    hour, minute, second = clock
    moment = dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=now.tzinfo)
    return DateReading(moment, None)
