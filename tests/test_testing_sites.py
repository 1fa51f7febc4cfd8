"""The kit parses as the command line does: installed sites by default, ``parser=``/``sites=``.

Also: the first update creates missing folders, the scaffold's test runs its own site
module, and a failing check shows the field diff without newsdump's frames.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsdump
from newsdump import Parser
from newsdump.cli import main
from newsdump.cli._common import installed_sites
from newsdump.sites import ENTRY_POINT_GROUP, Site
from newsdump.testing import (
    assert_article,
    assert_body_excludes,
    assert_golden,
    assert_matches_golden,
    assert_valid,
    expected_path,
    make_article,
    make_dump,
    update_golden,
)

pytest_plugins = ["pytester"]

EXAMPLE = Path(__file__).parent / "plugin_example"
PROMO = "*Get the Harbour Bulletin in your inbox every morning.*"
TEXT = (
    "\n\n# Ferry Timetable Changes\n\nBy [Mira Kalnins](#)\n\n2025-03-04 09:30\n\n"
    f"The island ferry leaves earlier from Monday.\n\n{PROMO}\n\n"
    "Original url:\n\n<https://harbourtownherald.example/2025/03/04/ferry>"
)
PACKAGE = str(Path(newsdump.__file__).parent)


def _install(target: Path) -> None:
    """Install the example site package into ``target`` with its entry point."""
    shutil.copytree(EXAMPLE / "newsdump_harbourtown", target / "newsdump_harbourtown")
    info = target / "newsdump_harbourtown-1.0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: newsdump-harbourtown\nVersion: 1.0.0\n", encoding="utf-8"
    )
    entry = "harbourtown = newsdump_harbourtown:HarbourTownHerald"
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\n{entry}\n", encoding="utf-8")


@pytest.fixture
def harbourtown(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The example site package, installed through the ``newsdump.sites`` entry point."""
    folder = tmp_path_factory.mktemp("site-packages")
    _install(folder)
    monkeypatch.syspath_prepend(str(folder))
    installed_sites.cache_clear()  # the command line looks them up once per process
    yield
    installed_sites.cache_clear()
    sys.modules.pop("newsdump_harbourtown", None)


