"""Golden files: a dump beside its expected JSON, compared field by field, regenerated on demand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdump import Parser
from newsdump.sites import Site
from newsdump.testing import (
    assert_golden,
    assert_matches_golden,
    expected_path,
    find_golden,
    golden_record,
    make_article,
    make_dump,
    update_golden,
)

GOLDEN = Path(__file__).parent / "fixtures" / "golden"


def _pair(folder: Path, text: str, name: str = "case") -> Path:
    dump = folder / f"{name}.txt"
    dump.write_text(text, encoding="utf-8", newline="")
    return dump


@pytest.mark.parametrize("path", find_golden(GOLDEN), ids=lambda p: p.stem)
def test_the_projects_golden_files_pass(path: Path) -> None:
    """The kit agrees with the project's own golden fixtures (same JSON form)."""
    assert_golden(path)


def test_expected_path_sits_beside_the_dump() -> None:
    """``case.txt`` pairs with ``case.expected.json`` in the same folder."""
    assert expected_path(Path("a/b/case.txt")) == Path("a/b/case.expected.json")


def test_update_creates_then_reports_changed_fields(tmp_path: Path) -> None:
    """The first update creates the JSON; a later one names the fields that changed."""
    dump = _pair(tmp_path, make_dump())
    created = update_golden(dump)
    assert created.status == "created"
    assert json.loads(expected_path(dump).read_text("utf-8")) == golden_record(make_article())
    assert update_golden(dump).status == "unchanged"
    _pair(tmp_path, make_dump(headline="A New Headline"))
    changed = update_golden(dump)
    assert (changed.status, changed.fields) == ("updated", ("headline",))
    assert str(changed) == f"updated {expected_path(dump)} (headline)"


def test_mismatch_report_is_field_by_field(tmp_path: Path) -> None:
    """A changed result fails with each differing field and a diff of the plain text."""
    dump = _pair(tmp_path, make_dump())
    update_golden(dump)
    _pair(tmp_path, make_dump(credit="Other/Wire", body=["Only this."]))
    with pytest.raises(AssertionError) as caught:
        assert_golden(dump)
    message = str(caught.value)
    assert f"golden mismatch for {dump}" in message
    assert '- credit:\n    expected "Jonas Elk/Coastal Wire"\n    actual   "Other/Wire"' in message
    assert "- body:" in message
    assert "- text:" in message
    assert "+'Only this.'" in message
    assert "- headline" not in message


def test_missing_expected_json_says_how_to_create_it(tmp_path: Path) -> None:
    """A dump without its JSON fails with the command that writes it."""
    dump = _pair(tmp_path, make_dump())
    with pytest.raises(AssertionError, match="--newsdump-update"):
        assert_golden(dump)


def test_broken_expected_json_is_reported(tmp_path: Path) -> None:
    """An expected file that is not a JSON object fails clearly, not with a traceback."""
    dump = _pair(tmp_path, make_dump())
    expected_path(dump).write_text("[1, 2", encoding="utf-8")
    with pytest.raises(AssertionError, match="not a JSON object"):
        assert_golden(dump)


def test_scraper_output_against_expected_json(tmp_path: Path) -> None:
    """A scraper's text is checked against a JSON file, and ``update=True`` rewrites it."""
    target = tmp_path / "scraped.expected.json"
    assert_matches_golden(make_dump(), target, update=True)
    assert_matches_golden(make_dump(), target)
    with pytest.raises(AssertionError, match="- url:"):
        assert_matches_golden(make_dump(url="https://example.org/moved"), target)


def test_find_golden_is_recursive_and_sorted(tmp_path: Path) -> None:
    """Dump files are found in subfolders, in sorted order; JSON files are not dumps."""
    (tmp_path / "site").mkdir()
    b = _pair(tmp_path / "site", make_dump(), "b")
    a = _pair(tmp_path, make_dump(), "a")
    update_golden(a)
    assert find_golden(tmp_path) == [a, b]


def test_golden_with_a_parser(tmp_path: Path) -> None:
    """A golden pair written with a site's quirk is checked with the same quirk."""

    class Riga(Site):
        hosts = ("gannet-gazette.example",)
        timezone = "Europe/Riga"

    dump = _pair(tmp_path, make_dump(published=None, date_text="2024-05-02 10:45"))
    riga = Parser(sites=[Riga])
    update_golden(dump, parser=riga)
    assert json.loads(expected_path(dump).read_text("utf-8"))["timezone"] == "Europe/Riga"
    assert_golden(dump, parser=riga)
    with pytest.raises(AssertionError, match="- timezone:"):
        assert_golden(dump, parser=Parser(sites=[]))
