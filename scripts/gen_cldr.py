"""Generate ``src/newsdump/_parse/_cldr.py``: the CLDR date and list data the parser reads.

    .venv/bin/python scripts/gen_cldr.py            # rewrite the module
    .venv/bin/python scripts/gen_cldr.py --check    # exit 1 when the module is out of date

Needs Babel (in the ``test`` extra), whose bundled CLDR data is the source; the output
depends only on Babel's version, so ``tests/test_dateline_cldr.py`` regenerates it and
compares. Every name is stored as the reader looks it up: case-folded, dots dropped,
spaces collapsed (`norm`).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from pprint import pformat
from typing import Any

import babel
from babel import Locale
from babel.dates import tokenize_pattern

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "newsdump" / "_parse" / "_cldr.py"
# The corpus's 26 languages first (in the order of their file counts: the order in which a
# name that several languages share is read when no language is named), then the others.
LANGUAGES = [
    "en",
    "de",
    "es",
    "ja",
    "fr",
    "tr",
    "ko",
    "cs",
    "it",
    "no",
    "sv",
    "zu",
    "da",
    "nb",
    "pl",
    "ru",
    "xh",
    "ar",
    "hi",
    "id",
    "is",
    "lt",
    "nl",
    "sw",
    "vi",
    "zh",
    "pt",
    "uk",
    "el",
    "he",
    "fa",
    "ro",
    "hu",
    "fi",
    "bg",
    "hr",
    "sr",
    "sk",
    "sl",
    "th",
    "ms",
    "bn",
    "ur",
    "ta",
    "ca",
]
# Regional variants whose spellings are merged into their language (en_GB's "Sept",
# en_CA's "a.m.", de_AT's "Jänner", es_419's "p.m.", sr_Latn's Latin names ...).
VARIANTS = {
    "en": ["en_GB", "en_CA", "en_AU", "en_IN"],
    "de": ["de_AT", "de_CH"],
    "es": ["es_419", "es_MX", "es_US"],
    "fr": ["fr_CA", "fr_CH"],
    "pt": ["pt_PT"],
    "sr": ["sr_Latn"],
    "zh": ["zh_Hant"],
    "no": ["nn"],
}
# The first digit of each CLDR numbering system a language names as native (the rest
# follow in Unicode, checked below); full-width digits are read in every language.
ZERO = {
    "arab": "\u0660", "arabext": "\u06f0", "deva": "\u0966", "beng": "\u09e6",
    "thai": "\u0e50", "tamldec": "\u0be6", "fullwide": "\uff10",
}  # fmt: skip
FORMS = ("full", "long", "medium", "short")
UNITS = ("second", "minute", "hour", "day", "week")
FIELD_OF = {"y": "y", "M": "M", "L": "M", "d": "d", "H": "H", "h": "H", "k": "H", "K": "H"}
FIELD_OF |= {"m": "m", "s": "s"}
WORD = re.compile(r"[^\W\d_][\w\u0300-\u036f\u0900-\u0dff\u0e00-\u0e7f'\u2019-]*")


def norm(text: str) -> str:
    """A name as the reader looks it up: NFC, case-folded, no dots, single spaces."""
    text = unicodedata.normalize("NFC", text).casefold().replace(".", " ")
    return " ".join(text.split())


def spellings(*groups: Iterable[str]) -> str:
    """The distinct normalized spellings of the groups, in order, joined by '|'."""
    seen: dict[str, None] = {}
    for group in groups:
        for name in group:
            key = norm(name)
            if key and not key.isdigit():
                seen[key] = None
    return "|".join(seen)


def locales(lang: str) -> list[Locale]:
    return [Locale.parse(lang)] + [Locale.parse(v) for v in VARIANTS.get(lang, [])]


def months(lang: str) -> tuple[str, ...]:
    return tuple(
        spellings(
            *(
                [locale.months[context][width][number]]
                for locale in locales(lang)
                for context in ("format", "stand-alone")
                for width in ("wide", "abbreviated")
            ),
            *(
                [prefix + locale.months["format"][width][number]]
                for prefix, locale, width in _attached(lang)
            ),
        )
        for number in range(1, 13)
    )


def _attached(lang: str) -> list[tuple[str, Locale, str]]:
    """Letters a date pattern writes glued to the month (Hebrew's ``בMMMM``)."""
    locale = Locale.parse(lang)
    found = []
    for form in FORMS:
        parts = tokenize_pattern(locale.date_formats[form].pattern)
        for before, after in itertools.pairwise(parts):
            if before[0] != "chars" or after[0] != "field" or after[1][0] not in "ML":
                continue
            glued = re.search(r"\s([^\W\d_]+)$", str(before[1]))
            if glued is not None:
                width = "wide" if int(after[1][1]) >= 4 else "abbreviated"
                found.append((glued[1], locale, width))
    return found


def weekdays(lang: str) -> tuple[str, ...]:
    return tuple(
        spellings(
            *(
                [locale.days[context][width][number]]
                for locale in locales(lang)
                for context in ("format", "stand-alone")
                for width in ("wide", "abbreviated", "short")
            )
        )
        for number in range(7)
    )


def periods(lang: str) -> dict[str, tuple[int, int]]:
    """Day periods (am, pm and the local ones) with the minutes of the day they cover."""
    found: dict[str, tuple[int, int]] = {}
    for locale in locales(lang):
        rules = locale._data.get("day_period_rules", {}).get(None, {})
        spans = {"am": (0, 720), "pm": (720, 1440)}
        for period, rule in rules.items():
            start = rule[0].get("at", rule[0].get("from", 0)) // 60
            stop = rule[0].get("before", start * 60 + 60) // 60
            spans[period] = (start, stop)
        for context in ("format", "stand-alone"):
            for width in ("abbreviated", "wide"):
                for period, name in locale.day_periods[context][width].items():
                    key = norm(name)
                    if period in spans and key and key not in found:
                        found[key] = spans[period]
    return found


def pattern_words(lang: str) -> tuple[dict[str, str], dict[str, str], str]:
    """Words of the date, time and date-time patterns: (suffix markers, prefix markers,
    other words). A word right after a field marks it (``年`` after ``y``), a word right
    before one marks the number that follows (``tháng`` before ``MM``); a word that marks
    several fields is only a word to pass over (``de`` in ``d 'de' MMMM 'de' y``)."""
    suffix: dict[str, set[str]] = {}
    prefix: dict[str, set[str]] = {}
    words: dict[str, None] = {}
    locale = Locale.parse(lang)
    patterns = [locale.date_formats[f].pattern for f in FORMS]
    patterns += [locale.time_formats[f].pattern for f in FORMS]
    patterns += [locale.datetime_formats[f] for f in FORMS]
    for pattern in patterns:
        parts = _merged(tokenize_pattern(pattern.replace("{0}", "'\0'").replace("{1}", "'\0'")))
        for index, (kind, value) in enumerate(parts):
            if kind != "chars":
                continue
            found = [norm(w) for w in WORD.findall(value)]
            words.update(dict.fromkeys(found))
            before = parts[index - 1] if index else None
            after = parts[index + 1] if index + 1 < len(parts) else None
            glued = bool(found) and value[:1].isspace() and WORD.search(value[-1:]) is not None
            if found and _numeric(before) and not (glued and after is not None):
                suffix.setdefault(found[0], set()).add(FIELD_OF[before[1][0]])  # type: ignore[index]
            if found and _numeric(after):
                prefix.setdefault(found[-1], set()).add(FIELD_OF[after[1][0]])  # type: ignore[index]
    _month_numbers(lang, suffix, prefix)
    marks_suffix = {w: next(iter(f)) for w, f in suffix.items() if len(f) == 1}
    marks_prefix = {w: next(iter(f)) for w, f in prefix.items() if len(f) == 1 and w not in suffix}
    era = [norm(locale.eras[width][1]) for width in ("abbreviated", "wide")]
    others = [w for w in [*words, *era] if w not in marks_suffix and w not in marks_prefix]
    return marks_suffix, marks_prefix, "|".join(dict.fromkeys(w for w in others if w))


def _month_numbers(lang: str, suffix: dict[str, set[str]], prefix: dict[str, set[str]]) -> None:
    """Markers of months written as numbers: ``tháng 7`` (before), ``7월``, ``7月`` (after)."""
    for names in months(lang):
        for name in names.split("|"):
            head, _, tail = name.partition(" ")
            if tail.isdigit():
                prefix.setdefault(head, set()).add("M")
    for number, names in Locale.parse(lang).months["format"]["abbreviated"].items():
        match = re.fullmatch(r"(\d+)\s*(\D+)", names)
        if match and int(match[1]) == number:
            suffix.setdefault(norm(match[2]), set()).add("M")


def _numeric(part: tuple[str, Any] | None) -> bool:
    """Whether a pattern part is a field written as a number (``y``, ``MM``, ``d``, ``HH`` ...)."""
    if part is None or part[0] != "field" or part[1][0] not in FIELD_OF:
        return False
    return part[1][0] not in "ML" or part[1][1] <= 2


def _merged(parts: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Pattern parts with runs of literal text joined into one."""
    out: list[tuple[str, Any]] = []
    for kind, value in parts:
        if kind == "chars" and out and out[-1][0] == "chars":
            out[-1] = ("chars", out[-1][1] + value)
        else:
            out.append((kind, value))
    return out


def order(lang: str) -> str:
    """The order of day, month and year in the short date form: 'dmy', 'mdy' or 'ymd'."""
    pattern = Locale.parse(lang).date_formats["short"].pattern
    fields = [v[0] for k, v in tokenize_pattern(pattern) if k == "field" and v[0] in "yMLd"]
    return "".join({"y": "y", "M": "m", "L": "m", "d": "d"}[f] for f in fields)


def digits(lang: str) -> str:
    system = Locale.parse(lang).other_numbering_systems.get("native", "latn")
    zero = ZERO.get(system)
    if zero is None:
        return ""
    found = "".join(chr(ord(zero) + i) for i in range(10))
    assert [unicodedata.digit(c) for c in found] == list(range(10)), system
    return found


def relative(lang: str) -> tuple[dict[str, int], dict[str, str]]:
    """Relative day words (``вчера``: -1) and the past patterns of each unit."""
    fields = Locale.parse(lang)._data["date_fields"]
    days: dict[str, int] = {}
    past: dict[str, str] = {}
    for width in ("", "-short", "-narrow"):
        for offset, word in fields[f"day{width}"].get("relative", {}).items():
            if offset <= 0:
                days.setdefault(norm(word), offset)
        for unit in UNITS:
            forms = fields[f"{unit}{width}"].get("past", {}).values()
            merged = past.get(unit, "").split("|") if unit in past else []
            past[unit] = "|".join(dict.fromkeys([*merged, *(norm(f) for f in forms)]))
    return days, past


def conjunctions(lang: str) -> tuple[str, ...]:
    """The words (or marks) that join the last two items of the standard list pattern."""
    patterns = Locale.parse(lang).list_patterns["standard"]
    found: dict[str, None] = {}
    for key in ("2", "end"):
        between = patterns[key].replace("{0}", "").replace("{1}", "")
        word = between.strip(" ,\u00a0")
        found[word.rstrip("-") if word else between.strip()] = None
    return tuple(w for w in found if w)


def build() -> str:
    """The module's text."""
    tables: dict[str, dict[str, Any]] = {
        "MONTHS": {}, "WEEKDAYS": {}, "PERIODS": {}, "SUFFIX": {}, "PREFIX": {}, "WORDS": {},
        "ORDER": {}, "DATE_PATTERNS": {}, "TIME_PATTERNS": {}, "DIGITS": {},
        "RELATIVE_DAYS": {}, "RELATIVE_PAST": {}, "LIST_AND": {},
    }  # fmt: skip
    for lang in LANGUAGES:
        locale = Locale.parse(lang)
        tables["MONTHS"][lang] = months(lang)
        tables["WEEKDAYS"][lang] = weekdays(lang)
        tables["PERIODS"][lang] = periods(lang)
        suffix, prefix, words = pattern_words(lang)
        tables["SUFFIX"][lang], tables["PREFIX"][lang], tables["WORDS"][lang] = (
            suffix,
            prefix,
            words,
        )
        tables["ORDER"][lang] = order(lang)
        tables["DATE_PATTERNS"][lang] = tuple(locale.date_formats[f].pattern for f in FORMS)
        tables["TIME_PATTERNS"][lang] = tuple(locale.time_formats[f].pattern for f in FORMS)
        tables["DIGITS"][lang] = digits(lang)
        tables["RELATIVE_DAYS"][lang], tables["RELATIVE_PAST"][lang] = relative(lang)
        tables["LIST_AND"][lang] = conjunctions(lang)
    types = {
        "MONTHS": "dict[str, tuple[str, ...]]", "WEEKDAYS": "dict[str, tuple[str, ...]]",
        "PERIODS": "dict[str, dict[str, tuple[int, int]]]", "SUFFIX": "dict[str, dict[str, str]]",
        "PREFIX": "dict[str, dict[str, str]]", "WORDS": "dict[str, str]",
        "ORDER": "dict[str, str]", "DATE_PATTERNS": "dict[str, tuple[str, ...]]",
        "TIME_PATTERNS": "dict[str, tuple[str, ...]]", "DIGITS": "dict[str, str]",
        "RELATIVE_DAYS": "dict[str, dict[str, int]]",
        "RELATIVE_PAST": "dict[str, dict[str, str]]", "LIST_AND": "dict[str, tuple[str, ...]]",
    }  # fmt: skip
    out = [HEADER.format(version=babel.__version__)]
    out.append(f"LANGUAGES: tuple[str, ...] = {pformat(tuple(LANGUAGES), width=98, compact=True)}")
    out.append(f'FULLWIDTH_DIGITS = "{_escape(digits_of("fullwide"))}"')
    for name, table in tables.items():
        text = pformat(table, width=98, compact=True, sort_dicts=False)
        out.append(f"{name}: {types[name]} = {_escape(text)}")
    return "\n".join(out) + "\n"


def digits_of(system: str) -> str:
    return "".join(chr(ord(ZERO[system]) + i) for i in range(10))


def _escape(text: str) -> str:
    """Spaces and marks that are invisible in an editor, written as escapes."""
    return "".join(
        c if c in "\n " or unicodedata.category(c) not in ("Cf", "Zs", "Zl", "Zp", "Cc")
        else f"\\u{ord(c):04x}"
        for c in text
    )  # fmt: skip


HEADER = '''"""CLDR date, time and list data for the dateline and byline readers; GENERATED.

Regenerate with ``python scripts/gen_cldr.py`` (Babel {version}, the ``test`` extra);
``tests/test_dateline_cldr.py`` checks that this file is what the script writes.
Names are case-folded, without dots, spaces collapsed. Per language (ISO 639-1 code):
MONTHS (12) and WEEKDAYS (7, Monday first) are '|'-separated spellings (format and
stand-alone contexts, wide and abbreviated; the format context holds the genitive forms);
PERIODS maps day-period names to the minutes of the day they cover [from, before);
SUFFIX and PREFIX map words of the date and time patterns to the field they mark
(y M d H m s) after or before its number; WORDS are other pattern words (and the era);
ORDER is the short date's order; DIGITS the native digits; RELATIVE_DAYS and
RELATIVE_PAST the relative-time words; LIST_AND the standard list pattern's conjunctions.

Data from the Unicode Common Locale Data Repository (CLDR), via Babel. Copyright (c)
Unicode, Inc., distributed under the Unicode License v3 (https://www.unicode.org/license.txt);
Babel is BSD-3-Clause.
"""

# ruff: noqa: E501, RUF001

from __future__ import annotations
'''


def main(argv: list[str] | None = None) -> int:
    """Write the module, or with --check say whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        same = OUTPUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUTPUT} is out of date")
        return 0 if same else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
