"""The table-driven reader: tokens (`tokens`) filled into the parts of a date and time.

Each token kind has a step that fills what it states: a number followed by ``:`` starts
a clock, a number next to a marker (``年``, ``г.``, ``tháng``) is that field, a month or
weekday name is one, a day period (``pm``, ``오후``, ``nachm.``) sets the half of the
day, a zone or offset the zone. Numbers left over are the day and the year, or, with no
month name, a numeric date whose order the separators, ``dayfirst`` or the language
decide. What the tables cannot place (an unknown word, a stray number) goes to dateutil.
"""
# ruff: noqa: RUF002

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from newsdump._parse.dateline import relative, tables
from newsdump._parse.dateline.fallback import read_dateutil
from newsdump._parse.dateline.reading import (
    RELATIVE,
    DateReading,
    ambiguous,
    in_zone,
    unreadable,
)
from newsdump._parse.dateline.tokens import NAME, NUM, OFFSET, PUNCT, ZONE, Token, normalize
from newsdump._parse.dateline.tokens import tokenize as _tokenize

__all__ = ["read_date"]

MAX_READ = 80  # longer texts are not datelines; dateutil is never asked
MEMO_SIZE = 4096  # readings kept per (dayfirst, language); the memo is emptied when full
_MONTH_NAMES = "January February March April May June July August September October November"
_MONTH_NAMES += " December"
_ENGLISH_MONTHS = _MONTH_NAMES.split()

_MEMOS: dict[tuple[bool | None, str | None], dict[str, DateReading]] = {}
_END: Token = (-1, None, "")  # the token after the last


class _Parts:
    """What the tokens stated so far."""

    __slots__ = (
        "clash", "fields", "loose", "month_first", "pending", "period", "relday", "sure_month",
        "weekday", "zone",
    )  # fmt: skip

    def __init__(self, sure_month: bool | None, month_first: bool = False) -> None:
        self.clash: str | None = None  # two statements that contradict each other
        self.fields: dict[str, int] = {}
        self.month_first = month_first  # a name that may be a month is one while none is
        self.loose: list[tuple[int, str, str]] = []  # value, digits, the mark after it
        self.pending: str | None = None
        self.period: tuple[int, int] | None = None
        self.relday: int | None = None
        self.sure_month = sure_month  # None until a name needs it (see `_sure_month`)
        self.weekday: tuple[int, str] | None = None
        self.zone: dt.tzinfo | None = None


def _kind(tokens: list[Token], at: int) -> int:
    return tokens[at][0] if at < len(tokens) else -1


def _clock(parts: _Parts, tokens: list[Token], at: int) -> int:
    """``10:45``, ``10:45:30``, ``10:45:30.5``, ``10h45`` or ``18.33`` at ``at``; the index
    after it, or -1 when it is not a clock."""
    minute = tokens[at + 2] if at + 2 < len(tokens) else None
    if minute is None or minute[0] != NUM or len(minute[2]) != 2 or "H" in parts.fields:
        return -1
    fields = parts.fields
    fields["H"], fields["m"] = tokens[at][1], minute[1]  # type: ignore[assignment]
    at += 3
    if _is(tokens, at, PUNCT, ":") and _kind(tokens, at + 1) == NUM:
        fields["s"] = tokens[at + 1][1]  # type: ignore[assignment]
        at += 2
        if _is(tokens, at, PUNCT, ".") and _kind(tokens, at + 1) == NUM:
            digits = tokens[at + 1][2][:6]
            fields["f"] = int(digits.ljust(6, "0"))
            at += 2
    return at


def _is(tokens: list[Token], at: int, kind: int, value: object) -> bool:
    return at < len(tokens) and tokens[at][0] == kind and tokens[at][1] == value


def _set(parts: _Parts, field: str, value: int) -> bool:
    if field in parts.fields:
        return False
    parts.fields[field] = value
    return True


