"""Relative datelines end to end: ``now`` from `loads`, `Parser`, `load` and `read_dump`
down to the dateline reader, the ``relative-date`` warning without it, and a site's
language."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest

import newsdump
from newsdump.errors import PluginError, Severity
from newsdump.sites import Site

TRAILER = "\n\nOriginal url:\n\n<https://news.example/a>\n"
NOW = dt.datetime(2025, 3, 10, 12, 30, tzinfo=dt.UTC)


def text(dateline: str) -> str:
    return f"# Harbour ferry runs late\n\n{dateline}\n\nThe ferry ran an hour late.{TRAILER}"


@pytest.mark.parametrize("dateline", ["2 hours ago", "vor 3 Stunden", "вчера", "昨天 10:45"])
def test_relative_dateline_without_now_is_kept_and_reported(dateline: str) -> None:
    """Without ``now``: date_text keeps the text, published is None, and a warning with
    line and column says why; the file is written back byte for byte."""
    article = newsdump.loads(text(dateline))
    assert article.date_text == dateline
    assert article.published is None
    [diagnostic] = article.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("relative-date", 3, 1)
    assert diagnostic.severity is Severity.WARNING
    assert "reference time" in diagnostic.message
    assert article.body[0].text == "The ferry ran an hour late."
    assert newsdump.dumps(article) == text(dateline)
    assert newsdump.loads(text(dateline), strict=True).published is None  # a warning only


def test_a_labelled_relative_dateline_reports_its_column() -> None:
    """The column is where the date text starts, after the label."""
    article = newsdump.loads(text("Updated: 2 hours ago"))
    assert article.date_text == "2 hours ago"
    assert [(d.code, d.line, d.column) for d in article.diagnostics] == [("relative-date", 3, 10)]


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("2 hours ago", dt.datetime(2025, 3, 10, 10, 30, tzinfo=dt.UTC)),
        ("vor 3 Stunden", dt.datetime(2025, 3, 10, 9, 30, tzinfo=dt.UTC)),
        ("вчера", dt.date(2025, 3, 9)),
        ("昨天 10:45", dt.datetime(2025, 3, 9, 10, 45, tzinfo=dt.UTC)),
    ],
)
def test_loads_and_parser_read_relative_datelines_with_now(
    dateline: str, expected: dt.date
) -> None:
    """``loads(now=...)`` and ``Parser(now=...)`` read them, with no diagnostic."""
    for article in (
        newsdump.loads(text(dateline), now=NOW),
        newsdump.Parser(now=NOW).loads(text(dateline)),
    ):
        assert article.published == expected
        assert type(article.published) is type(expected)
        assert article.date_text == dateline
        assert article.diagnostics == ()
        assert newsdump.dumps(article) == text(dateline)


def test_absolute_datelines_ignore_now() -> None:
    """``now`` changes nothing for a dateline that states its date."""
    plain = newsdump.loads(text("July 16, 2023"))
    assert newsdump.loads(text("July 16, 2023"), now=NOW) == plain


def test_canonical_form_writes_a_relative_dateline_bare() -> None:
    """A relative date text is read as the dateline unlabelled, so fmt writes no label."""
    canonical = newsdump.format_text(text("2 hours ago"))
    assert "\n\n2 hours ago\n\n" in canonical
    assert newsdump.format_text(canonical) == canonical


def test_load_reads_against_the_files_modification_time(tmp_path: Path) -> None:
    """``load(path, now="mtime")``: the file's modification time, in UTC."""
    path = tmp_path / "a.txt"
    path.write_text(text("2 hours ago"), encoding="utf-8")
    os.utime(path, (NOW.timestamp(), NOW.timestamp()))
    expected = dt.datetime(2025, 3, 10, 10, 30, tzinfo=dt.UTC)
    assert newsdump.load(path, now="mtime").published == expected
    assert newsdump.Parser(now="mtime").load(path).published == expected
    with open(path, "rb") as handle:
        assert newsdump.load(handle, now="mtime").published == expected
    assert newsdump.load(path, now=NOW).published == expected
    assert newsdump.load(path).published is None


def test_mtime_needs_a_file() -> None:
    """A file object without a descriptor has no modification time: a clear ValueError."""
    with pytest.raises(ValueError, match="mtime"):
        newsdump.load(io.BytesIO(text("2 hours ago").encode()), now="mtime")


@pytest.mark.parametrize("workers", [1, 2])
def test_read_dump_passes_now_to_every_file(tmp_path: Path, workers: int) -> None:
    """``read_dump(now=...)`` reads relative datelines in this process and in workers."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text("2 hours ago"), encoding="utf-8")
    expected = dt.datetime(2025, 3, 10, 10, 30, tzinfo=dt.UTC)
    entries = list(newsdump.read_dump(tmp_path, now=NOW, workers=workers))
    assert [e.article.published for e in entries if e.article] == [expected, expected]
    without = list(newsdump.read_dump(tmp_path, workers=workers))
    assert [e.article.published for e in without if e.article] == [None, None]


class _German(Site):
    hosts = ("zeitung.example",)
    language = "de"


class _English(Site):
    hosts = ("paper.example",)
    language = "en"


def test_a_sites_language_orders_numeric_dates() -> None:
    """A quirk's ``language`` settles ``03/04/2023`` by the language's short date order."""
    body = "# Kurz gemeldet\n\n03/04/2023\n\nText.\n\nOriginal url:\n\n<https://{}/a>\n"
    german = newsdump.loads(body.format("zeitung.example"), sites=[_German])
    english = newsdump.loads(body.format("paper.example"), sites=[_English])
    assert german.published == dt.date(2023, 4, 3)
    assert english.published == dt.date(2023, 3, 4)
    assert newsdump.loads(body.format("other.example"), sites=[]).published is None


@pytest.mark.parametrize("language", ["xx", "DE", 3, ""])
def test_a_sites_language_is_checked(language: object) -> None:
    """An unknown language is a PluginError naming the attribute."""

    class Bad(Site):
        hosts = ("bad.example",)

    Bad.language = language  # type: ignore[assignment]
    with pytest.raises(PluginError) as caught:
        newsdump.Parser(sites=[Bad])
    assert caught.value.hook == "language"
