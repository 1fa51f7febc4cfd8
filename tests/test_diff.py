"""``newsdump diff`` and `diff_dumps`: pairing, per-field changes, formats, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from newsdump import Article, DumpEntry, DumpError, dumps
from newsdump.cli import main
from newsdump.testing import (
    Change,
    DumpDiff,
    FieldChange,
    assert_no_regressions,
    diff_dumps,
    make_article,
    make_dump,
    make_related,
    similarity,
)
from newsdump.testing.strategies import articles

pytest_plugins = ["pytester"]

RIGA = dt.timezone(dt.timedelta(hours=2))


def _url(n: int) -> str:
    return f"https://tidewater-echo.example/2024/06/{n:02d}/story"


def _article(n: int, **fields: object) -> Article:
    defaults: dict[str, object] = {"headline": f"Story Number {n}", "url": _url(n)}
    return make_article(**(defaults | fields))  # type: ignore[arg-type]


def _changes(diff: DumpDiff) -> list[tuple[str, str]]:
    return [(c.field, str(c.kind)) for _, c in diff.changes()]


def _only(diff: DumpDiff) -> tuple[FieldChange, ...]:
    assert len(diff.articles) == 1, diff.articles
    return diff.articles[0].changes


def _write(folder: Path, items: dict[str, Article]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, article in items.items():
        (folder / name).write_text(dumps(article), encoding="utf-8", newline="")
    return folder


# --- pairing ---------------------------------------------------------------------------


def test_identical_dumps_have_no_changes() -> None:
    """The same articles give no article diffs and all-zero counts."""
    diff = diff_dumps([_article(1), _article(2)], [_article(1), _article(2)])
    assert (diff.articles, diff.paired, diff.unchanged) == ((), 2, 2)
    assert all((r.changed, r.lost, r.gained) == (0, 0, 0) for r in diff.summary)


def test_pairs_by_url_whatever_the_order_and_names(tmp_path: Path) -> None:
    """Renamed and reordered files pair by their URL."""
    old = _write(tmp_path / "old", {"a.txt": _article(1), "b.txt": _article(2)})
    new = _write(tmp_path / "new", {"x.txt": _article(2), "y.txt": _article(1, credit=None)})
    diff = diff_dumps(old, new)
    (article,) = diff.articles
    assert (article.old, article.new, article.paired_by) == ("a.txt", "y.txt", "url")
    assert _changes(diff) == [("credit", "lost")]


def test_pairs_by_name_then_headline(tmp_path: Path) -> None:
    """Without a shared URL, the file name pairs; without that, the headline."""
    old = _write(tmp_path / "old", {"a.txt": _article(1), "b.txt": _article(2)})
    new = _write(
        tmp_path / "new",
        {"a.txt": _article(1, url="https://moved.example/1"), "c.txt": _article(2, url=None)},
    )
    diff = diff_dumps(old, new)
    assert [(a.old, a.new, a.paired_by) for a in diff.articles] == [
        ("a.txt", "a.txt", "name"),
        ("b.txt", "c.txt", "headline"),
    ]
    assert _changes(diff) == [("url", "changed"), ("url", "lost")]


def test_url_pairing_wins_over_name() -> None:
    """A URL match is taken before a name match would pair the same file elsewhere."""
    old = [DumpEntry("a.txt", _article(1)), DumpEntry("b.txt", _article(2))]
    new = [DumpEntry("b.txt", _article(1)), DumpEntry("a.txt", _article(2))]
    diff = diff_dumps(old, new)
    assert diff.articles == ()
    assert diff.paired == 2


def test_added_and_removed_articles() -> None:
    """Unpaired articles are removed (article lost) or added (article gained)."""
    old = [DumpEntry("1.txt", _article(1)), DumpEntry("2.txt", _article(2))]
    new = [DumpEntry("1.txt", _article(1)), DumpEntry("3.txt", _article(3))]
    diff = diff_dumps(old, new)
    assert [(a.old, a.new) for a in diff.articles] == [("2.txt", None), (None, "3.txt")]
    assert _changes(diff) == [("article", "lost"), ("article", "gained")]
    assert (diff.removed, diff.added, diff.unchanged) == (1, 1, 1)


def test_unreadable_file_is_an_article_lost() -> None:
    """A file that no longer reads is reported, not skipped."""
    error = DumpError("not UTF-8", code="invalid-encoding", name="a.txt")
    diff = diff_dumps([DumpEntry("a.txt", _article(1))], [DumpEntry("a.txt", None, error)])
    (change,) = _only(diff)
    assert (change.field, change.kind) == ("article", Change.LOST)
    assert "invalid-encoding" in change.note


# --- fields ----------------------------------------------------------------------------


def test_headline_changed_lost_gained() -> None:
    """A headline replaced, gone, or new."""
    assert _changes(diff_dumps([_article(1)], [_article(1, headline="Other")])) == [
        ("headline", "changed")
    ]
    assert _changes(diff_dumps([_article(1)], [_article(1, headline=None)])) == [
        ("headline", "lost")
    ]
    assert _changes(diff_dumps([_article(1, headline=None)], [_article(1)])) == [
        ("headline", "gained")
    ]


def test_authors_lost_gained_reordered() -> None:
    """Names lost and gained are listed; the same names in another order are 'reordered'."""
    old = _article(1, authors=["Ann Lee", "Coastal Wire"])
    lost, gained = _only(diff_dumps([old], [_article(1, authors=["Coastal Wire", "Bo Sand"])]))
    assert (lost.kind, lost.note, gained.kind, gained.note) == (
        Change.LOST,
        "Ann Lee",
        Change.GAINED,
        "Bo Sand",
    )
    (reordered,) = _only(diff_dumps([old], [_article(1, authors=["Coastal Wire", "Ann Lee"])]))
    assert (reordered.kind, reordered.note) == (Change.CHANGED, "reordered")
    assert (reordered.old, reordered.new) == ("Ann Lee, Coastal Wire", "Coastal Wire, Ann Lee")


def test_date_moved_lost_and_precision_lost() -> None:
    """A moved day says by how much; a lost time is a precision loss, not a move."""
    timed = _article(1, published=dt.datetime(2025, 3, 4, 9, 30, tzinfo=RIGA))
    (moved,) = _only(
        diff_dumps([timed], [_article(1, published=dt.datetime(2025, 3, 5, 11, 0, tzinfo=RIGA))])
    )
    assert (moved.field, moved.kind, moved.note) == ("date", Change.CHANGED, "moved by +1 day 1:30")
    (precision,) = _only(diff_dumps([timed], [_article(1, published=dt.date(2025, 3, 4))]))
    assert (precision.field, precision.kind) == ("precision", Change.LOST)
    (lost,) = _only(diff_dumps([timed], [_article(1, published=None, date_text=None)]))
    assert (lost.field, lost.kind, lost.old) == ("date", Change.LOST, "2025-03-04T09:30:00+02:00")


def test_zone_changed_lost_and_assumed() -> None:
    """Same wall clock, another offset or an assumed zone: a zone change, not a move."""
    at = dt.datetime(2025, 3, 4, 9, 30)
    old = _article(1, published=at.replace(tzinfo=RIGA))
    (changed,) = _only(diff_dumps([old], [_article(1, published=at.replace(tzinfo=dt.UTC))]))
    assert (changed.field, changed.kind, changed.old, changed.new) == (
        "zone",
        Change.CHANGED,
        "+02:00",
        "+00:00",
    )
    (lost,) = _only(diff_dumps([old], [_article(1, published=at)]))
    assert (lost.field, lost.kind) == ("zone", Change.LOST)
    assumed = _article(1, published=at.replace(tzinfo=RIGA), tz_assumed=True)
    (became,) = _only(diff_dumps([old], [assumed]))
    assert (became.field, became.new) == ("zone", "+02:00 (assumed)")


def test_credit_and_related_links() -> None:
    """Credit lost; a related link lost, and one whose target changed."""
    body = ["A paragraph.", make_related("Ferry Fares Frozen", "https://x.example/a")]
    old = _article(1, body=body)
    new = _article(1, credit=None, body=["A paragraph."])
    credit, related, text = _only(diff_dumps([old], [new]))
    assert (credit.field, credit.kind, credit.old) == (
        "credit",
        Change.LOST,
        "Jonas Elk/Coastal Wire",
    )
    assert (related.field, related.kind, related.note) == (
        "related",
        Change.LOST,
        "Ferry Fares Frozen",
    )
    assert text.field == "body"
    moved_link = _article(
        1, body=["A paragraph.", make_related("Ferry Fares Frozen", "https://x.example/b")]
    )
    related_changes = [c for c in _only(diff_dumps([old], [moved_link])) if c.field == "related"]
    assert [(c.kind, c.note) for c in related_changes] == [(Change.CHANGED, "link targets changed")]


def test_body_change_names_the_paragraph_and_similarity() -> None:
    """The first differing paragraph of the plain text, and the share of words kept."""
    old = _article(1, body=["One two three.", "Four five six seven.", "Eight."])
    new = _article(1, body=["One two three.", "Four five six eight.", "Eight."])
    (body,) = _only(diff_dumps([old], [new]))
    assert (body.field, body.kind, body.paragraph) == ("body", Change.CHANGED, 2)
    assert (body.old, body.new) == ("Four five six seven.", "Four five six eight.")
    assert body.similarity == similarity(
        "One two three. Four five six seven. Eight.", "One two three. Four five six eight. Eight."
    )
    assert body.similarity is not None
    assert 0.8 < body.similarity < 1


def test_body_markup_only() -> None:
    """Blocks that differ in Markdown but read the same: changed, similarity 1, no paragraph."""
    (body,) = _only(
        diff_dumps([_article(1, body=["Plain words."])], [_article(1, body=["*Plain* words."])])
    )
    assert (body.kind, body.note, body.similarity, body.paragraph) == (
        Change.CHANGED,
        "markup only",
        1.0,
        None,
    )


def test_similarity_values() -> None:
    """Identical texts 1, disjoint 0, empty 1; a moved paragraph costs nothing."""
    assert similarity("a b c", "a b c") == 1.0
    assert similarity("a b", "c d") == 0.0
    assert similarity("", "") == 1.0
    assert similarity("one two\n\nthree four", "three four\n\none two") == 1.0


@settings(max_examples=30)
@given(articles(), articles())
def test_diff_of_a_dump_with_itself_is_empty_and_counts_add_up(a: Article, b: Article) -> None:
    """Law: a dump against itself has no changes; paired + removed = old, paired + added = new."""
    assert diff_dumps([a, b], [a, b]).articles == ()
    diff = diff_dumps([a], [b])
    assert diff.paired + diff.removed == diff.old_count
    assert diff.paired + diff.added == diff.new_count


# --- assert_no_regressions --------------------------------------------------------------


def test_assert_no_regressions_fails_on_lost_passes_on_gained() -> None:
    """Lost and changed fields fail; gains pass; allow= accepts fields or field:kind."""
    old, new = _article(1), _article(1, credit=None, headline="Other")
    with pytest.raises(AssertionError, match="2 regressions") as caught:
        assert_no_regressions([old], [new])
    assert "credit lost" in str(caught.value)
    assert_no_regressions([old], [new], allow=["credit:lost", "headline"])
    with pytest.raises(AssertionError, match="1 regression:"):
        assert_no_regressions([old], [new], allow=["credit"])
    assert_no_regressions([new], [old], allow=["headline"])  # the credit is gained


def test_assert_no_regressions_refuses_unknown_names() -> None:
    """A field or kind that does not exist is a ValueError, not a silent pass."""
    with pytest.raises(ValueError, match="cannot allow 'credits'"):
        assert_no_regressions([], [], allow=["credits"])
    with pytest.raises(ValueError, match="cannot allow 'credit:gone'"):
        assert_no_regressions([], [], allow=["credit:gone"])


def test_assert_no_regressions_hides_newsdumps_frames(pytester: pytest.Pytester) -> None:
    """In pytest the failure shows the test's line and the report, no newsdump source."""
    import newsdump

    pytester.makepyfile(
        test_it="""
        from newsdump.testing import assert_no_regressions, make_article

        def test_it():
            assert_no_regressions([make_article()], [make_article(credit=None)])
        """
    )
    result = pytester.runpytest("--tb=long")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E*1 regression:", "E*credit lost*"])
    assert str(Path(newsdump.__file__).parent) not in result.stdout.str()