def _record(path: Path) -> dict[str, object]:
    loaded = json.loads(path.read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


# --- missing folders ---------------------------------------------------------------------


def test_update_golden_creates_missing_folders(tmp_path: Path) -> None:
    """The first update of a text writes its JSON into folders that do not exist yet."""
    target = tmp_path / "tests" / "expected" / "x.expected.json"
    assert update_golden(make_dump(), target).status == "created"
    assert _record(target)["headline"] == make_article().headline


def test_assert_matches_golden_update_creates_missing_folders(tmp_path: Path) -> None:
    """``assert_matches_golden(update=True)`` creates the JSON's folders, then compares."""
    target = tmp_path / "a" / "b" / "x.expected.json"
    assert_matches_golden(make_dump(), target, update=True)
    assert_matches_golden(make_dump(), target)


def test_update_flag_and_fixture_create_missing_folders(pytester: pytest.Pytester) -> None:
    """``pytest --newsdump-update`` with the ``golden`` fixture creates ``tests/expected``."""
    pytester.makepyfile(
        test_scraper=f"""
        def test_scraper(golden):
            golden.check_dump({make_dump()!r}, "tests/expected/x.expected.json")
        """
    )
    pytester.runpytest("--newsdump-update").assert_outcomes(passed=1)
    assert (pytester.path / "tests" / "expected" / "x.expected.json").is_file()
    pytester.runpytest().assert_outcomes(passed=1)


# --- installed sites by default ---------------------------------------------------------


@pytest.mark.usefixtures("harbourtown")
def test_golden_files_use_installed_sites_by_default(tmp_path: Path) -> None:
    """The JSON has the site's zone (assumed) and leaves its promo out of the text."""
    dump = tmp_path / "ferry.txt"
    dump.write_text(TEXT, encoding="utf-8", newline="")
    update_golden(dump)
    record = _record(expected_path(dump))
    assert record["published"] == "2025-03-04T09:30:00+02:00"
    assert record["tz_assumed"] is True
    assert "Harbour Bulletin" not in str(record["text"])
    assert_golden(dump)
    with pytest.raises(AssertionError, match="- tz_assumed:"):
        assert_golden(dump, sites=[])


@pytest.mark.usefixtures("harbourtown")
def test_golden_command_uses_installed_sites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``newsdump golden update`` writes what ``newsdump show`` reads."""
    dump = tmp_path / "ferry.txt"
    dump.write_text(TEXT, encoding="utf-8", newline="")
    assert main(["show", str(dump)]) == 0
    assert "2025-03-04T09:30:00+02:00 (datetime, zone assumed)" in capsys.readouterr().out
    assert main(["golden", "update", str(dump)]) == 0
    assert _record(expected_path(dump))["published"] == "2025-03-04T09:30:00+02:00"


@pytest.mark.usefixtures("harbourtown")
def test_assertions_use_installed_sites_by_default() -> None:
    """The promo is boilerplate to the assertions; ``sites=[]`` reads it as the body."""
    assert_body_excludes(TEXT, "Harbour Bulletin")
    assert assert_valid(TEXT).tz_assumed
    with pytest.raises(AssertionError, match="Harbour Bulletin"):
        assert_body_excludes(TEXT, "Harbour Bulletin", sites=[])
    with pytest.raises(AssertionError, match="Harbour Bulletin"):
        assert_body_excludes(TEXT, "Harbour Bulletin", parser=Parser(sites=[]))


def test_without_the_package_the_generic_rules_apply() -> None:
    """Not installed, the site does not apply: the promo is in the text, no zone."""
    article = assert_valid(TEXT)
    assert not article.tz_assumed
    assert "Harbour Bulletin" in article.text


def test_sites_option_gives_the_sites(tmp_path: Path) -> None:
    """``sites=`` reads with those sites instead of the installed ones."""

    class Riga(Site):
        hosts = ("harbourtownherald.example",)
        timezone = "Europe/Riga"

    target = tmp_path / "x.expected.json"
    update_golden(TEXT, target, sites=[Riga])
    assert _record(target)["tz_assumed"] is True
    assert_matches_golden(TEXT, target, sites=[Riga])
    with pytest.raises(AssertionError, match="- published:"):
        assert_matches_golden(TEXT, target)


def test_parser_and_sites_together_are_refused() -> None:
    """Both options at once is a TypeError, not a silent choice."""
    with pytest.raises(TypeError, match="not both"):
        assert_valid(TEXT, parser=Parser(), sites=[])


@pytest.mark.usefixtures("harbourtown")
def test_plugin_golden_items_use_installed_sites(pytester: pytest.Pytester) -> None:
    """A collected golden pair is written and checked with the installed site."""
    pytester.makeini("[pytest]\nnewsdump_golden = golden\n")
    folder = pytester.mkdir("golden")
    (folder / "ferry.txt").write_text(TEXT, encoding="utf-8", newline="")
    pytester.runpytest("--newsdump-update").assert_outcomes(passed=1)
    assert _record(folder / "ferry.expected.json")["tz_assumed"] is True
    pytester.runpytest().assert_outcomes(passed=1)


@pytest.mark.usefixtures("harbourtown")
def test_golden_fixture_uses_installed_sites_and_takes_sites(pytester: pytest.Pytester) -> None:
    """``golden.check_dump`` reads with the installed site; ``sites=[]`` with none."""
    pytester.makepyfile(
        test_scraper=f"""
        def test_default(golden):
            golden.check_dump({TEXT!r}, "expected/ferry.expected.json")

        def test_generic(golden):
            golden.check_dump({TEXT!r}, "expected/ferry.expected.json", sites=[])
        """
    )
    pytester.runpytest("-k", "default", "--newsdump-update").assert_outcomes(passed=1)
    assert _record(pytester.path / "expected" / "ferry.expected.json")["tz_assumed"] is True
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*- tz_assumed:*"])


# --- the scaffold runs its own site module ----------------------------------------------


def test_scaffold_test_runs_its_site_module(pytester: pytest.Pytester) -> None:
    """The test ``new-site`` writes reads the site's dumps with the site module it wrote."""
    assert main(["new-site", "harbourtownherald.example", "--root", str(pytester.path)]) == 0
    site = pytester.path / "harbourtownherald_example.py"
    source = site.read_text("utf-8")
    site.write_text(source.replace("# timezone = ", "timezone = "), encoding="utf-8")
    site.write_text(
        site.read_text("utf-8").replace('timezone = "Europe/..."', 'timezone = "Europe/Riga"'),
        encoding="utf-8",
    )
    case = pytester.path / "tests" / "fixtures" / "sites" / "harbourtownherald_example"
    (case / "example.txt").write_text(TEXT, encoding="utf-8", newline="")
    test = pytester.path / "tests" / "test_site_harbourtownherald_example.py"
    pytester.runpytest(str(test), "--newsdump-update").assert_outcomes(passed=1)
    record = _record(case / "example.expected.json")
    assert (record["published"], record["tz_assumed"]) == ("2025-03-04T09:30:00+02:00", True)
    pytester.runpytest(str(test)).assert_outcomes(passed=1)
    # A change to the site module shows in the test, before it is registered anywhere.
    site.write_text(site.read_text("utf-8").replace("Europe/Riga", "Asia/Tokyo"), encoding="utf-8")
    result = pytester.runpytest(str(test))
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*- published:*", "*+09:00*"])


# --- failures show the field diff, not newsdump's frames ---------------------------------


def test_failing_fixture_hides_newsdumps_frames(pytester: pytest.Pytester) -> None:
    """A failing ``golden`` check shows the test's line and the field diff, no kit source."""
    pytester.makepyfile(
        test_scraper=f"""
        def test_scraper(golden):
            golden.check_dump({make_dump()!r}, "expected/x.expected.json")
        """
    )
    pytester.runpytest("--newsdump-update").assert_outcomes(passed=1)
    changed = make_dump(credit="Other Agency/Wire")
    pytester.makepyfile(
        test_scraper=f"""
        def test_scraper(golden):
            golden.check_dump({changed!r}, "expected/x.expected.json")
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*golden.check_dump(*",
            "E*golden mismatch for *x.expected.json:",
            "E*- credit:",
            'E*expected "Jonas Elk/Coastal Wire"',
            'E*actual   "Other Agency/Wire"',
        ]
    )
    assert PACKAGE not in result.stdout.str()
    assert "_golden.py" not in result.stdout.str()


@pytest.mark.parametrize(
    "call",
    [
        "assert_article(make_dump(headline='Moved'), make_article())",
        "assert_golden(path)",
        "assert_valid(make_dump(date_text='June 31, 2024', published=None))",
    ],
)
def test_failing_assertions_hide_newsdumps_frames(pytester: pytest.Pytester, call: str) -> None:
    """The kit's assertions fail at the caller's line, with no newsdump source in the report."""
    dump = pytester.path / "case.txt"
    dump.write_text(make_dump(), encoding="utf-8")
    update_golden(dump)
    dump.write_text(make_dump(headline="Changed"), encoding="utf-8")
    pytester.makepyfile(
        test_kit=f"""
        from pathlib import Path
        from newsdump.testing import *

        def test_it():
            path = Path(__file__).parent / "case.txt"
            {call}
        """
    )
    result = pytester.runpytest("--tb=long")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert PACKAGE not in out
    assert f">       {call}" in out
    assert "E       AssertionError" in out


def test_assert_article_failure_is_still_an_assertion_error() -> None:
    """Hiding frames changes only pytest's report: the error and its text are as before."""
    with pytest.raises(AssertionError, match="headline"):
        assert_article(make_dump(headline="Moved"), make_article())
