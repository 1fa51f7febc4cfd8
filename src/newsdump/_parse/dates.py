"""Read the dateline of a news dump file: the date as the site displayed it.

Common forms take a fast path: ``datetime.fromisoformat`` for ISO 8601, tokens looked up in
tables of month, day, weekday, clock and zone spellings for the rest, and a few precompiled
regular expressions with the same tables behind them. Anything else goes to dateutil, guarded
so that it never fills a missing part from today and never picks a day/month order on its own.

A reading says what the text states and no more: a day is a ``date``, a time makes a naive
``datetime``, a stated offset or known zone abbreviation makes an aware one (fixed offset).
Readings are immutable and memoised per text (a bounded memo): dumps repeat their datelines.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
from typing import Any, NamedTuple

from dateutil import parser as _dateutil

__all__ = [
    "AMBIGUOUS_TIME",
    "NONEXISTENT_TIME",
    "DateReading",
    "in_zone",
    "looks_like_date",
    "read_date",
    "split_label",
]

_AMBIGUOUS = "ambiguous"
_UNREADABLE = "unreadable"
_MAX_READ = 80  # longer texts are not datelines; dateutil is never asked
_MAX_LOOKS = 60
_MEMO_SIZE = 4096  # readings kept per dayfirst value; the memo is emptied when full

# One row per language; twelve "|"-separated months, each a space-separated list of spellings.
_MONTH_ROWS = (
    "january jan|february feb|march mar|april apr|may|june jun|july jul|august aug"
    "|september sep sept|october oct|november nov|december dec",
    "januar jänner jän|februar feber|märz mär mrz|april apr|mai|juni jun|juli jul|august aug"
    "|september sep|oktober okt|november nov|dezember dez",
    "janvier janv|février févr fév|mars|avril avr|mai|juin|juillet juil|août"
    "|septembre sept|octobre oct|novembre nov|décembre déc",
    "enero ene|febrero feb|marzo mar|abril abr|mayo may|junio jun|julio jul|agosto ago"
    "|septiembre setiembre sep sept|octubre oct|noviembre nov|diciembre dic",
    "gennaio gen|febbraio feb|marzo mar|aprile apr|maggio mag|giugno giu|luglio lug|agosto ago"
    "|settembre set|ottobre ott|novembre nov|dicembre dic",
    "janeiro jan|fevereiro fev|março mar|abril abr|maio mai|junho jun|julho jul|agosto ago"
    "|setembro set|outubro out|novembro nov|dezembro dez",
    "januari jan|februari feb|maart mrt|april apr|mei|juni jun|juli jul|augustus aug"
    "|september sep|oktober okt|november nov|december dec",
    "januar januari|februar februari|mars|april|mai maj|juni|juli|august augusti"
    "|september|oktober|november|desember december des",
)
# One row per language; seven "|"-separated weekdays from Monday.
_WEEKDAY_ROWS = (
    "monday mon|tuesday tue tues|wednesday wed|thursday thu thur thurs|friday fri"
    "|saturday sat|sunday sun",
    "montag mo|dienstag di|mittwoch mi|donnerstag do|freitag fr|samstag sonnabend sa|sonntag so",
    "lundi lun|mardi mar|mercredi mer|jeudi jeu|vendredi ven|samedi sam|dimanche dim",
    "lunes|martes|miércoles|jueves|viernes|sábado|domingo",
    "lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica",
    "segunda-feira segunda|terça-feira terça|quarta-feira quarta|quinta-feira quinta"
    "|sexta-feira sexta|sábado|domingo",
    "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag",
    "mandag måndag|tirsdag tisdag|onsdag|torsdag|fredag|lørdag lördag|søndag söndag",
)
# Zone abbreviations with a fixed offset, in minutes east of UTC.
_ZONE_MINUTES = {
    "UTC": 0, "GMT": 0, "Z": 0, "JST": 540, "KST": 540, "CET": 60, "CEST": 120, "EST": -300,
    "EDT": -240, "PST": -480, "PDT": -420, "MSK": 180, "IST": 330, "BST": 60, "AEST": 600,
    "SAST": 120, "WAT": 60, "EAT": 180,
}  # fmt: skip
_MONTH_NAMES = tuple(row.split()[0].title() for row in _MONTH_ROWS[0].split("|"))


def _spellings(name: str) -> set[str]:
    """Return a name with its unaccented and German transliterated spellings."""
    bare = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return {name, bare, name.replace("ä", "ae").replace("ö", "oe").replace("ø", "o")}


def _table(rows: tuple[str, ...], start: int) -> dict[str, int]:
    """Map every spelling in the rows to its slot number, counted from start."""
    table: dict[str, int] = {}
    for row in rows:
        for number, names in enumerate(row.split("|"), start):
            for name in names.split():
                table.update(dict.fromkeys(_spellings(name), number))
    return table


_MONTHS = _table(_MONTH_ROWS, 1)
_WEEKDAYS = _table(_WEEKDAY_ROWS, 0)
_ZONES: dict[str, dt.tzinfo] = {
    name: dt.timezone(dt.timedelta(minutes=minutes), name) if minutes else dt.UTC
    for name, minutes in _ZONE_MINUTES.items()
}


def _cased(table: dict[str, int]) -> dict[str, int]:
    """The ASCII spellings of a table in lower, title and upper case, as written in text."""
    return {
        cased: number
        for name, number in table.items()
        if name.isascii()
        for cased in (name, name.title(), name.upper())
    }


_MONTH_NUMBER = _cased(_MONTHS)
_MONTH_DIGITS = {name: f"{number:02}" for name, number in _MONTH_NUMBER.items()}
_WEEKDAY_NUMBER = _cased(_WEEKDAYS)
# Numbers of one or two digits as written ("7", "07", "13"): their value and two digits.
_NUMBER = {f"{n}": n for n in range(100)} | {f"{n:02}": n for n in range(10)}
_TWO_DIGITS = {text: f"{n:02}" for text, n in _NUMBER.items()}
_HOUR_24 = {text: two for text, two in _TWO_DIGITS.items() if _NUMBER[text] < 24}
_HOUR_AM = {text: f"{_NUMBER[text] % 12:02}" for text in _TWO_DIGITS if _NUMBER[text] <= 12}
_HOUR_PM = {text: f"{_NUMBER[text] % 12 + 12}" for text in _HOUR_AM}
_ISO_SEPARATORS = ("", "T", " ")
_date_from_iso = dt.date.fromisoformat
_datetime_from_iso = dt.datetime.fromisoformat
_datetime = dt.datetime
_date = dt.date
_UTC = dt.UTC


def _tokens(table: dict[str, int], pattern: str, ends: tuple[str, ...]) -> dict[str, int]:
    """The spellings of a table that fullmatch a pattern, each with every one of the ends."""
    return {
        name + end: number
        for name, number in table.items()
        if re.fullmatch(pattern, name)
        for end in ends
    }


# The tokens (`_read`): a dateline split at single spaces, each token looked up whole in a
# table of the exact strings that the quick patterns below accept in its place, so a text of
# known tokens is one that those patterns match, with the same parts (but for the non-ASCII
# month names, which the tests check against the general path).
_MONTH_TOKEN = _tokens(_MONTH_NUMBER, "[A-Za-z]{3,9}", ("", "."))  # July, Jul.
# März, août: letters that NFC and case folding leave as they are, which the general path
# reads to the same month (the quick patterns take ASCII only)
_MONTH_TOKEN |= _tokens(
    {
        cased: number
        for name, number in _MONTHS.items()
        if not name.isascii() and unicodedata.is_normalized("NFC", name)
        for cased in (name, name.title(), name.upper())
        if cased.lower() == name and unicodedata.is_normalized("NFC", cased)
    },
    r"[^\W\d_]{3,9}",
    ("", "."),
)
_WEEKDAY_TOKEN = _tokens(_WEEKDAY_NUMBER, "[A-Za-z]{2,9}", (",",))  # Monday,
_DAYS = {text: n for text, n in _NUMBER.items() if 1 <= n <= 31}
_DAY_COMMA = _tokens(_DAYS, ".*", ("", ","))  # the day of July 16, 2023
_DAY_DOT = _tokens(_DAYS, ".*", ("", "."))  # the day of 16. Juli 2023
_YEAR = {f"{year}": year for year in range(1800, 2200)}  # other years take the patterns
_YEAR_COMMA = {f"{year},": year for year in _YEAR.values()}
_HOUR_MINUTE = [(hour, minute) for hour in range(24) for minute in range(60)]
_CLOCK = {f"{h}:{m:02}": (h, m) for h, m in _HOUR_MINUTE} | {
    f"{h:02}:{m:02}": (h, m) for h, m in _HOUR_MINUTE
}  # 7:05 and 07:05; seconds take the patterns
# The clock of 10:45 pm: the same tokens up to 12:59, read on a 12-hour clock
_CLOCK_AM = {text: _HOUR_MINUTE[h % 12 * 60 + m] for text, (h, m) in _CLOCK.items() if h <= 12}
_CLOCK_PM = {text: _HOUR_MINUTE[(h + 12) * 60 + m] for text, (h, m) in _CLOCK_AM.items()}
_AM_PM = {
    f"{a}{dot}{m}{end}": _CLOCK_AM if a in "Aa" else _CLOCK_PM
    for a in "AaPp"
    for m in "Mm"
    for dot in ("", ".")
    for end in ("", ".")
}
# What follows a clock: am/pm (the clock read on 12 hours) or a zone (read on 24)
_SUFFIX: dict[str, tuple[dict[str, tuple[int, int]], dt.tzinfo | None]] = {
    **{token: (clocks, None) for token, clocks in _AM_PM.items()},
    **{name: (_CLOCK, zone) for name, zone in _ZONES.items()},
}
# What a dateline's first token says it starts: a month, a day, a weekday or a time (a
# numeric date such as 16.07.2023 is none of these); the four tables share no token.
_MONTH_FIRST, _DAY_FIRST, _WEEKDAY_FIRST, _TIME_FIRST, _NUMBERS_FIRST = range(5)
_KINDS = [[(kind, number) for number in range(32)] for kind in range(4)]  # shared entries
_HEAD: dict[str, tuple[int, Any]] = {
    **{token: _KINDS[_MONTH_FIRST][month] for token, month in _MONTH_TOKEN.items()},
    **{token: _KINDS[_DAY_FIRST][day] for token, day in _DAY_DOT.items()},
    **{token: _KINDS[_WEEKDAY_FIRST][weekday] for token, weekday in _WEEKDAY_TOKEN.items()},
    **{token + end: _KINDS[_TIME_FIRST][0] for token in _CLOCK for end in ("", ",")},
}
_NUMBERS_HEAD = (_NUMBERS_FIRST, None)
_MAX_TOKENS = 8  # Monday, July 16, 2023 - 10:45 pm GMT: a longer text has a part no table holds


def _numeric_tables() -> dict[bool | None, dict[str, tuple[int, int]]]:
    """The (day, month) of 16.07. and 16/07/ as `_match_digits` orders them, per ``dayfirst``.

    Each table holds the unambiguous ones (dotted, or one number above 12, or both the
    same) and those that its ``dayfirst`` decides (none for None).
    """
    plain: dict[str, tuple[int, int]] = {}
    ordered: dict[bool, dict[str, tuple[int, int]]] = {True: {}, False: {}}
    pairs = [[(day, month) for month in range(32)] for day in range(32)]  # shared entries
    for one in range(1, 32):
        for two in range(1, 32):
            for sep in "./-":
                key = f"{one:02}{sep}{two:02}{sep}"
                if sep == "." or one > 12 or one == two:
                    if two <= 12:
                        plain[key] = pairs[one][two]
                elif two > 12:
                    plain[key] = pairs[two][one]
                else:
                    ordered[True][key] = pairs[one][two]
                    ordered[False][key] = pairs[two][one]
    return {None: plain, True: plain | ordered[True], False: plain | ordered[False]}


_NUMERIC = _numeric_tables()

_L = r"[^\W\d_]"  # a letter in any script
# Each date pattern has four groups: first part, separator or suffix, second part, year.
_MDY = rf"({_L}{{3,}}+)(\.?) ([0-9]{{1,2}})(?:st|nd|rd|th)?,? ([0-9]{{4}})"
_DMY = rf"([0-9]{{1,2}})(\.|st|nd|rd|th|er|º|) (?:de )?({_L}{{3,}}+)\.?,? (?:del? )?([0-9]{{4}})"
_NUM = r"([0-9]{1,2})(?P<sep>[./-])([0-9]{1,2})(?P=sep)([0-9]{4})"
# The time has five groups: hour, minute, second, a/p of am/pm, zone.
_OFFSET = r"(?:UTC|GMT)?([+-])([0-9]{1,2})(?::?([0-9]{2}))?"
_TIME = (
    r"([0-9]{1,2})[:h]([0-9]{2})(?::([0-9]{2}))?(?: ?([AaPp])\.?[Mm]\.?)?"
    r"(?: ([A-Z]{1,5}|(?:UTC|GMT)?[+-][0-9]{1,2}(?::?[0-9]{2})?))?(?: Uhr)?"
)
_THEN_TIME = (
    rf"(?:(?:,? | - | \u2013 | \u2014 | \| |,? (?:at|um|à|a las|alle|às|kl\.|om) ){_TIME})?"
)
# The commonest day-only forms, each a strict subset of one of the three above.
_DAY_ONLY = re.compile(
    r"([A-Za-z]{3,9})\.? ([0-9]{1,2}),? ([0-9]{4})"
    rf"|([0-9]{{1,2}})\.? ({_L}{{3,9}})\.? ([0-9]{{4}})"
    r"|([0-9]{2})\.([0-9]{2})\.([0-9]{4})"
)
_MDY_FORM, _DMY_FORM, _NUM_FORM = (re.compile(date + _THEN_TIME) for date in (_MDY, _DMY, _NUM))
_LETTER_FORMS: tuple[re.Pattern[str], ...] = (_MDY_FORM,)
_DIGIT_FORMS: tuple[re.Pattern[str], ...] = (_NUM_FORM, _DMY_FORM)
_TIME_FIRST_FORMS = tuple(re.compile(rf"{_TIME}(?:,? | - | \| ){d}") for d in (_MDY, _DMY, _NUM))
_WEEKDAY_PREFIX = re.compile(rf"({_L}{{2,}}+(?:-{_L}++)?)\.?,? ")
_TIME_ONLY = re.compile(_TIME)
_OFFSET_ONLY = re.compile(_OFFSET)
_POSIX_ZONE = re.compile(r"(?<![A-Za-z])(?:UTC|GMT)(?=[+-][0-9])")  # dateutil reads GMT+3 as -3
_YEAR_FIRST = re.compile(r"[0-9]{4}[^0-9]")
_FULL_YEAR = re.compile(r"[0-9]{4}")
_WORD = re.compile(rf"{_L}+")
_DIGIT = re.compile(r"[0-9]")
_NUMERIC_DATE = re.compile(
    r"(?<![0-9])(?:[0-9]{1,2}([./-])[0-9]{1,2}\1(?:[0-9]{4}|[0-9]{2})"
    r"|[0-9]{4}([./-])[0-9]{1,2}\2[0-9]{1,2})(?![0-9])"
)
# The quick patterns (`_read_patterns`, behind the tokens of `_read`): the common forms exactly
# as sites write them, in ASCII with single spaces, each a strict subset of a general pattern
# above and read to the same result. Quantifiers are possessive and every optional part starts
# with a literal, so no pattern backtracks more than a character or two.
_QUICK_TIME = (
    r"([0-9]{1,2}+):([0-9]{2})(?::([0-9]{2}))?+(?: ?([AaPp])\.?[Mm]\.?)?+(?: ([A-Z]{1,5}+))?+"
)
_QUICK_YEAR = r" ([1-9][0-9]{3})"  # years before 1000 go the long way, which refuses them
_quick_letters = re.compile(
    r"(?:([A-Za-z]{2,9}+), )?+"  # a weekday
    r"(?:([A-Za-z]{3,9}+)\.? ([0-9]{1,2}+),?|([0-9]{1,2}+)\.? ([A-Za-z]{3,9}+)\.?)"
    rf"{_QUICK_YEAR}(?:(?:,? | - ){_QUICK_TIME})?+"
).fullmatch
_quick_digits = re.compile(
    r"([0-9]{1,2}+)(?:([./-])([0-9]{1,2}+)\2|\.? ([A-Za-z]{3,9}+)\.? )([1-9][0-9]{3})"
    rf"(?:(?:,? | - ){_QUICK_TIME})?+"
).fullmatch
_quick_time_first = re.compile(
    rf"{_QUICK_TIME}(?:,? | - )([A-Za-z]{{3,9}}+)\.? ([0-9]{{1,2}}+),?{_QUICK_YEAR}"
).fullmatch
_LABEL = re.compile(
    r"\s*(?:(?:last\s+)?updated|published|posted|modified|date|aktualisiert|ver[öo]ffentlicht"
    r"|stand|publi[ée]\s+le|mis\s+[àa]\s+jour|publicado|actualizado|pubblicato|aggiornato)"
    r"(?:\s+(?:on|am|le|il|el)(?=[\s:]))?(?:\s*:\s*|\s+|$)",
    re.IGNORECASE,
)
# ASCII characters no label can start with (nor the spaces before one): a label's first
# letter is one of l u p m d a v s, in either case
_NO_LABEL_START = frozenset(
    c for c in map(chr, range(33, 127)) if c.lower() not in "lupmdavs" or not c.isalpha()
)
# Words a dateline may carry besides its date: labels, connectors, suffixes, clock words.
_FREE_TEXT = (
    "updated published posted modified last date aktualisiert veröffentlicht stand publié mis"
    " à jour publicado actualizado pubblicato aggiornato on am pm le de del of at um uhr kl om"
    " alle às a las st nd rd th er"
)
_FREE_WORDS = frozenset(_FREE_TEXT.split())
_DEFAULT_A = dt.datetime(2001, 2, 3, 4, 5, 6, 7)  # two defaults that differ in every field:
_DEFAULT_B = dt.datetime(2002, 3, 4, 5, 6, 7, 8)  # a part that differs was not in the text


class DateReading(NamedTuple):
    """The outcome of reading a dateline.

    Attributes:
        value: A ``date`` when only the day is known, a naive ``datetime`` when a time is
            given without a zone, an aware ``datetime`` when the text states an offset or a
            known zone abbreviation (or ``tz`` was assumed); ``None`` when not read.
        problem: ``None`` when read without a problem; ``"ambiguous"`` or ``"unreadable"``
            when not read; ``"nonexistent-time"`` or ``"ambiguous-time"`` when read (the
            value is set) as a local time its zone skips or repeats (see `in_zone`).
        detail: A short message saying what the problem is.
        tz_assumed: True when the zone came from the ``tz`` argument, not from the text.
    """

    value: dt.date | dt.datetime | None
    problem: str | None
    detail: str = ""
    tz_assumed: bool = False


def _read_value(value: dt.date) -> DateReading:
    """A reading of a value with no problem, built without the named tuple's ``__new__``."""
    return _new_tuple(DateReading, (value, None, "", False))