def _number(parts: _Parts, tokens: list[Token], at: int) -> int:
    """A number: a clock, a marked field, an hour before a day period, or a loose number."""
    value: int = tokens[at][1]  # type: ignore[assignment]
    if parts.pending is not None:
        field, parts.pending = parts.pending, None
        return at + 1 if _set(parts, field, value) else -1
    after = tokens[at + 1] if at + 1 < len(tokens) else _END  # read_tokens 4.4 vs 5.6 us
    if after[0] == NAME:
        return _before_name(parts, tokens, at, after)
    if after[0] == PUNCT and (
        after[1] == ":" or (after[1] == "." and _dotted_clock(parts, tokens, at))
    ):
        return _clock(parts, tokens, at)
    mark = after[2] if after[0] == PUNCT else " "
    parts.loose.append((value, tokens[at][2], mark))
    return at + 1


def _before_name(parts: _Parts, tokens: list[Token], at: int, after: Token) -> int:
    """A number before a name: ``10h45``, a marked field (``2023 г.``), an hour before a
    day period (``10 pm``), or a loose number."""
    value: int = tokens[at][1]  # type: ignore[assignment]
    if after[2] in ("h", "H") and after[1] == tables.names()["h"]:
        return _clock(parts, tokens, at)
    period = False
    for kind, mark in after[1]:  # type: ignore[attr-defined]
        if kind == tables.SUFFIX:
            return at + 2 if _set(parts, str(mark), value) else -1
        period = period or kind == tables.PERIOD
    if period and _set(parts, "H", value):
        return at + 1
    parts.loose.append((value, tokens[at][2], " "))
    return at + 1


def _dotted_clock(parts: _Parts, tokens: list[Token], at: int) -> bool:
    """``18.33`` after a year: a time written with a dot (not ``16.07.2023``)."""
    return (
        _is(tokens, at + 1, PUNCT, ".")
        and _kind(tokens, at + 2) == NUM
        and len(tokens[at + 2][2]) == 2
        and any(len(digits) == 4 for _, digits, _ in parts.loose)
        and not _is(tokens, at + 3, PUNCT, ".")
        and not _is(tokens, at + 3, PUNCT, ":")
        and tokens[at][1] <= 23  # type: ignore[operator]
    )


def _name(parts: _Parts, tokens: list[Token], at: int) -> int:
    """A name: the first of its options that the parts still lack."""
    options: tuple[tables.Option, ...] = tokens[at][1]  # type: ignore[assignment]
    if len(options) == 1:  # most names; read_tokens 3.4 vs 4.4 us a dateline
        kind, value = options[0]
        return at + 1 if _STEPS_BY_KIND[kind](parts, value, tokens[at][2]) else -1
    # no month among them (Spanish ``de``): read_tokens 3.2 vs 4.3 us, a Spanish dateline
    if all(kind != tables.MONTH for kind, _ in options):
        return _first(parts, options, tokens[at][2], at)
    if parts.sure_month is None:
        parts.sure_month = _sure_month(tokens)
    if parts.sure_month and not all(kind == tables.MONTH for kind, _ in options):
        # a month is named elsewhere: a name that may be something else is that
        options = tuple(option for option in options if option[0] != tables.MONTH)
    elif parts.month_first and "M" not in parts.fields:
        options = tuple(sorted(options, key=lambda option: option[0] != tables.MONTH))
    return _first(parts, options, tokens[at][2], at)


def _first(parts: _Parts, options: tuple[tables.Option, ...], raw: str, at: int) -> int:
    """Take the first option that the parts still lack; the index after the name, or -1."""
    for kind, value in options:
        if _STEPS_BY_KIND[kind](parts, value, raw):
            return at + 1
    return -1


def _sure_month(tokens: list[Token]) -> bool:
    """Whether one of the tokens is a name that is a month in every language that has it."""
    return any(t[0] == NAME and all(k == tables.MONTH for k, _ in t[1]) for t in tokens)  # type: ignore[attr-defined]


def _month(parts: _Parts, value: object, raw: str) -> bool:
    return _set(parts, "M", value)  # type: ignore[arg-type]


def _weekday(parts: _Parts, value: object, raw: str) -> bool:
    if parts.weekday is not None:
        return False
    parts.weekday = (value, raw)  # type: ignore[assignment]
    return True


