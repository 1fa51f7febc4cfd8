"""Flat records of articles for exports: JSON records and CSV (or dataframe) rows.

A JSON record is `to_dict` of the article with the file's ``name`` first and its plain
``text`` last. A row flattens that to scalar columns: authors' names joined with ``; ``,
related titles and their URLs joined with `` | ``, counts beside them. `formula_safe`
keeps a spreadsheet from running a CSV cell as a formula.
"""

from __future__ import annotations

from typing import Any

from newsdump._serialize import to_dict
from newsdump.model import Article

__all__ = ["FORMULA_STARTS", "ROW_COLUMNS", "formula_safe", "record", "row"]

ROW_COLUMNS = (
    "name",
    "headline",
    "authors",
    "author_count",
    "published",
    "timezone",
    "tz_assumed",
    "date_text",
    "credit",
    "url",
    "site",
    "related",
    "related_urls",
    "related_count",
    "blocks",
    "words",
    "text",
)


def record(name: str, article: Article) -> dict[str, Any]:
    """The JSON export record of an article: ``name``, the `to_dict` fields, ``text``."""
    data: dict[str, Any] = {"name": name}
    data.update(to_dict(article))
    data["text"] = article.text
    return data


def row(name: str, article: Article) -> dict[str, str | int | bool | None]:
    """One flat row per article, with the columns of `ROW_COLUMNS`."""
    data = to_dict(article)
    related = article.related
    text = article.text
    return {
        "name": name,
        "headline": article.headline,
        "authors": "; ".join(author.name for author in article.authors),
        "author_count": len(article.authors),
        "published": data["published"],
        "timezone": data["timezone"],
        "tz_assumed": article.tz_assumed,
        "date_text": article.date_text,
        "credit": article.credit,
        "url": article.url,
        "site": article.site,
        "related": " | ".join(link.text for link in related),
        "related_urls": " | ".join(link.url or "" for link in related),
        "related_count": len(related),
        "blocks": len(article.body),
        "words": len(text.split()),
        "text": text,
    }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP's list:
``=``, ``+``, ``-``, ``@``, tab and carriage return; and the full-width forms of the
first four, U+FF1D, U+FF0B, U+FF0D and U+FF20)."""


def formula_safe(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: ``'`` before a formula's first character.

    Only strings change; numbers, booleans and ``None`` are returned as they are.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