_new_tuple = tuple.__new__

_MEMOS: dict[bool | None, dict[str, DateReading]] = {None: {}, True: {}, False: {}}


class _UnknownZoneError(Exception):
    """A zone name that the zone table does not know."""


def split_label(line: str) -> tuple[str, str]:
    """Split an optional label such as ``Updated:`` from a dateline.

    Args:
        line: The dateline as it stands in the file.

    Returns:
        ``(label, text)`` with ``label + text == line``; the label keeps its colon and the
        spaces around it. ``("", line)`` when the line has no label.

    >>> split_label("Updated: July 16, 2023")
    ('Updated: ', 'July 16, 2023')
    >>> split_label("July 16, 2023")
    ('', 'July 16, 2023')
    """
    if line[:1] in _NO_LABEL_START:  # most datelines need no pattern
        return "", line
    match = _LABEL.match(line)
    if match is None:
        return "", line
    return match.group(), line[match.end() :]


def looks_like_date(text: str) -> bool:
    """Tell cheaply whether a short line is plausibly meant as a date.

    Args:
        text: A line, label included or not.

    Returns:
        True when the line has at most 60 characters, a digit, at most one word that is not a
        month, weekday, zone, label or connector, and a four-digit year, a month name or a
        numeric date (d.m.y, d/m/y, y-m-d).

    >>> looks_like_date("16. Juli 2023")
    True
    >>> looks_like_date("The 2 men met at noon.")
    False
    """
    s = text.strip()
    if not s or len(s) > _MAX_LOOKS or _DIGIT.search(s) is None:
        return False
    has_month = False
    strangers = 0
    for word in _WORD.findall(s):
        lower = word.lower()
        if lower in _MONTHS:
            has_month = True
        elif not (len(lower) < 2 or lower in _WEEKDAYS or lower in _FREE_WORDS or word in _ZONES):
            strangers += 1
    if strangers > 1:
        return False
    return has_month or _FULL_YEAR.search(s) is not None or _NUMERIC_DATE.search(s) is not None