def _period(parts: _Parts, value: object, raw: str) -> bool:
    if parts.period is not None:
        if parts.period != value:  # ``10:45 pm am``: the word may be German, the time is not
            parts.clash = f"two day periods ({raw!r} after another)"
        return False
    parts.period = value  # type: ignore[assignment]
    return True


def _prefix(parts: _Parts, value: object, raw: str) -> bool:
    parts.pending = str(value)
    return True


def _word(parts: _Parts, value: object, raw: str) -> bool:
    return True


def _relday(parts: _Parts, value: object, raw: str) -> bool:
    if parts.relday is not None:
        return False
    parts.relday = value  # type: ignore[assignment]
    return True


_STEPS_BY_KIND: dict[int, Callable[[_Parts, object, str], bool]] = {
    tables.MONTH: _month, tables.WEEKDAY: _weekday, tables.PERIOD: _period,
    tables.SUFFIX: _word, tables.PREFIX: _prefix, tables.WORD: _word, tables.RELDAY: _relday,
}  # fmt: skip


def _zone(parts: _Parts, tokens: list[Token], at: int) -> int:
    if parts.zone is not None and not _is(tokens, at, OFFSET, tokens[at][1]):
        return -1
    parts.zone = tokens[at][1]  # type: ignore[assignment]
    return at + 1


_STEPS: dict[int, Callable[[_Parts, list[Token], int], int]] = {
    NUM: _number, NAME: _name, ZONE: _zone, OFFSET: _zone,
}  # fmt: skip


def read_tokens(tokens: list[Token], dayfirst: bool | None) -> DateReading | _Parts | None:
    """A reading of the tokens; the parts of a relative day; None to leave it to dateutil.

    A name that is a month in one language and something else in the one named first
    (``Mar``: March, or French ``mar.`` for Tuesday) is read as the other first; when that
    gives no date, the tokens are read again with such names taken as months.
    """
    found = _read_parts(tokens, dayfirst, _Parts(None))
    if isinstance(found, _Parts) or (isinstance(found, DateReading) and found.value is not None):
        return found
    sure = _sure_month(tokens)
    if sure or not any(_may_be_month(token) for token in tokens):
        return found
    again = _read_parts(tokens, dayfirst, _Parts(sure, month_first=True))
    return again if isinstance(again, DateReading) and again.value is not None else found


def _may_be_month(token: Token) -> bool:
    """Whether a token is a name one of whose options, not the first, is a month."""
    return token[0] == NAME and any(k == tables.MONTH for k, _ in token[1][1:])  # type: ignore[index]


def _read_parts(
    tokens: list[Token], dayfirst: bool | None, parts: _Parts
) -> DateReading | _Parts | None:
    """Fill ``parts`` from the tokens and make a reading of them."""
    at = 0
    while 0 <= at < len(tokens):
        kind = tokens[at][0]  # a mark fills nothing: no call, read_tokens 3.1 vs 3.4 us
        at = at + 1 if kind == PUNCT else _STEPS[kind](parts, tokens, at)
    if parts.clash is not None:
        return ambiguous(parts.clash)
    if at < 0 or parts.pending is not None:
        return None
    if parts.relday is not None:
        return parts
    return _assemble(parts, dayfirst)


def _assemble(parts: _Parts, dayfirst: bool | None) -> DateReading | None:
    day = _day(parts, dayfirst)
    if not isinstance(day, dt.date):
        return day
    if parts.weekday is not None and parts.weekday[0] != day.weekday():
        return ambiguous(f"{parts.weekday[1]} is not the weekday of {day}")
    if "H" not in parts.fields:
        if parts.period is not None or parts.zone is not None:
            return unreadable("a day period or zone without a time")
        return DateReading(day, None)
    return _moment(parts, day)


