"""The one definition of the columns (newsdump._export.columns) and what is built from it."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

from hypothesis import given

import newsdump
from _dumps import article_text
from newsdump._export.columns import (
    COLUMNS,
    ROW_COLUMNS,
    TABLE_COLUMNS,
    flat_row,
    published_fields,
    table_row,
    utc_text,
)
from newsdump.testing.strategies import articles

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_every_output_is_built_from_the_columns() -> None:
    """CSV and flat rows have every column; tables all but the flat-only ones; schema too."""
    assert tuple(c.name for c in COLUMNS) == ROW_COLUMNS
    assert [c.name for c in TABLE_COLUMNS] == [c.name for c in COLUMNS if not c.flat_only]
    assert [c.name for c in COLUMNS if c.flat_only] == ["related_urls"]
    article = newsdump.loads(article_text(3))
    assert tuple(flat_row("x", article)) == ROW_COLUMNS
    assert len(table_row("x", article)) == len(TABLE_COLUMNS)
    properties = newsdump.schema()["properties"]
    for column in COLUMNS:
        if column.name in properties:
            assert column.description in properties[column.name]["description"]


def test_the_docs_list_every_column() -> None:
    """docs/dumps.md's table of columns names every column, in order."""
    page = (DOCS / "dumps.md").read_text(encoding="utf-8")
    section = page.split("\n## Columns\n", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \|", section, re.M)
    assert listed == list(ROW_COLUMNS)


@given(articles())
def test_flat_and_table_rows_agree(article: newsdump.Article) -> None:
    """A flat row joins what the table row lists; counts are the lists' lengths."""
    flat = flat_row("n", article)
    table = dict(zip((c.name for c in TABLE_COLUMNS), table_row("n", article), strict=True))
    assert flat["authors"] == "; ".join(a["name"] for a in table["authors"])
    assert flat["related"] == " | ".join(link["text"] for link in table["related"])
    assert flat["related_urls"] == " | ".join(link["url"] or "" for link in table["related"])
    assert flat["author_count"] == len(table["authors"]) == len(article.authors)
    assert [a["agency"] for a in table["authors"]] == [a.agency for a in article.authors]
    assert flat["related_count"] == len(table["related"])
    for name in ("published", "published_utc", "published_precision", "timezone", "text"):
        assert flat[name] == table[name]


@given(articles())
def test_published_utc_is_the_same_instant(article: newsdump.Article) -> None:
    """published_utc is published's instant, for aware times only; the text form reads back."""
    text, utc, precision, _ = published_fields(article)
    published = article.published
    if published is None:
        assert (text, utc, precision) == (None, None, None)
        return
    assert text == published.isoformat()
    if not isinstance(published, dt.datetime):
        assert (utc, precision) == (None, "day")
        return
    assert precision in {"minute", "second"}
    if published.tzinfo is None:
        assert utc is None
    elif utc is not None:  # None only at the ends of the calendar
        assert utc == published
        assert utc.utcoffset() == dt.timedelta(0)
        written = utc_text(utc)
        assert written is not None
        assert written.endswith("Z")
        assert dt.datetime.fromisoformat(written) == utc.replace(microsecond=0)


def test_precision_follows_the_date_text() -> None:
    """Seconds shown in the date text, or not zero, make a time's precision ``second``."""
    moment = dt.datetime(2024, 3, 4, 10, 45)
    cases = {
        "March 4, 2024 10:45": "minute",
        "March 4, 2024 10:45:00": "second",
        "2024.03.04 10.45": "minute",
    }
    for date_text, expected in cases.items():
        article = newsdump.Article(published=moment, date_text=date_text)
        assert published_fields(article)[2] == expected, date_text
    with_seconds = newsdump.Article(published=moment.replace(second=9), date_text="10:45")
    assert published_fields(with_seconds)[2] == "second"


def test_a_utc_time_outside_the_calendar_is_empty() -> None:
    """Year 1 east of UTC has no UTC time in Python's range: empty, published kept."""
    zone = zoneinfo.ZoneInfo("Asia/Tokyo")
    moment = dt.datetime(1, 1, 1, 3, 0, tzinfo=zone)
    article = newsdump.Article(published=moment, date_text="1 January 1, 3:00")
    text, utc, precision, timezone = published_fields(article)
    assert (utc, precision, timezone) == (None, "minute", "Asia/Tokyo")
    assert text is not None
    assert text.startswith("0001-01-01T03:00:00+")
    early = dt.datetime(999, 5, 6, 7, 8, 9, 10, tzinfo=dt.UTC)
    assert utc_text(early) == "0999-05-06T07:08:09Z"
