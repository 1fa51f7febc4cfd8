"""The pytest plugin, run in pytester sandboxes: golden collection, updates, readable failures."""

from __future__ import annotations

import json
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from newsdump.testing import expected_path, make_dump, update_golden

pytest_plugins = ["pytester"]

_INI = "[pytest]\nnewsdump_golden = golden\n"


def _golden_folder(pytester: pytest.Pytester, **cases: str) -> Path:
    pytester.makeini(_INI)
    folder = pytester.mkdir("golden")
    for name, text in cases.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    return folder


def test_plugin_is_registered_as_a_pytest11_entry_point() -> None:
    """pytest finds the plugin through the ``pytest11`` group."""
    found = {e.name: e.value for e in entry_points(group="pytest11")}
    assert found.get("newsdump") == "newsdump.testing.pytest_plugin"


def test_golden_pairs_are_collected_from_the_configured_folder(pytester: pytest.Pytester) -> None:
    """Each dump under ``newsdump_golden`` is one test; dropping in a new pair adds one."""
    folder = _golden_folder(pytester, one=make_dump(), two=make_dump(headline="Second"))
    for dump in folder.glob("*.txt"):
        update_golden(dump)
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=2)
    (folder / "three.txt").write_text(make_dump(credit=None), encoding="utf-8")
    update_golden(folder / "three.txt")
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*golden/three.txt::three PASSED*"])


def test_plugin_is_inert_without_configuration(pytester: pytest.Pytester) -> None:
    """Without ``newsdump_golden`` no dump file is collected."""
    folder = pytester.mkdir("golden")
    (folder / "one.txt").write_text(make_dump(), encoding="utf-8")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_failing_golden_shows_a_readable_diff(pytester: pytest.Pytester) -> None:
    """A changed result fails with the field's old and new values, without a traceback."""
    folder = _golden_folder(pytester, case=make_dump())
    update_golden(folder / "case.txt")
    (folder / "case.txt").write_text(make_dump(authors=["Ann Lee"]), encoding="utf-8")
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*golden mismatch for *case.txt:",
            "- authors:",
            '    expected [{"name": "Priya Odhiambo", "url": null}, *',
            '    actual   [{"name": "Ann Lee", "url": null}]',
            "(run pytest --newsdump-update to accept the new result)",
        ]
    )
    result.stdout.no_fnmatch_line("*_golden.py*")


def test_update_flag_rewrites_and_reports(pytester: pytest.Pytester) -> None:
    """``--newsdump-update`` writes the JSON, passes, and names the changed fields."""
    folder = _golden_folder(pytester, case=make_dump(), fresh=make_dump(credit=None))
    update_golden(folder / "case.txt")
    (folder / "case.txt").write_text(make_dump(headline="Rewritten"), encoding="utf-8")
    result = pytester.runpytest("--newsdump-update")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(
        [
            "*newsdump golden files*",
            "updated golden/case.expected.json (headline)",
            "created golden/fresh.expected.json",
            "2 golden files written",
        ]
    )
    record = json.loads(expected_path(folder / "case.txt").read_text("utf-8"))
    assert record["headline"] == "Rewritten"
    pytester.runpytest().assert_outcomes(passed=2)


def test_fixtures_build_and_check_relative_to_the_test_file(pytester: pytest.Pytester) -> None:
    """``golden``, ``make_article`` and ``make_dump`` work inside a user's test."""
    pytester.makepyfile(
        test_scraper="""
        def test_scraper(golden, make_article, make_dump):
            text = make_dump(headline="From a Scraper")
            assert make_article().headline != "From a Scraper"
            golden.check_dump(text, "cases/scraped.expected.json")
        """
    )
    pytester.mkdir("cases")
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*no expected JSON at *scraped.expected.json*"])
    pytester.runpytest("--newsdump-update").assert_outcomes(passed=1)
    pytester.runpytest().assert_outcomes(passed=1)
    assert (pytester.path / "cases" / "scraped.expected.json").exists()


def test_undecodable_golden_file_is_reported_without_traceback(pytester: pytest.Pytester) -> None:
    """A dump whose bytes do not decode fails with the position, not a traceback."""
    folder = _golden_folder(pytester)
    (folder / "bad.txt").write_bytes(b"\n\n# Caf\xe9\n")
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*bad.txt:3:6: invalid-encoding: *"])
    result.stdout.no_fnmatch_line("*(line 3, column 6)*")  # the position once
    result.stdout.no_fnmatch_line("*Traceback*")