def _day(parts: _Parts, dayfirst: bool | None) -> dt.date | DateReading | None:
    """The date of the parts: a reading that says what is missing, or None for dateutil."""
    fields, loose = parts.fields, parts.loose
    year_first = bool(loose) and len(loose[0][1]) == 4 and "y" not in fields
    if "y" not in fields:
        year = _year(loose)
        if year is None:
            return None  # dateutil says what is missing
        loose.remove(year)
        fields["y"] = year[0]
    if "M" not in fields and len(loose) == 2 and "d" not in fields:
        order = _numeric(loose, year_first, dayfirst, fields["y"])
        if isinstance(order, DateReading):
            return order
        fields["d"], fields["M"] = order
        loose.clear()
    if "d" not in fields and len(loose) == 1 and len(loose[0][1]) <= 2:
        fields["d"] = loose.pop()[0]
    if loose:
        return None
    return _make_day(fields)


def _year(loose: list[tuple[int, str, str]]) -> tuple[int, str, str] | None:
    """The first loose number of four digits."""
    for item in loose:
        if len(item[1]) == 4:
            return item
    return None


def _make_day(fields: dict[str, int]) -> dt.date | DateReading:
    if "M" not in fields or "d" not in fields:
        missing = [name for key, name in (("M", "month"), ("d", "day")) if key not in fields]
        return unreadable("no " + " or ".join(missing))
    year, month, day = fields["y"], fields["M"], fields["d"]
    if not 1000 <= year <= 9999:
        return unreadable(f"year {year} out of range")
    try:
        return dt.date(year, month, day)
    except ValueError:
        return unreadable(f"no such day: {year}-{month:02}-{day:02}")


def _numeric(
    loose: list[tuple[int, str, str]], year_first: bool, dayfirst: bool | None, year: int
) -> tuple[int, int] | DateReading:
    """(day, month) of the two numbers of a numeric date."""
    (one, one_text, sep), (two, _, _) = loose
    if year_first:
        return two, one
    if sep == "." or one > 12 or one == two:
        return one, two  # dotted dates are day-first
    if two > 12:
        return two, one
    if dayfirst is None:
        month_one, month_two = _ENGLISH_MONTHS[two - 1], _ENGLISH_MONTHS[one - 1]
        text = f"{one_text}{sep}{loose[1][1]}{sep}{year}"
        return ambiguous(f"{text} could be {one} {month_one} or {two} {month_two}")
    return (one, two) if dayfirst else (two, one)


def _moment(parts: _Parts, day: dt.date) -> DateReading:
    fields = parts.fields
    hour = _hour(fields["H"], parts.period)
    if hour is None:
        return unreadable(f"hour {fields['H']} does not fit the day period")
    minute, second, micro = fields.get("m", 0), fields.get("s", 0), fields.get("f", 0)
    try:
        naive = dt.datetime(day.year, day.month, day.day, hour, minute, second, micro)
    except ValueError:
        return unreadable(f"no such time: {hour:02}:{minute:02}:{second:02}")
    zone = parts.zone
    if isinstance(zone, ZoneInfo):  # ET: the offset in force then, as a fixed offset
        zone = dt.timezone(zone.utcoffset(naive) or dt.timedelta(0), zone.key)
    value = naive if zone is None else naive.replace(tzinfo=zone)
    return DateReading(value, None)


def _hour(hour: int, period: tuple[int, int] | None) -> int | None:
    """The hour of the day of a clock's hour in a day period (``10`` ``pm``: 22)."""
    if period is None:
        return hour
    start, stop = period
    if hour > 12:
        return hour if stop - start < 720 and _within(hour * 60, start, stop) else None
    for candidate in (hour % 12, hour % 12 + 12):
        if _within(candidate * 60, start, stop):
            return candidate
    return None if (start, stop) in ((0, 720), (720, 1440)) else hour % 12 + 12 * (start >= 720)


def _within(minute: int, start: int, stop: int) -> bool:
    if start <= stop:
        return start <= minute < stop or (stop - start == 1 and minute == start)
    return minute >= start or minute < stop


def _read_text(text: str, dayfirst: bool | None, lang: str | None) -> DateReading:
    """Read a text on a memo miss: ISO, the tables, relative forms, dateutil."""
    if len(text) > MAX_READ:
        return unreadable(f"longer than {MAX_READ} characters")
    s = normalize(text)
    if not s:
        return unreadable("empty")
    if s[4:5] == "-" and s[7:8] == "-" and "0" <= s[0] <= "9":
        iso = _read_iso(s)
        if iso is not None:
            return iso
    tokens = _tokenize(s, lang)
    found = None if tokens is None else read_tokens(tokens, dayfirst)
    if isinstance(found, DateReading):
        return found
    if isinstance(found, _Parts) or relative.ago(s) is not None:
        return relative.needs_now(s)
    return read_dateutil(s, dayfirst)