def read_date(  # noqa: C901 - the quick path is inlined (see `_read`)
    text: str, *, dayfirst: bool | None = None, tz: dt.tzinfo | None = None
) -> DateReading:
    """Read a date text whose label is already removed.

    Args:
        text: The date as displayed; surrounding whitespace is allowed, NBSP counts as space.
        dayfirst: How to read ``03/04/2023``: True for 3 April, False for 4 March, None to
            report it as ambiguous. Dotted ``03.04.2023`` is always day-first.
        tz: Zone to attach to a naive datetime (then ``tz_assumed`` is True). A day-only
            date never gets a zone.

    Returns:
        The reading; it never raises. Readings of recent texts are memoised (they are
        immutable), so a dump that repeats a dateline pays for it once.

    >>> read_date("July 16, 2023").value
    datetime.date(2023, 7, 16)
    >>> read_date("03/04/2023").detail
    '03/04/2023 could be 3 April or 4 March'
    """
    try:
        memo = _MEMOS[dayfirst]
        reading = memo.get(text)
        if reading is None:  # `_read`, in this one frame: a call costs two table lookups
            if text[4:5] == "-":
                reading = _read_iso_form(text, dayfirst)
            else:  # the tokens; see `_read`
                parts = text.split(" ", _MAX_TOKENS)  # the last part keeps any more spaces
                size = len(parts)
                kind, first = _HEAD.get(parts[0], _NUMBERS_HEAD)
                if kind == _TIME_FIRST:  # 10:45 GMT, July 16, 2023
                    reading = _read_time_first(text, parts, dayfirst)
                else:
                    try:
                        if kind == _MONTH_FIRST:  # July 16[,] 2023
                            month, day, year_token, at = first, _DAY_COMMA[parts[1]], parts[2], 3
                        elif kind == _NUMBERS_FIRST:  # 16.07.2023: day and month of 16.07.
                            head = parts[0]
                            day, month = _NUMERIC[dayfirst][head[:6]]
                            year_token, at = head[6:], 1
                        elif kind == _DAY_FIRST:  # 16[.] July 2023
                            day, month, year_token, at = first, _MONTH_TOKEN[parts[1]], parts[2], 3
                        else:  # Monday, July 16[,] 2023 or Monday, 16[.] July 2023
                            month = _MONTH_TOKEN.get(parts[1])
                            if month is None:
                                day, month = _DAY_DOT[parts[1]], _MONTH_TOKEN[parts[2]]
                            else:
                                day = _DAY_COMMA[parts[2]]
                            year_token, at = parts[3], 4
                        if at == size:
                            value: dt.date = _date(_YEAR[year_token], month, day)
                        else:  # [, | - ]10:45 [pm] [GMT]
                            year = _YEAR.get(year_token)
                            if year is None:
                                year = _YEAR_COMMA[year_token]
                            elif parts[at] == "-":
                                at += 1
                            clock, rest = parts[at], size - at
                            if rest == 1:
                                hour, minute = _CLOCK[clock]
                                value = _datetime(year, month, day, hour, minute)
                            else:  # pm or GMT, or pm GMT; a KeyError for 13:00 pm
                                if rest == 2:
                                    clocks, tzinfo = _SUFFIX[parts[at + 1]]
                                elif rest == 3:
                                    clocks, tzinfo = _AM_PM[parts[at + 1]], _ZONES[parts[at + 2]]
                                else:
                                    raise IndexError(rest)
                                hour, minute = clocks[clock]
                                if tzinfo is None:  # five arguments cost less than eight
                                    value = _datetime(year, month, day, hour, minute)
                                else:
                                    value = _datetime(year, month, day, hour, minute, 0, 0, tzinfo)
                        if kind == _WEEKDAY_FIRST and first != value.weekday():
                            reading = _read_general(text, dayfirst)  # it says which is wrong
                        else:
                            reading = _new_tuple(DateReading, (value, None, "", False))
                    except (KeyError, IndexError, ValueError):  # see `_read`
                        reading = _read_patterns(text, dayfirst)
            if len(text) <= _MAX_READ:
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[text] = reading
        if tz is None:
            return reading
        stated = reading.value
        if type(stated) is not dt.datetime or stated.tzinfo is not None:
            return reading
        return in_zone(stated.replace(tzinfo=tz), assumed=True)
    except Exception as exc:  # a safety net: nothing escapes, whatever the input
        return _unreadable(f"cannot read: {type(exc).__name__}")


