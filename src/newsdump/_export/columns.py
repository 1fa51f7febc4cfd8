"""The columns of every tabular output: the one place that says what each column is.

CSV (``newsdump export --format csv``), Arrow and Parquet (`newsdump.to_arrow`,
``--format parquet``), the Dask records and their data frame meta, and the JSON Schema
of records (``article.schema.json``, `newsdump.schema`) are all built from `COLUMNS`.

Each `Column` has a ``kind`` that says how each format stores it (Arrow and Parquet;
pandas, for the Dask meta; CSV and flat records):

- ``string``: ``string``; ``string``; the text.
- ``int``: ``int64``; ``Int64``; the number.
- ``bool``: ``bool``; ``boolean``; ``True`` or ``False``.
- ``timestamp``: ``timestamp[us, tz=UTC]``; ``datetime64[us, UTC]``;
  ``2024-03-04T07:45:00Z`` (`utc_text`).
- ``authors``: a list of structs {name, url, agency}; ``string``; names joined with ``; ``.
- ``links``: a list of structs {text, url}; ``string``; texts joined with `` | ``.

Every column may be empty (null) except ``schema_version``; a flat-only column (a list's
URLs joined, for CSV) is left out of Arrow and Parquet, whose list columns hold them.
Run ``python -m newsdump._export.columns`` to rewrite the shipped schema after a change here
(a test fails until it is rewritten).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import zoneinfo
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from attrs import frozen

from newsdump._export.dicts import RECORD_FIELDS
from newsdump._wording import error_code
from newsdump.errors import _reason_of
from newsdump.model import Article, Author, Link

__all__ = [
    "COLUMNS",
    "DUMP",
    "ERROR",
    "ROW_COLUMNS",
    "SCHEMA_VERSION",
    "TABLE_COLUMNS",
    "Column",
    "error_text",
    "flat_row",
    "json_schema",
    "published_fields",
    "schema",
    "table_row",
    "utc_text",
]

SCHEMA_VERSION = 1
"""The version of the records' and columns' layout, written in every record and row.

Records written before it existed carry none. It goes up when a column or field changes
its meaning or type; a new column does not change it."""

Kind = Literal["string", "int", "bool", "timestamp", "authors", "links"]


@frozen
class Column:
    """One column: its name, its kind (how each format stores it) and what it holds."""

    name: str
    kind: Kind
    description: str
    flat_only: bool = False  # CSV and flat records only (Arrow keeps it inside a list column)


COLUMNS: tuple[Column, ...] = (
    Column("name", "string", "The file's path: in exports, the dump's path then the member's."),
    Column("schema_version", "int", "The version of this layout (`SCHEMA_VERSION`)."),
    Column("headline", "string", "The headline's Markdown; empty when the file has none."),
    Column("authors", "authors", "The byline's authors, in order (agencies included)."),
    Column("author_count", "int", "How many authors the byline names."),
    Column(
        "published",
        "string",
        "ISO 8601, in a form that keeps the precision: a day (2023-07-16), a naive time "
        "(2023-07-16T10:45:00) or an aware one (2023-07-16T10:45:00+03:00).",
    ),
    Column(
        "published_utc",
        "timestamp",
        "The publication time in UTC; empty for a day or a time with no zone (stated or "
        "assumed), and for a time whose UTC falls outside the years 1 to 9999.",
    ),
    Column(
        "published_precision",
        "string",
        "`day`, `minute` or `second`: how much of `published` the file gave.",
    ),
    Column("timezone", "string", "The IANA zone of an aware `published`, when it is named."),
    Column(
        "tz_assumed",
        "bool",
        "Whether the zone of `published` came from a site's default rather than the text.",
    ),
    Column("date_text", "string", "The date exactly as the file shows it, without a label."),
    Column("credit", "string", "The lead photo's credit line."),
    Column("url", "string", "The original article's URL, from the trailer."),
    Column("site", "string", "The URL's host in lower case, without a port or leading www."),
    Column("related", "links", "The links of the related-article callouts, in order."),
    Column(
        "related_urls",
        "string",
        "The related links' URLs joined with ` | ` (empty for a link with none).",
        flat_only=True,
    ),
    Column("related_count", "int", "How many related-article links the body has."),
    Column("blocks", "int", "How many blocks the body has."),
    Column("words", "int", "How many words the body's plain text has."),
    Column("text", "string", "The body as plain text."),
)
"""Every column, in the order of every tabular output."""

ROW_COLUMNS: tuple[str, ...] = tuple(column.name for column in COLUMNS)
"""The names of the flat columns (CSV, Dask records), in order."""

TABLE_COLUMNS: tuple[Column, ...] = tuple(c for c in COLUMNS if not c.flat_only)
"""The columns of Arrow tables and Parquet files, in order."""

DUMP = Column("dump", "string", "The dump's path, as given (Dask records only).")
"""The column before the others in `newsdump.dask.read_records`."""
ERROR = Column(
    "error",
    "string",
    "`code: reason` for a file that could not be read (whose other columns are empty); "
    "empty for an article (`newsdump.to_arrow`, Dask records).",
)
"""The column after the others in `newsdump.to_arrow` and `newsdump.dask.read_records`."""


def error_text(error: BaseException) -> str:
    """A file's error as the ``error`` column holds it: ``code: reason``."""
    return f"{error_code(error)}: {_reason_of(error)}"


