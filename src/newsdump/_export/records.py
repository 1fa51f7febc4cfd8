"""Records of articles for exports: JSON records and flat (CSV or data frame) rows.

A JSON record is `to_dict` of the article with the file's ``name`` and the
``schema_version`` first, ``published_utc`` and ``published_precision`` after
``published``, and its plain ``text`` last. A row is `newsdump._export.columns.flat_row`: every
column of `ROW_COLUMNS`, lists joined as text. `formula_safe` keeps a spreadsheet from
running a CSV cell as a formula.
"""

from __future__ import annotations

from typing import Any

from newsdump._export.columns import (
    ROW_COLUMNS,
    SCHEMA_VERSION,
    flat_row,
    published_fields,
    utc_text,
)
from newsdump._export.dicts import to_dict
from newsdump.model import Article

__all__ = ["FORMULA_STARTS", "ROW_COLUMNS", "formula_safe", "json_record", "row"]


def json_record(name: str, article: Article) -> dict[str, Any]:
    """The JSON export record of an article (see the module's docstring)."""
    data: dict[str, Any] = {"name": name, "schema_version": SCHEMA_VERSION}
    _, utc, precision, _ = published_fields(article)
    for key, value in to_dict(article).items():
        data[key] = value
        if key == "published":
            data["published_utc"] = utc_text(utc)
            data["published_precision"] = precision
    data["text"] = article.text
    return data


def row(name: str, article: Article) -> dict[str, Any]:
    """One flat row per article, with the columns of `ROW_COLUMNS` (see `flat_row`)."""
    return flat_row(name, article)


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