NONEXISTENT_TIME = "nonexistent-time"
"""The problem of a local time that its zone skips (the clocks moved forward over it)."""
AMBIGUOUS_TIME = "ambiguous-time"
"""The problem of a local time that its zone repeats (the clocks moved back over it)."""


def in_zone(moment: dt.datetime, *, assumed: bool) -> DateReading:
    """The reading of an aware time, with a problem when its zone skips or repeats that
    wall time (a daylight-saving change); the time itself is kept as it is, ``fold``
    included (``fold=0`` reads a skipped time with the offset before the change and a
    repeated one as its first occurrence).

    >>> import zoneinfo
    >>> berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    >>> in_zone(dt.datetime(2023, 3, 26, 2, 30, tzinfo=berlin), assumed=True).problem
    'nonexistent-time'
    """
    offset = moment.utcoffset()
    other = moment.replace(fold=1 - moment.fold).utcoffset()  # one replace: 2.0 vs 3.9 us (timeit)
    if offset == other or offset is None or other is None:
        return DateReading(moment, None, "", assumed)
    first, second = (other, offset) if moment.fold else (offset, other)
    wall = moment.replace(tzinfo=None).isoformat(" ")
    zone = getattr(moment.tzinfo, "key", None) or moment.tzname() or "its zone"
    shown = _offset(offset)
    if first < second:  # a gap: the offset grows across it
        detail = f"{wall} does not exist in {zone} (the clocks skip it); read as {wall}{shown}"
        return DateReading(moment, NONEXISTENT_TIME, detail, assumed)
    which = "second" if moment.fold else "first"
    detail = f"{wall} happens twice in {zone}; read as the {which}, {wall}{shown}"
    return DateReading(moment, AMBIGUOUS_TIME, detail, assumed)


