"""Dateline labels (``Updated:``) and the cheap test of whether a line is meant as a date."""

from __future__ import annotations

import re

from newsdump._parse.dateline import tables

__all__ = ["looks_like_date", "split_label"]

MAX_LOOKS = 60
LABEL = re.compile(
    r"\s*(?:(?:last\s+)?updated|published|posted|modified|date|aktualisiert|ver[öo]ffentlicht"
    r"|stand|publi[ée]\s+le|mis\s+[àa]\s+jour|publicado|actualizado|pubblicato|aggiornato)"
    r"(?:\s+(?:on|am|le|il|el)(?=[\s:]))?(?:\s*:\s*|\s+|$)",
    re.IGNORECASE,
)
# ASCII characters no label can start with (nor the spaces before one): a label's first
# letter is one of l u p m d a v s, in either case
NO_LABEL_START = frozenset(
    c for c in map(chr, range(33, 127)) if c.lower() not in "lupmdavs" or not c.isalpha()
)
# Words a dateline may carry besides its date and the tables' names: labels, connectors.
_FREE_WORDS = frozenset(
    [
        "updated",
        "published",
        "posted",
        "modified",
        "last",
        "date",
        "aktualisiert",
        "veröffentlicht",
        "stand",
        "publié",
        "mis",
        "à",
        "jour",
        "publicado",
        "actualizado",
        "pubblicato",
        "aggiornato",
        "on",
        "am",
        "pm",
        "le",
        "de",
        "del",
        "of",
        "at",
        "um",
        "uhr",
        "kl",
        "om",
        "alle",
        "às",
        "a",
        "las",
        "st",
        "nd",
        "rd",
        "th",
        "er",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_FULL_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_NUMERIC_DATE = re.compile(
    r"(?<![0-9])(?:[0-9]{1,2}([./-])[0-9]{1,2}\1(?:[0-9]{4}|[0-9]{2})"
    r"|[0-9]{4}([./-])[0-9]{1,2}\2[0-9]{1,2})(?![0-9])"
)


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
    if line[:1] in NO_LABEL_START:  # most datelines need no pattern
        return "", line
    match = LABEL.match(line)
    if match is None:
        return "", line
    return match.group(), line[match.end() :]


def looks_like_date(text: str) -> bool:
    """Tell cheaply whether a short line is plausibly meant as a date.

    Args:
        text: A line, label included or not.

    Returns:
        True when the line has at most 60 characters, a digit, at most one word that is not a
        name the tables know (month, weekday, day period, marker), zone, label or connector,
        and a four-digit year, a month name or a numeric date (d.m.y, d/m/y, y-m-d).

    >>> looks_like_date("16. Juli 2023")
    True
    >>> looks_like_date("The 2 men met at noon.")
    False
    """
    s = text.strip()
    if not s or len(s) > MAX_LOOKS or _DIGIT.search(s) is None:
        return False
    names = tables.names()
    has_month = False
    strangers = 0
    for word in _WORD.findall(s):
        folded = word.casefold()
        options = names.get(folded, ())
        if any(kind == tables.MONTH for kind, _ in options):
            has_month = True
        elif not (len(folded) < 2 or options or folded in _FREE_WORDS or word in tables.ZONES):
            strangers += 1
    if strangers > 1:
        return False
    return has_month or _FULL_YEAR.search(s) is not None or _NUMERIC_DATE.search(s) is not None