# A time of day with seconds, as a date text shows it: "10:45:00", "9:05:30".
_SECONDS = re.compile(r"\d:\d\d:\d\d")


def published_fields(
    article: Article,
) -> tuple[str | None, dt.datetime | None, str | None, str | None]:
    """``published`` as ISO text, in UTC, its precision and its named zone.

    The precision is ``day`` for a date, ``second`` for a time whose seconds are not zero
    or whose date text shows them, else ``minute``.
    """
    published = article.published
    if published is None:
        return None, None, None, None
    if not isinstance(published, dt.datetime):
        return published.isoformat(), None, "day", None
    shows_seconds = bool(published.second or published.microsecond)
    if not shows_seconds and article.date_text is not None:
        shows_seconds = _SECONDS.search(article.date_text) is not None
    zone = published.tzinfo
    return (
        published.isoformat(),
        _utc(published),
        "second" if shows_seconds else "minute",
        zone.key if isinstance(zone, zoneinfo.ZoneInfo) else None,
    )


def _utc(moment: dt.datetime) -> dt.datetime | None:
    if moment.utcoffset() is None:
        return None
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:  # year 1 east of UTC, year 9999 west of it
        return None


def utc_text(moment: dt.datetime | None) -> str | None:
    """A UTC time as CSV and JSON write it: ``2024-03-04T07:45:00Z``, to the second.

    One form for every value, so that ``pandas.read_csv(..., parse_dates=[...])`` reads
    the column whole (it gives up on a column whose values mix forms).
    """
    if moment is None:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment.year >= 1000 else _padded(moment)


def _padded(moment: dt.datetime) -> str:
    # strftime does not pad years below 1000 on every platform
    return moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def author_struct(author: Author) -> dict[str, Any]:
    """An author as the ``authors`` list column holds it."""
    return {"name": author.name, "url": author.url, "agency": author.agency}


def link_struct(link: Link) -> dict[str, Any]:
    """A related link as the ``related`` list column holds it."""
    return {"text": link.text, "url": link.url}


def _values(name: str | None, article: Article) -> dict[str, Any]:
    """Every column's value, lists as tuples of model objects."""
    published, utc, precision, zone = published_fields(article)
    related = article.related
    text = article.text
    return {
        "name": name,
        "schema_version": SCHEMA_VERSION,
        "headline": article.headline,
        "authors": article.authors,
        "author_count": len(article.authors),
        "published": published,
        "published_utc": utc,
        "published_precision": precision,
        "timezone": zone,
        "tz_assumed": article.tz_assumed,
        "date_text": article.date_text,
        "credit": article.credit,
        "url": article.url,
        "site": article.site,
        "related": related,
        "related_urls": " | ".join(link.url or "" for link in related),
        "related_count": len(related),
        "blocks": len(article.body),
        "words": len(text.split()),
        "text": text,
    }


_FLAT: dict[str, Callable[[Any], Any]] = {
    "authors": lambda authors: "; ".join(author.name for author in authors),
    "links": lambda links: " | ".join(link.text for link in links),
}
_NESTED: dict[str, Callable[[Any], Any]] = {
    "authors": lambda authors: [author_struct(author) for author in authors],
    "links": lambda links: [link_struct(link) for link in links],
}


def flat_row(name: str | None, article: Article) -> dict[str, Any]:
    """The flat row of an article: every column of `ROW_COLUMNS`, lists joined as text.

    ``published_utc`` is an aware `datetime.datetime` (or ``None``); `utc_text` writes
    it for CSV.
    """
    values = _values(name, article)
    for column in COLUMNS:
        join = _FLAT.get(column.kind)
        if join is not None:
            values[column.name] = join(values[column.name])
    return values


def table_row(name: str | None, article: Article) -> tuple[Any, ...]:
    """The values of `TABLE_COLUMNS` for an article, in order, lists as lists of dicts."""
    values = _values(name, article)
    return tuple(
        _NESTED[column.kind](values[column.name]) if column.kind in _NESTED else values[column.name]
        for column in TABLE_COLUMNS
    )


# -- the JSON Schema of records ---------------------------------------------------------