def _offset(delta: dt.timedelta | None) -> str:
    """``+01:00`` for a UTC offset (seconds shown only when it has them)."""
    seconds = int(delta.total_seconds()) if delta is not None else 0
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02}:{minutes:02}" + (f":{seconds:02}" if seconds else "")


def _read(text: str, dayfirst: bool | None) -> DateReading:
    """Read a dateline the quick way, as `read_date` does on a memo miss, memo left alone.

    The common forms are read from the text as given, so a text with surrounding or
    doubled spaces, tabs or other than ASCII goes the long way, which tidies it first.
    ISO 8601 goes to ``fromisoformat`` (`_read_iso_form`); the other forms are split at
    single spaces, each token looked up whole in a table (`_HEAD`, ``_MONTH_TOKEN`` …) of
    the exact strings that the quick patterns (`_read_patterns`) accept in its place
    (``Monday,`` ``Jul.`` ``16,`` ``2023`` ``16.07.2023`` ``10:45`` ``pm`` ``GMT``), and the
    value is made by the ``date`` or ``datetime`` constructor; this is inlined in
    `read_date`, where a function call would cost as much as two lookups. A time first
    goes to `_read_time_first`. A token that no table holds (KeyError), too few tokens
    (IndexError) or no such day or time (ValueError) hands the text to `_read_patterns`,
    which reads a few more spellings (seconds, years outside the table, single-digit
    numeric dates). Anything unusual (a day the month lacks, a weekday that is not the
    date's, a slashed date that ``dayfirst`` must decide) leaves the reading to the
    general path, which says what is wrong. The result is the general path's, which the
    tests check.
    """
    memo = _MEMOS[dayfirst]
    kept = memo.pop(text, None)
    try:
        return read_date(text, dayfirst=dayfirst)
    finally:
        memo.pop(text, None)
        if kept is not None:
            memo[text] = kept


