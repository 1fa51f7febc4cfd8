"""The reader's tables: every name a dateline may hold, from the generated CLDR data.

A name maps to its options, ``(kind, value)`` pairs in the order of the languages that
define it (`languages` lists the corpus's languages first). `names` gives the table with
one language's options first, for a caller or site that names the language.

Besides CLDR: a small hand table of zone abbreviations (CLDR has no such table for most
languages) and a few spellings that sites use and CLDR lacks (``Tues``, ``Mrz``, ordinal
suffixes, the connectors ``at``/``um``/``Uhr``), each listed below.
"""
# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from zoneinfo import ZoneInfo

from newsdump._parse import _cldr

MONTH, WEEKDAY, PERIOD, SUFFIX, PREFIX, WORD, RELDAY = range(7)
Option = tuple[int, object]
Table = dict[str, tuple[Option, ...]]

# Spellings sites use that CLDR does not list, as (language, kind, value, names).
_EXTRA: tuple[tuple[str, int, object, str], ...] = (
    ("en", WEEKDAY, 1, "tues"), ("en", WEEKDAY, 3, "thur thurs"), ("en", WEEKDAY, 2, "weds"),
    ("de", MONTH, 3, "mrz maerz"), ("de", WEEKDAY, 5, "sonnabend"),
    ("de", MONTH, 1, "jaenner"), ("es", MONTH, 9, "setiembre"),
    ("sv", WEEKDAY, 0, "måndag"), ("sv", WEEKDAY, 1, "tisdag"),
    ("en", WORD, None, "at on of the st nd rd th"),
    ("de", WORD, None, "um uhr am"), ("fr", WORD, None, "le à er h"),
    ("es", WORD, None, "del el a las"), ("it", WORD, None, "alle il"),
    ("pt", WORD, None, "às"), ("da", WORD, None, "kl klokken"), ("nl", WORD, None, "om"),
    ("sv", WORD, None, "kl"), ("no", WORD, None, "kl"), ("ru", WORD, None, "в"),
    ("uk", WORD, None, "о"),
)  # fmt: skip
# Zone abbreviations: a fixed offset in minutes east of UTC, or an IANA zone for the
# names that follow daylight saving time (their offset is the one in force then).
FIXED_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "JST": 540, "KST": 540, "CET": 60, "CEST": 120, "EST": -300,
    "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480,
    "PDT": -420, "MSK": 180, "IST": 330, "BST": 60, "AEST": 600, "AEDT": 660, "SAST": 120,
    "WAT": 60, "EAT": 180, "MEZ": 60, "MESZ": 120, "EET": 120, "EEST": 180, "WET": 0,
    "WEST": 60, "SGT": 480, "PKT": 300, "WIB": 420, "ICT": 420, "NZST": 720,
    "NZDT": 780, "TRT": 180,
}  # fmt: skip
IANA_ZONES = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles", "UK": "Europe/London",
}  # fmt: skip
ZONES: dict[str, dt.tzinfo] = {
    name: dt.timezone(dt.timedelta(minutes=minutes), name) if minutes else dt.UTC
    for name, minutes in FIXED_ZONES.items()
}
ZONE_NAMES = frozenset(FIXED_ZONES) | frozenset(IANA_ZONES)
ORDINALS = frozenset(["st", "nd", "rd", "th", "er", "º", "ª", "ème", "eme"])  # 16th, 1er, 1º


def iana(name: str) -> ZoneInfo | None:
    """The IANA zone of a generic abbreviation such as ``ET``, or None."""
    key = IANA_ZONES.get(name)
    return None if key is None else ZoneInfo(key)


def _bare(name: str) -> set[str]:
    """A Latin name with its unaccented and German transliterated spellings."""
    decomposed = unicodedata.normalize("NFD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    if not bare.isascii():
        return {name}
    return {name, bare, name.replace("ä", "ae").replace("ö", "oe").replace("ø", "o")}


def _language_rows(lang: str) -> list[tuple[int, object, str]]:
    """Every (kind, value, name) of one language."""
    rows: list[tuple[int, object, str]] = []
    for number, names in enumerate(_cldr.MONTHS[lang], 1):
        rows += [(MONTH, number, name) for name in names.split("|")]
    for number, names in enumerate(_cldr.WEEKDAYS[lang]):
        rows += [(WEEKDAY, number, name) for name in names.split("|")]
    rows += [(PERIOD, span, name) for name, span in _cldr.PERIODS[lang].items()]
    rows += [(SUFFIX, field, name) for name, field in _cldr.SUFFIX[lang].items()]
    rows += [(PREFIX, field, name) for name, field in _cldr.PREFIX[lang].items()]
    rows += [(WORD, None, name) for name in _cldr.WORDS[lang].split("|") if name]
    rows += [(RELDAY, offset, name) for name, offset in _cldr.RELATIVE_DAYS[lang].items()]
    for extra_lang, kind, value, names in _EXTRA:
        if extra_lang == lang:
            rows += [(kind, value, name) for name in names.split()]
    return rows


def _add(table: dict[str, list[Option]], lang: str) -> None:
    for kind, value, name in _language_rows(lang):
        for spelling in _bare(name):
            options = table.setdefault(spelling, [])
            if (kind, value) not in options:
                options.append((kind, value))


def languages() -> tuple[str, ...]:
    """The languages whose names the reader knows, the corpus's first."""
    return _cldr.LANGUAGES


@functools.cache
def names(lang: str | None = None) -> Table:
    """Every name of every language; ``lang``'s options first when it is given."""
    order = list(_cldr.LANGUAGES)
    if lang in order:
        order.remove(lang)
        order.insert(0, lang)
    table: dict[str, list[Option]] = {}
    for each in order:
        _add(table, each)
    return {name: tuple(options) for name, options in table.items()}


@functools.cache
def prefixes() -> frozenset[str]:
    """The beginnings of the names of more than one word: ``p`` of ``p m``; ``de`` and
    ``de la`` of ``de la tarde``."""
    found: set[str] = set()
    for name in names():
        words = name.split(" ")
        found.update(" ".join(words[:size]) for size in range(1, len(words)))
    return frozenset(found)


@functools.cache
def digits() -> dict[int, str]:
    """A `str.translate` table from every native digit the data knows to ASCII."""
    found = {_cldr.FULLWIDTH_DIGITS} | {d for d in _cldr.DIGITS.values() if d}
    return {ord(c): str(i) for system in found for i, c in enumerate(system)}


def order_of(lang: str | None) -> bool | None:
    """``dayfirst`` as a language's short date writes it: True for d/m/y, False for m/d/y."""
    order = _cldr.ORDER.get(lang or "")
    if order is None or order.startswith("y"):
        return None
    return order.startswith("d")
