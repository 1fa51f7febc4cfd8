"""Filters (issue 19, item 4): `newsdump.where`, ``read_dump(where=...)`` and ``--site``,
``--since``, ``--until``, ``--has`` on check, export and stats."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdump
from _dumps import article_text, write_folder
from newsdump.cli import main
from newsdump.model import Article, Author, Link
from newsdump.testing.strategies import articles

UTC = dt.UTC
BOUNDS = st.datetimes(
    min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2040, 1, 1), timezones=st.just(UTC)
)


def _utc_span(published: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The reference reading: a day is its whole UTC day; a naive time is UTC."""
    if isinstance(published, dt.datetime):
        moment = published.replace(tzinfo=UTC) if published.tzinfo is None else published
        moment = moment.astimezone(UTC)
        return moment, moment
    start = dt.datetime(published.year, published.month, published.day, tzinfo=UTC)
    return start, start + dt.timedelta(days=1) - dt.timedelta(microseconds=1)


@given(article=articles(), bound=BOUNDS)
def test_since_and_until_compare_in_utc(article: Article, bound: dt.datetime) -> None:
    """since keeps what is at or after the bound, until what is at or before (a day: any
    part of it); an article without a date passes neither."""
    kept_since = newsdump.where(since=bound)(article)
    kept_until = newsdump.where(until=bound)(article)
    if article.published is None:
        assert not kept_since
        assert not kept_until
        return
    start, end = _utc_span(article.published)
    assert kept_since == (end >= bound)
    assert kept_until == (start <= bound)


@given(article=articles(), day=st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)))
def test_a_day_bound_takes_the_whole_day(article: Article, day: dt.date) -> None:
    """until=DAY keeps everything published on that day (UTC), since=DAY from its start."""
    start = dt.datetime(day.year, day.month, day.day, tzinfo=UTC)
    last = start + dt.timedelta(days=1) - dt.timedelta(microseconds=1)
    assert newsdump.where(until=day)(article) == newsdump.where(until=last)(article)
    assert newsdump.where(since=day)(article) == newsdump.where(since=start)(article)
    assert newsdump.where(until=day.isoformat())(article) == newsdump.where(until=day)(article)


@given(article=articles())
def test_no_condition_keeps_everything(article: Article) -> None:
    """where() with no arguments keeps every article."""
    assert newsdump.where()(article)


def test_times_with_offsets_are_compared_as_instants() -> None:
    """23:30 at -05:00 is the next day in UTC; a naive time is taken as UTC."""
    zoned = Article(
        published=dt.datetime(2024, 5, 2, 23, 30, tzinfo=dt.timezone(-dt.timedelta(hours=5)))
    )
    assert newsdump.where(since="2024-05-03")(zoned)
    assert not newsdump.where(until="2024-05-02")(zoned)
    naive = Article(published=dt.datetime(2024, 5, 2, 23, 30))
    assert newsdump.where(until="2024-05-02T23:30:00+00:00")(naive)
    assert not newsdump.where(until="2024-05-02T23:29:59")(naive)


def test_sites_match_themselves_and_subdomains_only() -> None:
    """example.org keeps news.example.org and www.example.org, not notexample.org."""
    keep = newsdump.where(site=["Example.org", "other.example"])

    def on(url: str) -> bool:
        return keep(Article(url=url))

    assert on("https://example.org/a")
    assert on("https://news.example.org/a")
    assert on("https://www.EXAMPLE.org/a")
    assert on("https://other.example/x")
    assert not on("https://notexample.org/a")
    assert not on("https://example.org.evil.example/a")
    assert not keep(Article())  # no URL, no site


def test_has_asks_for_fields() -> None:
    """has=byline/credit/date/related keeps articles with all of those fields."""
    bare = Article(headline="Bare")
    full = attrs.evolve(
        bare,
        authors=(Author("Ann Lee"),),
        credit="Cam Doyle/Valley Post",
        published=dt.date(2024, 5, 2),
        body=(newsdump.Related("**Related article: [Ferry](#)**"),),
    )
    assert full.related == (Link("Ferry", None),)
    for field in ("byline", "credit", "date", "related"):
        assert newsdump.where(has=field)(full)
        assert not newsdump.where(has=field)(bare)
    assert newsdump.where(has=["byline", "date"])(full)
    with pytest.raises(ValueError, match="unknown field 'photo'"):
        newsdump.where(has="photo")
    with pytest.raises(ValueError, match="not an ISO date"):
        newsdump.where(since="last week")


def test_a_filter_pickles() -> None:
    """A filter travels to worker processes."""
    keep = newsdump.where(site="a.example", since="2024-01-01", has="date")
    assert pickle.loads(pickle.dumps(keep)) == keep


def _dump(root: Path) -> Path:
    members = {f"{n:02}.txt": article_text(n).encode() for n in range(8)}
    members["bad.txt"] = b"\n\n# Caf\xe9"
    return write_folder(root, members)


@pytest.mark.parametrize("workers", [1, 2])
def test_read_dump_where_keeps_matching_articles_and_every_error(
    tmp_path: Path, workers: int
) -> None:
    """read_dump(where=f) gives the entries read_dump gives whose article f keeps, and
    every entry without an article, in the same order, with any number of workers."""
    root = _dump(tmp_path)
    keep = newsdump.where(site="valley1.example", until="2024-03-20")
    everything = list(newsdump.read_dump(root))
    expected = [e for e in everything if e.article is None or keep(e.article)]
    got = list(newsdump.read_dump(root, where=keep, workers=workers))
    assert [e.name for e in got] == [e.name for e in expected]
    assert [e.article for e in got] == [e.article for e in expected]
    assert "bad.txt" in [e.name for e in got]
    assert 0 < len(got) - 1 < len(everything) - 1


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of the command line."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_filters_by_site_and_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--site (repeated) and --since/--until choose the exported articles."""
    root = _dump(tmp_path / "d")
    code, out, err = run(
        capsys, "export", str(root), "--site", "valley0.example", "--site", "www.valley2.example",
        "--since", "2024-03-03", "--until", "2024-03-07T12:00:00+00:00",
    )  # fmt: skip
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1  # bad.txt is always kept, and failed
    assert sorted(r["published"] for r in records) == [
        "2024-03-03",
        "2024-03-04",
        "2024-03-06",
        "2024-03-07",
    ]
    assert {r["site"] for r in records} == {"valley0.example", "valley2.example"}
    summary = "exported 4 articles from 5 files (1 failed, 1 unreadable and left out, "
    assert err.endswith(summary + "4 left out by the filters)\n")


def test_check_and_stats_take_the_filters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check and stats count only the files the filters keep (and the unreadable ones)."""
    root = _dump(tmp_path / "d")
    code, _, err = run(capsys, "check", str(root), "--site", "valley1.example", "--has", "byline")
    assert code == 1
    assert err == "4 files: 3 ok, 0 with warnings, 1 failed, 5 left out by the filters\n"
    code, out, _ = run(
        capsys, "stats", str(root), "--has", "related", "--format", "json", "--until", "2024-03-02"
    )
    data = json.loads(out)
    assert (code, data["files"], data["failed"]) == (1, 3, 1)
    assert data["last_date"] == "2024-03-02"


@pytest.mark.parametrize("bound", ["yesterday", "2024-13-01"])
def test_a_bad_bound_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bound: str
) -> None:
    """A --since that is not an ISO date exits 2 with a message, before any output."""
    root = _dump(tmp_path / "d")
    code, out, err = run(capsys, "export", str(root), "--since", bound)
    assert code == 2
    assert out == ""
    assert "not an ISO date or time" in err