def _read_time_first(text: str, parts: list[str], dayfirst: bool | None) -> DateReading:
    """10:45 [pm] [GMT], July 16[,] 2023 or 10:45 [pm] [GMT] - July 16[,] 2023; see `_read`.

    The time ends with a comma or a dash: after a plain space the quick pattern would take
    a capitalised month for a zone, and the general path decides.
    """
    end = len(parts) - 3
    try:
        if end < 1:
            raise IndexError(end)
        month, day, year = _MONTH_TOKEN[parts[end]], _DAY_COMMA[parts[end + 1]], _YEAR[parts[-1]]
        last = parts[end - 1]
        if last == "-":
            end -= 1
        elif last[-1:] == ",":
            parts[end - 1] = last[:-1]
        else:
            raise KeyError(last)
        if end == 1:
            clocks, tzinfo = _CLOCK, None
        elif end == 2:  # pm or GMT
            clocks, tzinfo = _SUFFIX[parts[1]]
        elif end == 3:  # pm GMT
            clocks, tzinfo = _AM_PM[parts[1]], _ZONES[parts[2]]
        else:
            raise IndexError(end)
        hour, minute = clocks[parts[0]]  # a KeyError for 13:00 pm
        value = _datetime(year, month, day, hour, minute, 0, 0, tzinfo)
    except (KeyError, IndexError, ValueError):
        return _read_patterns(text, dayfirst)
    return _new_tuple(DateReading, (value, None, "", False))


def _read_patterns(text: str, dayfirst: bool | None) -> DateReading:
    """Read the common forms with the quick patterns, or else with `_read_general`.

    The tokens' fallback: a few more spellings than the tables hold (seconds, years outside
    the table, single-digit numeric dates, a time first without a comma or dash).
    """
    return _match_words(text, dayfirst) if text[:1] > "9" else _match_digits(text, dayfirst)


def _match_words(text: str, dayfirst: bool | None) -> DateReading:
    """July 16, 2023 or Monday, 16 July 2023, with a time or not; see `_read_patterns`."""
    match = _quick_letters(text)
    if match is None:
        return _read_general(text, dayfirst)
    weekday, name, day, day_first, name_after, year, hour, minute, second, ampm, zone = (
        match.groups()
    )
    try:
        if name is None:
            name, day = name_after, day_first
        month = _MONTH_DIGITS[name]
        if hour is None:
            value = _date_from_iso(f"{year}-{month}-{_TWO_DIGITS[day]}")
        else:
            value = _quick_moment(year, month, day, hour, minute, second, ampm, zone)
        if weekday is not None and _WEEKDAY_NUMBER[weekday] != value.weekday():
            return _read_general(text, dayfirst)  # it says which weekday is wrong
    except (KeyError, ValueError):  # not in a table, or no such day or time
        return _read_general(text, dayfirst)
    return _new_tuple(DateReading, (value, None, "", False))


def _match_digits(text: str, dayfirst: bool | None) -> DateReading:
    """16.07.2023, 16/07/2023, 16 July 2023 (a time or not), ISO, the time first."""
    if text[4:5] == "-":
        return _read_iso_form(text, dayfirst)
    if ":" in text[1:3]:
        return _match_time_first(text, dayfirst)
    match = _quick_digits(text)
    if match is None:
        return _read_general(text, dayfirst)
    day, sep, number, name, year, hour, minute, second, ampm, zone = match.groups()
    try:
        if name is not None:
            month = _MONTH_DIGITS[name]
        else:
            day, month = _TWO_DIGITS[day], _TWO_DIGITS[number]
            if sep != "." and day <= "12" and day != month:  # as `_order` puts them
                if dayfirst is None and month <= "12":
                    return _read_general(text, dayfirst)  # ambiguous: it says so
                if month > "12" or not dayfirst:
                    day, month = month, day
        if hour is None:
            value = _date_from_iso(f"{year}-{month}-{_TWO_DIGITS[day]}")
        else:
            value = _quick_moment(year, month, day, hour, minute, second, ampm, zone)
    except (KeyError, ValueError):  # not in a table, or no such day or time
        return _read_general(text, dayfirst)
    return _new_tuple(DateReading, (value, None, "", False))


def _read_iso_form(text: str, dayfirst: bool | None) -> DateReading:
    """ISO 8601 when the general path would take the text for it: `fromisoformat` reads it."""
    if text[7:8] == "-" and text[10:11] in _ISO_SEPARATORS and text[:1] >= "0":
        try:
            value = _date_from_iso(text) if len(text) == 10 else _datetime_from_iso(text)
        except ValueError:
            return _read_general(text, dayfirst)
        if value.year >= 1000:
            return _new_tuple(DateReading, (value, None, "", False))
    return _read_general(text, dayfirst)


def _match_time_first(text: str, dayfirst: bool | None) -> DateReading:
    """14:05 JST, July 16, 2023; see `_read_patterns`."""
    match = _quick_time_first(text)
    if match is None:
        return _read_general(text, dayfirst)
    hour, minute, second, ampm, zone, name, day, year = match.groups()
    try:
        value = _quick_moment(year, _MONTH_DIGITS[name], day, hour, minute, second, ampm, zone)
    except (KeyError, ValueError):  # not in a table, or no such time
        return _read_general(text, dayfirst)
    return _new_tuple(DateReading, (value, None, "", False))


