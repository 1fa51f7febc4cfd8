"""Articles to and from JSON-safe dictionaries.

Dates are ISO 8601 strings whose form keeps their precision: ``2023-07-16`` is a
day, ``2023-07-16T10:45:00`` a naive time, ``2023-07-16T10:45:00+03:00`` an
aware one. ``timezone`` names the zone when it is a named (IANA) zone, and
``tz_assumed`` says whether the zone came from a site's default.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Mapping
from typing import Any

from newsdump.errors import ParseError
from newsdump.model import KINDS, Article, Author, Block

__all__ = ["BLOCK_TYPES", "RECORD_FIELDS", "block_kind", "from_dict", "to_dict"]

BLOCK_TYPES: dict[str, type[Block]] = KINDS
"""A record's block ``type`` names and their classes: the model's table (`KINDS`)."""
_BLOCK_NAMES = {kind: name for name, kind in BLOCK_TYPES.items()}


def to_dict(article: Article) -> dict[str, Any]:
    """A JSON-safe dictionary of the article's values (layout and diagnostics left out).

    A block of a class a site made is written as its nearest built-in kind (see
    `block_kind`). ``from_dict(to_dict(article)) == article`` for articles of the
    built-in kinds, whatever the date: a time its zone skips or repeats, with either
    ``fold``, and the first and last days of the calendar.
    """
    published = article.published
    zone = getattr(published, "tzinfo", None)
    return {
        "headline": article.headline,
        "authors": [_author(a) for a in article.authors],
        "published": None if published is None else published.isoformat(),
        "timezone": zone.key if isinstance(zone, zoneinfo.ZoneInfo) else None,
        "tz_assumed": article.tz_assumed,
        "date_text": article.date_text,
        "credit": article.credit,
        "url": article.url,
        "site": article.site,
        "related": [{"text": r.text, "url": r.url} for r in article.related],
        "body": [{"type": block_kind(b), "markdown": b.markdown} for b in article.body],
    }


RECORD_FIELDS: tuple[str, ...] = tuple(to_dict(Article()))
"""The keys of a `to_dict` record, in order (taken from a record, so that the order is
written once, in `to_dict`)."""


def _author(author: Author) -> dict[str, Any]:
    """An author's record: ``agency`` only when true, so that records (and golden files)
    of people read the same as before the flag existed."""
    if author.agency:
        return {"name": author.name, "url": author.url, "agency": True}
    return {"name": author.name, "url": author.url}


def block_kind(block: Block) -> str:
    """The ``type`` a block has in a record: its kind's name in `BLOCK_TYPES`.

    A subclass (a site's own class) is written as the nearest kind it derives
    from, and a direct subclass of `Block` as ``verbatim`` (Markdown kept as written,
    plain text worked out as `Block` does); `from_dict` gives that kind back.
    """
    for base in type(block).__mro__:  # the block's own class first
        name = _BLOCK_NAMES.get(base)
        if name is not None:
            return name
    return "verbatim"


def from_dict(data: Mapping[str, Any]) -> Article:
    """The article a `to_dict` result describes.

    Raises:
        ParseError: the dictionary does not describe an article (code ``invalid-record``).
    """
    try:
        return _from_dict(data)
    except _BAD_RECORD as exc:
        reason = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ParseError(
            f"not an article record: {reason}", code="invalid-record", line=1
        ) from None


# What a record from elsewhere can make the conversion raise: a missing key, a wrong type,
# a bad date (ValueError), a date that a zone moves out of range (OverflowError), a zone
# that is not there (ZoneInfoNotFoundError is a KeyError).
_BAD_RECORD = (KeyError, TypeError, ValueError, AttributeError, OverflowError)
# An IANA zone key: the only zone names a record may give, so that a record cannot make
# zoneinfo open a directory, an over-long path or a table file.
_ZONE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_+-]{0,29}(?:/[A-Za-z0-9][A-Za-z0-9_+-]{0,29}){0,2}")


def _from_dict(data: Mapping[str, Any]) -> Article:
    published = _published(data.get("published"), data.get("timezone"))
    body = tuple(BLOCK_TYPES[_text(b["type"])](_text(b["markdown"])) for b in data.get("body", ()))
    return Article(
        headline=_optional(data.get("headline")),
        authors=tuple(
            # a record from before `agency` existed has none: not an agency
            Author(_text(a["name"]), _optional(a.get("url")), a.get("agency", False) is True)
            for a in data.get("authors", ())
        ),
        published=published,
        date_text=_optional(data.get("date_text")),
        credit=_optional(data.get("credit")),
        body=body,
        url=_optional(data.get("url")),
        tz_assumed=bool(data.get("tz_assumed", False)),
    )


def _published(value: object, zone: object) -> dt.date | None:
    if value is None:
        return None
    text = _text(value)
    if "T" not in text and len(text) == 10:
        return dt.date.fromisoformat(text)
    moment = dt.datetime.fromisoformat(text)
    if zone is not None and moment.tzinfo is not None:
        return _in_zone(moment, _zone(_text(zone)))
    return moment


def _in_zone(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The wall time of ``moment`` in ``zone`` with the fold that gives its offset.

    `to_dict` writes the wall time and the offset the zone gave it, so this finds the
    same datetime again, ``fold`` included, for a time the zone skips or repeats and at
    the ends of the calendar (no conversion through UTC, which can leave years 1-9999).
    A record whose offset the zone never gives that wall time is converted instead.
    """
    offset = moment.utcoffset()
    wall = moment.replace(tzinfo=zone)
    for fold in (0, 1):
        candidate = wall.replace(fold=fold)
        if candidate.utcoffset() == offset:
            return candidate
    return moment.astimezone(zone)


def _zone(key: str) -> zoneinfo.ZoneInfo:
    if not _ZONE_KEY.fullmatch(key):
        raise ValueError(f"not a time zone name: {key[:40]!r}")
    try:
        return zoneinfo.ZoneInfo(key)
    except OSError as exc:  # a directory such as "America"
        raise ValueError(f"not a time zone name: {key!r}") from exc


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _optional(value: object) -> str | None:
    return None if value is None else _text(value)