# --- the command -----------------------------------------------------------------------


@pytest.fixture
def dumps_pair(tmp_path: Path) -> tuple[Path, Path]:
    """An old folder and a new zip of the same three stories, one credit lost, one added."""
    old = _write(tmp_path / "old", {f"{n}.txt": _article(n) for n in (1, 2, 3)})
    new = tmp_path / "new.zip"
    with zipfile.ZipFile(new, "w") as archive:
        archive.writestr("1.txt", dumps(_article(1)))
        archive.writestr("2.txt", dumps(_article(2, credit=None)))
        archive.writestr("3.txt", dumps(_article(3)))
        archive.writestr("4.txt", dumps(_article(4)))
    return old, new


def test_command_text_report(
    dumps_pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Each changed article with its changes, then the counts and the summary table."""
    old, new = dumps_pair
    assert main(["diff", str(old), str(new), "-q"]) == 0
    out = capsys.readouterr().out
    assert f"2.txt <{_url(2)}>\n  credit lost: Jonas Elk/Coastal Wire -> -\n" in out
    assert f"4.txt (added) <{_url(4)}>\n  article gained\n" in out
    assert "3 old, 4 new articles: 3 paired (2 unchanged), 0 removed, 1 added" in out
    assert "credit            0        1        0" in out
    assert "article           0        0        1" in out


def test_command_json(dumps_pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """--format json holds the counts, the summary and every change."""
    old, new = dumps_pair
    assert main(["diff", str(old), str(new), "--format", "json", "-q"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["old_count"], record["new_count"], record["added"]) == (3, 4, 1)
    credit = next(r for r in record["summary"] if r["field"] == "credit")
    assert credit == {"field": "credit", "changed": 0, "lost": 1, "gained": 0}
    change = record["articles"][0]["changes"][0]
    assert (change["field"], change["kind"], change["old"]) == (
        "credit",
        "lost",
        "Jonas Elk/Coastal Wire",
    )


def test_command_markdown(
    dumps_pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """--format markdown: a table first, the articles folded in a details block."""
    old, new = dumps_pair
    assert main(["diff", str(old), str(new), "--format", "markdown", "-q"]) == 0
    out = capsys.readouterr().out
    assert "| field | changed | lost | gained |\n|---|---:|---:|---:|\n" in out
    assert "| credit | 0 | 1 | 0 |" in out
    assert "<details><summary>2 articles</summary>" in out


def test_fail_on(dumps_pair: tuple[Path, Path], tmp_path: Path) -> None:
    """--fail-on lost exits 1 when something was lost; changed on any difference."""
    old, new = dumps_pair
    assert main(["diff", str(old), str(new), "-q", "--fail-on", "lost"]) == 1
    assert main(["diff", str(new), str(old), "-q", "--fail-on", "lost"]) == 1  # 4.txt removed
    gained = _write(tmp_path / "gained", {f"{n}.txt": _article(n) for n in (1, 2, 3, 4)})
    assert main(["diff", str(old), str(gained), "-q", "--fail-on", "lost"]) == 0
    assert main(["diff", str(old), str(gained), "-q", "--fail-on", "changed"]) == 1
    assert main(["diff", str(old), str(old), "-q", "--fail-on", "changed"]) == 0


def test_missing_dump_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A dump that does not exist exits 2 with a message."""
    assert main(["diff", str(tmp_path / "nope"), str(tmp_path / "nope2"), "-q"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_jsonl_and_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON Lines dumps compare too; --limit caps the articles listed, not the counts."""
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    old.write_text(
        "".join(
            json.dumps(make_dump(headline=f"Story Number {n}", url=_url(n))) + "\n"
            for n in range(5)
        )
    )
    new.write_text(
        "".join(
            json.dumps(make_dump(headline=f"Story Number {n}", url=_url(n), credit=None)) + "\n"
            for n in range(5)
        )
    )
    assert main(["diff", str(old), str(new), "-q", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("credit lost") == 2
    assert "... and 3 more articles" in out
    assert "credit            0        5        0" in out


def test_control_characters_are_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An escape sequence or a bidi override in a name or headline prints escaped."""
    old = _write(tmp_path / "old", {"a\x1bb.txt": _article(1)})
    new = _write(
        tmp_path / "new", {"a\x1bb.txt": _article(1, headline="Evil\x1b[2J\u202eoverride")}
    )
    assert main(["diff", str(old), str(new), "-q"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "headline changed: Story Number 1 -> Evil\\x1b[2J\\u202eoverride" in out
    assert "a\\x1bb.txt" in out
    assert main(["diff", str(old), str(new), "-q", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "Evil\\\\x1b\\[2J\\\\u202eoverride" in out