def _quick_moment(
    year: str,
    month: str,
    day: str,
    hour: str,
    minute: str,
    second: str | None,
    ampm: str | None,
    zone: str | None,
) -> dt.datetime:
    """The datetime of a quick match's parts; KeyError or ValueError when it has none."""
    hour = (_HOUR_24 if ampm is None else _HOUR_PM if ampm in "Pp" else _HOUR_AM)[hour]
    tzinfo = None if zone is None else _ZONES[zone]
    if tzinfo is None:
        return _datetime_from_iso(
            f"{year}-{month}-{_TWO_DIGITS[day]}T{hour}:{minute}:{second or '00'}"
        )
    if tzinfo is _UTC:
        return _datetime_from_iso(
            f"{year}-{month}-{_TWO_DIGITS[day]}T{hour}:{minute}:{second or '00'}+00:00"
        )
    # fromisoformat would give the offset without the zone's name
    return _datetime(
        int(year), _NUMBER[month], _NUMBER[day], _NUMBER[hour], _NUMBER[minute],
        _NUMBER[second or "0"], 0, tzinfo,
    )  # fmt: skip


def _read_general(text: str, dayfirst: bool | None) -> DateReading:
    """Read any text the long way: the reference that `_read` must agree with."""
    s = text.strip()
    if len(s) > _MAX_READ:
        return _unreadable(f"longer than {_MAX_READ} characters")
    if not s.isascii() or "  " in s or "\t" in s:
        s = unicodedata.normalize("NFC", s.replace("\u200b", "").replace("\ufeff", ""))
        s = " ".join(s.split())  # NBSP and other Unicode spaces count as one space
    if not s:
        return _unreadable("empty")
    if s[4:5] == "-" and s[7:8] == "-" and s[10:11] in ("", "T", " ") and "0" <= s[0] <= "9":
        reading = _read_iso(s)  # ISO 8601, the commonest form, straight to the standard library
        if reading is not None:
            return reading
    return _read_fast(s, dayfirst) or _read_dateutil(s, dayfirst)


def _unreadable(detail: str) -> DateReading:
    return DateReading(None, _UNREADABLE, detail)


def _read_fast(s: str, dayfirst: bool | None) -> DateReading | None:
    """Read the common forms; None when none of them fits."""
    if "0" <= s[0] <= "9" and s[4:5] == "-":
        return _read_forms(s, dayfirst)  # ISO 8601 first: the standard library reads it
    match = _DAY_ONLY.fullmatch(s)
    if match is not None:
        reading = _read_day_only(match)
        if reading is not None:
            return reading
    return _read_forms(s, dayfirst)


def _read_day_only(match: re.Match[str]) -> DateReading | None:
    """The reading of the three commonest day-only forms, or None to read it the long way.

    ``July 16, 2023`` (or ``Jul. 16, 2023``), ``16 July 2023`` (or ``16. Juli 2023``) and
    ``16.07.2023``: a subset of what `_read_forms` reads, read to the same result with
    one match and no intermediate tuples. Anything unusual (an unknown month, a year
    before 1000, a day the month lacks) goes the long way, which says what is wrong.
    """
    groups = match.groups()
    if groups[0] is not None:  # July 16, 2023
        month, day, year = _MONTHS.get(groups[0].lower()), groups[1], groups[2]
    elif groups[3] is not None:  # 16 July 2023
        month, day, year = _MONTHS.get(groups[4].lower()), groups[3], groups[5]
    else:  # 16.07.2023
        month, day, year = int(groups[7]), groups[6], groups[8]
    number = int(year)
    if month is None or number < 1000:
        return None
    try:
        return _read_value(dt.date(number, month, int(day)))
    except ValueError:
        return None


def _read_forms(s: str, dayfirst: bool | None) -> DateReading | None:
    """Read the common forms with the general patterns; None when none of them fits."""
    if "0" <= s[0] <= "9":
        if s[4:5] == "-" and s[7:8] == "-" and s[10:11] in ("", "T", " "):
            reading = _read_iso(s)
            if reading is not None:
                return reading
        forms = _DIGIT_FORMS
    else:
        forms = _LETTER_FORMS
    match = _first_match(forms, s)
    return _read_rare(s, dayfirst) if match is None else _build(match.groups(), dayfirst, None)


def _read_iso(s: str) -> DateReading | None:
    """Read ISO 8601 with the standard library; None when it refuses."""
    try:
        value = dt.date.fromisoformat(s) if len(s) == 10 else dt.datetime.fromisoformat(s)
    except ValueError:
        return None
    if value.year < 1000:
        return _unreadable(f"year {value.year} out of range")
    return _read_value(value)


def _read_rare(s: str, dayfirst: bool | None) -> DateReading | None:
    """Read the less common forms: a time before the date, or a weekday before it."""
    if "0" <= s[0] <= "9":
        match = _first_match(_TIME_FIRST_FORMS, s)
        if match is None:
            return None
        groups = match.groups()
        return _build(groups[5:] + groups[:5], dayfirst, None)
    prefix = _WEEKDAY_PREFIX.match(s)
    if prefix is None:
        return None
    rest = s[prefix.end() :]
    match = _first_match(_DIGIT_FORMS if "0" <= rest[:1] <= "9" else _LETTER_FORMS, rest)
    return None if match is None else _build(match.groups(), dayfirst, prefix[1])


def _first_match(forms: tuple[re.Pattern[str], ...], s: str) -> re.Match[str] | None:
    for form in forms:
        match = form.fullmatch(s)
        if match is not None:
            return match
    return None


