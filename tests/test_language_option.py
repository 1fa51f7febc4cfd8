"""The caller names the language of datelines whose site names none (issue 18, item 1):
``loads``, ``load``, ``Parser``, ``read_dump`` and the command line's ``--language``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdump
from newsdump._parse.dateline.tables import languages
from newsdump.cli import main
from newsdump.sites import Site

babel_dates = pytest.importorskip("babel.dates")

LANGUAGES = list(languages())


def dump_text(date_text: str, url: str = "https://example.org/story") -> str:
    return (
        f"\n\n# A made-up headline\n\nBy Ann Lee\n\n{date_text}\n\nA body.\n\nOriginal url: {url}\n"
    )


def short_date(day: dt.date, language: str) -> str:
    """``day`` in the language's short date form, its year written with four digits
    (two-digit years are refused by design)."""
    pattern = babel_dates.get_date_format("short", locale=language).pattern
    text: str = babel_dates.format_date(
        day, re.sub(r"(?<!y)y{1,2}(?!y)", "yyyy", pattern), language
    )
    return text


@st.composite
def day_and_month_apart(draw: st.DrawFn) -> dt.date:
    """A date whose day could be a month: a numeric form of it reads two ways."""
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 12).filter(lambda d: d != month))
    return dt.date(draw(st.integers(1900, 2100)), month, day)


@given(st.sampled_from(LANGUAGES), day_and_month_apart())
def test_a_named_language_settles_its_short_numeric_date(language: str, day: dt.date) -> None:
    """In every language the reader knows, the short form of a date that reads two ways
    is read in the language's order when the caller names it, with no diagnostic."""
    text = dump_text(short_date(day, language))
    article = newsdump.loads(text, language=language, sites=[])
    assert article.published == day
    assert not [d for d in article.diagnostics if d.code.endswith("-date")]
    assert newsdump.dumps(article) == text


def test_without_a_language_a_two_way_date_is_ambiguous() -> None:
    article = newsdump.loads(dump_text("03/04/2023"), sites=[])
    assert article.published is None
    assert article.date_text == "03/04/2023"
    assert [d.code for d in article.diagnostics] == ["ambiguous-date"]


@pytest.mark.parametrize(("language", "expected"), [("de", (4, 3)), ("en", (3, 4))])
def test_every_entry_point_takes_the_language(
    tmp_path: Path, language: str, expected: tuple[int, int]
) -> None:
    day = dt.date(2023, *expected)
    path = tmp_path / "a.txt"
    path.write_text(dump_text("03/04/2023"), encoding="utf-8")
    assert newsdump.loads(path.read_text(), language=language).published == day
    assert newsdump.load(path, language=language).published == day
    assert newsdump.Parser(language=language).load(path).published == day
    for workers in (1, 2):
        entries = list(newsdump.read_dump(tmp_path, language=language, workers=workers))
        assert [entry.article.published for entry in entries if entry.article] == [day]


def test_a_site_language_comes_before_the_callers() -> None:
    class Made(Site):
        name = "made-up"
        hosts = ("example.org",)
        language = "en"

    article = newsdump.loads(dump_text("03/04/2023"), sites=[Made], language="de")
    assert article.published == dt.date(2023, 3, 4)


@pytest.mark.parametrize("bad", ["xx", "", "DE_de"])
def test_an_unknown_language_is_refused_at_the_call(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        newsdump.loads("x", language=bad)
    with pytest.raises(ValueError, match="unknown language"):
        newsdump.Parser(language=bad)
    with pytest.raises(ValueError, match="unknown language"):
        next(newsdump.read_dump(tmp_path, language=bad))


def test_command_line_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(dump_text("03/04/2023"), encoding="utf-8")
    assert main(["check", str(tmp_path), "--quiet"]) == 1
    assert main(["check", str(tmp_path), "--quiet", "--language", "de"]) == 0
    capsys.readouterr()
    assert main(["show", str(tmp_path / "a.txt"), "--json", "--language", "de"]) == 0
    assert json.loads(capsys.readouterr().out)["published"] == "2023-04-03"
    assert main(["export", str(tmp_path), "--format", "jsonl", "--language", "en", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["published"] == "2023-03-04"
    with pytest.raises(SystemExit) as exited:
        main(["check", str(tmp_path), "--language", "xx"])
    assert exited.value.code == 2
    assert "unknown language 'xx'" in capsys.readouterr().err
