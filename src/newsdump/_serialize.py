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
from newsdump.model import (
    Article,
    Author,
    Block,
    Boilerplate,
    Heading,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    Related,
    Rule,
    Verbatim,
)

__all__ = ["BLOCK_TYPES", "from_dict", "to_dict"]

BLOCK_TYPES: dict[str, type[Block]] = {
    "paragraph": Paragraph,
    "heading": Heading,
    "list": ListBlock,
    "quote": Quote,
    "image": Image,
    "rule": Rule,
    "related": Related,
    "verbatim": Verbatim,
    "boilerplate": Boilerplate,
}
_BLOCK_NAMES = {kind: name for name, kind in BLOCK_TYPES.items()}


def to_dict(article: Article) -> dict[str, Any]:
    """A JSON-safe dictionary of the article's values (layout and diagnostics left out)."""
    published = article.published
    zone = getattr(published, "tzinfo", None)
    return {
        "headline": article.headline,
        "authors": [{"name": a.name, "url": a.url} for a in article.authors],
        "published": None if published is None else published.isoformat(),
        "timezone": zone.key if isinstance(zone, zoneinfo.ZoneInfo) else None,
        "tz_assumed": article.tz_assumed,
        "date_text": article.date_text,
        "credit": article.credit,
        "url": article.url,
        "site": article.site,
        "related": [{"text": r.text, "url": r.url} for r in article.related],
        "body": [{"type": _BLOCK_NAMES[type(b)], "markdown": b.markdown} for b in article.body],
    }


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
            Author(_text(a["name"]), _optional(a.get("url"))) for a in data.get("authors", ())
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
        moment = moment.astimezone(_zone(_text(zone)))
    return moment


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