def _build(
    groups: tuple[str | Any, ...], dayfirst: bool | None, weekday: str | None
) -> DateReading | None:
    """Build a reading from the nine groups of a date and a time; None to leave it to dateutil."""
    first, sep, second, year_text, hour, minute, sec, ampm, zone = groups
    parts = _day_month(first, sep, second, year_text, dayfirst)
    if parts is None or isinstance(parts, DateReading):
        return parts  # a reading that says what is wrong, or None
    year, (day, month) = int(year_text), parts
    if year < 1000:
        return _unreadable(f"year {year} out of range")
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return _unreadable(f"no such day: {year}-{month:02}-{day:02}")
    if weekday is not None and (number := _WEEKDAYS.get(weekday.lower())) != date.weekday():
        return None if number is None else _ambiguous(f"{weekday} is not the weekday of {date}")
    if hour is None:
        return _read_value(date)
    return _with_time(date, int(hour), int(minute), int(sec or 0), ampm, zone)


def _day_month(
    first: str, sep: str, second: str, year: str, dayfirst: bool | None
) -> tuple[int, int] | DateReading | None:
    """Return (day, month) of a date's parts, a reading that says why not, or None."""
    if first[0] > "9" or second[0] > "9":
        name, day = (first, second) if first[0] > "9" else (second, first)
        month = _MONTHS.get(name.lower())
        return None if month is None else (int(day), month)
    one, two = int(first), int(second)
    if sep == ".":
        return one, two  # dotted dates are day-first
    order = _order(one, two, dayfirst)
    if order is None:
        month_one, month_two = _MONTH_NAMES[two - 1], _MONTH_NAMES[one - 1]
        text = f"{first}{sep}{second}{sep}{year}"
        return _ambiguous(f"{text} could be {one} {month_one} or {two} {month_two}")
    return order


def _order(first: int, second: int, dayfirst: bool | None) -> tuple[int, int] | None:
    """Return (day, month) for a slashed or dashed date; None when it is ambiguous."""
    if first > 12 or first == second:
        return first, second
    if second > 12:
        return second, first
    if dayfirst is None:
        return None
    return (first, second) if dayfirst else (second, first)


def _ambiguous(detail: str) -> DateReading:
    return DateReading(None, _AMBIGUOUS, detail)


def _with_time(
    date: dt.date, hour: int, minute: int, second: int, ampm: str | None, zone: str | None
) -> DateReading:
    """Add a time of day and a zone to a date."""
    if ampm is not None:
        if hour > 12:
            return _unreadable(f"hour {hour} on a 12-hour clock")
        hour = hour % 12 + (12 if ampm in "Pp" else 0)
    tzinfo = None if zone is None else _zone(zone)
    if tzinfo is None and zone is not None:
        return _unreadable(f"unknown time zone {zone!r}")
    try:
        value = dt.datetime(date.year, date.month, date.day, hour, minute, second, tzinfo=tzinfo)
    except ValueError:
        return _unreadable(f"no such time: {hour:02}:{minute:02}:{second:02}")
    return _read_value(value)


def _zone(text: str) -> dt.tzinfo | None:
    """Return the fixed-offset zone of an abbreviation or a numeric offset, or None."""
    zone = _ZONES.get(text)
    match = _OFFSET_ONLY.fullmatch(text) if zone is None else None
    if match is None:
        return zone
    sign, hours, minutes = match.group(1, 2, 3)
    offset = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    if offset >= dt.timedelta(hours=24) or int(minutes or 0) > 59:
        return None
    return dt.timezone(-offset if sign == "-" else offset)


def _read_dateutil(s: str, dayfirst: bool | None) -> DateReading:
    """Read a form no fast path covers with dateutil, refusing to invent or to guess."""
    if _TIME_ONLY.fullmatch(s):
        return _unreadable("a time without a date")
    if _FULL_YEAR.search(s) is None:
        return _unreadable("no four-digit year")
    plain = _POSIX_ZONE.sub("", s)
    year_first = _YEAR_FIRST.match(plain) is not None  # y/m/d: dayfirst would make it y/d/m
    first = _dateutil_parse(plain, _DEFAULT_A, bool(dayfirst) and not year_first)
    second = _dateutil_parse(plain, _DEFAULT_B, bool(dayfirst) and not year_first)
    if isinstance(first, str) or isinstance(second, str):
        return _unreadable(first if isinstance(first, str) else str(second))
    missing = [p for p in ("year", "month", "day") if getattr(first, p) != getattr(second, p)]
    if missing:
        return _unreadable("no " + " or ".join(missing))
    if dayfirst is None and not year_first:
        other = _dateutil_parse(plain, _DEFAULT_A, True)
        if isinstance(other, dt.datetime) and other.date() != first.date():
            detail = f"{s} could be {first:%Y-%m-%d} or {other:%Y-%m-%d}"
            return DateReading(None, _AMBIGUOUS, detail)
    if not 1000 <= first.year <= 9999:
        return _unreadable(f"year {first.year} out of range")
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


def _dateutil_parse(s: str, default: dt.datetime, dayfirst: bool) -> dt.datetime | str:
    """Call dateutil with warnings silenced; a string says why it failed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _dateutil.parse(s, default=default, dayfirst=dayfirst, tzinfos=_dateutil_zone)
    except _UnknownZoneError as exc:
        return f"unknown time zone {exc.args[0]!r}"
    except Exception:  # ParserError, ValueError, OverflowError, TypeError and any other
        return "not a date form known here"


def _dateutil_zone(name: str | None, offset: int | None) -> dt.tzinfo | None:
    """Resolve a zone for dateutil from the zone table; unknown names stop the parse."""
    if name is not None:
        zone = _ZONES.get(name.upper())
        if zone is not None:
            return zone
        if offset is None:
            raise _UnknownZoneError(name)
    if offset is None:
        return None
    return dt.timezone(dt.timedelta(seconds=offset))