_PUBLISHED_PATTERN = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?"
    "([+-][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?|Z)?)?$"
)
_NULLABLE: dict[Kind, dict[str, Any]] = {
    "string": {"type": ["string", "null"]},
    "int": {"type": "integer", "minimum": 0},
    "bool": {"type": "boolean"},
    "timestamp": {
        "type": ["string", "null"],
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
    },
    "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
    "links": {"type": "array", "items": {"$ref": "#/$defs/link"}},
}
_RECORD_FIELDS = tuple(name for name in RECORD_FIELDS if name != "body")
"""The fields of `newsdump.to_dict` that are columns too (``body`` is not a column)."""
_EXPORT_FIELDS = ("name", "schema_version", "published_utc", "published_precision", "text")
"""What export records (``newsdump export`` JSON and JSON Lines) add to `to_dict`."""


def _property(column: Column) -> dict[str, Any]:
    spec = {"description": column.description, **_NULLABLE[column.kind]}
    if column.name == "published":
        spec["pattern"] = _PUBLISHED_PATTERN
    elif column.name == "published_precision":
        spec["enum"] = ["day", "minute", "second", None]
        del spec["type"]
    elif column.name == "schema_version":
        spec = {"description": column.description, "const": SCHEMA_VERSION}
    elif column.name in ("name", "text"):
        spec["type"] = "string"
    return spec


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of article records, built from `COLUMNS`.

    It describes `newsdump.to_dict` (whose keys are required), the fields that
    ``newsdump export`` adds (``name``, ``schema_version``, ``published_utc``,
    ``published_precision``, ``text``) and the ``diagnostics`` of ``newsdump show --json``.
    """
    by_name = {column.name: column for column in COLUMNS}
    properties: dict[str, Any] = {}
    for column in COLUMNS:
        if column.name in _RECORD_FIELDS or column.name in _EXPORT_FIELDS:
            properties[column.name] = _property(column)
        if column.name == "related":
            properties["body"] = _BODY
    for name in _EXPORT_FIELDS:
        properties[name]["description"] = "Export records only. " + by_name[name].description
    properties["diagnostics"] = _DIAGNOSTICS
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsdump.readthedocs.io/article.schema.json",
        "title": "newsdump article record",
        "description": (
            "What newsdump.to_dict(article) gives and newsdump.from_dict reads. Records "
            "written by `newsdump export` (JSON, JSON Lines) add `name`, `schema_version`, "
            "`published_utc`, `published_precision` and `text`; `newsdump show --json` adds "
            "`schema_version` and `diagnostics`. Generated from newsdump/_export/columns.py."
        ),
        "type": "object",
        "required": [*_RECORD_FIELDS, "body"],
        "additionalProperties": False,
        "properties": properties,
        "$defs": {"author": _AUTHOR, "link": _LINK},
    }


_URL = {"description": "null where the dump neutralised the link to #.", "type": ["string", "null"]}
_AUTHOR = {
    "type": "object",
    "required": ["name", "url"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "url": _URL,
        "agency": {
            "description": "Whether the name is a news agency's (wire copy). to_dict writes it "
            "only when true, and a record without it is read as false; tabular outputs "
            "always have it.",
            "type": "boolean",
        },
    },
}
_LINK = {
    "type": "object",
    "required": ["text", "url"],
    "additionalProperties": False,
    "properties": {"text": {"type": "string"}, "url": _URL},
}
_BODY = {
    "description": "The body's blocks, in order, each with its kind and Markdown source.",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["type", "markdown"],
        "additionalProperties": False,
        "properties": {
            "type": {
                "enum": [
                    "paragraph",
                    "heading",
                    "list",
                    "quote",
                    "image",
                    "rule",
                    "related",
                    "verbatim",
                    "boilerplate",
                ]
            },
            "markdown": {"type": "string"},
        },
    },
}
_DIAGNOSTICS = {
    "description": "`newsdump show --json` only: what lenient parsing noticed, in order.",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["code", "message", "line", "column"],
        "additionalProperties": False,
        "properties": {
            "code": {"type": "string"},
            "message": {"type": "string"},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "severity": {"enum": ["error", "warning", "info"]},
        },
    },
}

SCHEMA_FILE = "article.schema.json"


def schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of article records, as shipped with newsdump.

    It describes what `newsdump.to_dict` gives (and `newsdump.from_dict` reads), the
    records of ``newsdump export --format jsonl`` and ``json``, and ``newsdump show
    --json``. A fresh dictionary each call.

    >>> import newsdump
    >>> schema = newsdump.schema()
    >>> schema["title"]
    'newsdump article record'
    """
    text = files("newsdump").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def schema_text() -> str:
    """The text of the shipped schema file, as `json_schema` writes it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _main() -> None:  # pragma: no cover - run by hand after editing the columns
    """Rewrite the shipped schema and the documentation's copy from `COLUMNS`."""
    package = Path(__file__).resolve().parents[1]  # newsdump/
    targets = [package / SCHEMA_FILE, package.parent.parent / "docs" / SCHEMA_FILE]
    for target in targets:
        if target.parent.is_dir():
            target.write_text(schema_text(), encoding="utf-8", newline="\n")
            print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    _main()