def _read_iso(s: str) -> DateReading | None:
    """ISO 8601 with the standard library; None when it refuses."""
    try:
        value = dt.date.fromisoformat(s) if len(s) == 10 else dt.datetime.fromisoformat(s)
    except ValueError:
        return None
    if value.year < 1000:
        return unreadable(f"year {value.year} out of range")
    return DateReading(value, None)


def _relative(text: str, lang: str | None, now: dt.datetime) -> DateReading:
    """Read a relative dateline against ``now``."""
    s = normalize(text)
    found = relative.ago(s)
    if found is not None:
        return relative.resolve_ago(*found, now)
    tokens = _tokenize(s, lang) or []
    parts = read_tokens(tokens, None)
    if not isinstance(parts, _Parts) or parts.relday is None:
        return relative.needs_now(s)
    fields = parts.fields
    if "H" not in fields:
        return relative.resolve_day(parts.relday, None, now)
    hour = _hour(fields["H"], parts.period)
    if hour is None or hour > 23 or fields.get("m", 0) > 59:
        return unreadable(f"no such time in {s!r}")
    clock = (hour, fields.get("m", 0), fields.get("s", 0))
    return relative.resolve_day(parts.relday, clock, now)


def read_date(
    text: str,
    *,
    dayfirst: bool | None = None,
    tz: dt.tzinfo | None = None,
    lang: str | None = None,
    now: dt.datetime | None = None,
) -> DateReading:
    """Read a date text whose label is already removed.

    Args:
        text: The date as displayed; surrounding whitespace is allowed, NBSP counts as space.
        dayfirst: How to read ``03/04/2023``: True for 3 April, False for 4 March, None to
            report it as ambiguous (or to follow ``lang``). Dotted ``03.04.2023`` is always
            day-first.
        tz: Zone to attach to a naive datetime (then ``tz_assumed`` is True). A day-only
            date never gets a zone.
        lang: The site's language (``"de"``): its names are tried first, and its date
            order settles ``03/04/2023`` when ``dayfirst`` is None.
        now: The reference time for relative datelines (``2 hours ago``, ``gestern``);
            without it they read as problem ``"relative"``.

    Returns:
        The reading; it never raises. Readings are memoised (they are immutable), so a
        dump that repeats a dateline pays for it once.

    >>> read_date("July 16, 2023").value
    datetime.date(2023, 7, 16)
    >>> read_date("03/04/2023").detail
    '03/04/2023 could be 3 April or 4 March'
    >>> read_date("16 июля 2023 г.").value
    datetime.date(2023, 7, 16)
    """
    try:
        if dayfirst is None and lang is not None:
            dayfirst = tables.order_of(lang)
        key = (dayfirst, lang)
        memo = _MEMOS.get(key)
        if memo is None:
            memo = _MEMOS[key] = {}
        reading = memo.get(text)
        if reading is None:
            reading = _read_text(text, dayfirst, lang)
            if len(text) <= MAX_READ:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                memo[text] = reading
        if reading.problem == RELATIVE and now is not None:
            reading = _relative(text, lang, now)
        return reading if tz is None else _assumed(reading, tz)
    except Exception as exc:  # a safety net: nothing escapes, whatever the input
        return unreadable(f"cannot read: {type(exc).__name__}")


def _assumed(reading: DateReading, tz: dt.tzinfo | None) -> DateReading:
    """The reading with ``tz`` put on a naive datetime, marked as assumed."""
    stated = reading.value
    if tz is None or type(stated) is not dt.datetime or stated.tzinfo is not None:
        return reading
    return in_zone(stated.replace(tzinfo=tz), assumed=True)


def forget() -> None:
    """Empty the memo (benchmarks and tests)."""
    for memo in _MEMOS.values():
        memo.clear()
