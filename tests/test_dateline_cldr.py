"""The generated CLDR module is what scripts/gen_cldr.py writes from Babel's data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsdump._parse import _cldr

ROOT = Path(__file__).resolve().parents[1]


def test_regenerating_gives_the_committed_file() -> None:
    """Running the generator again writes the same bytes (skipped only without Babel)."""
    pytest.importorskip("babel")
    spec = importlib.util.spec_from_file_location("gen_cldr", ROOT / "scripts" / "gen_cldr.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "src" / "newsdump" / "_parse" / "_cldr.py").read_text(encoding="utf-8")
    assert module.build() == committed


def test_every_language_has_every_table() -> None:
    """The 45 languages each have 12 months, 7 weekdays, periods, an order and conjunctions."""
    assert len(_cldr.LANGUAGES) == 45
    for lang in _cldr.LANGUAGES:
        assert len(_cldr.MONTHS[lang]) == 12, lang
        assert len(_cldr.WEEKDAYS[lang]) == 7, lang
        assert _cldr.PERIODS[lang], lang
        assert _cldr.ORDER[lang] in ("dmy", "mdy", "ymd"), lang
        assert _cldr.LIST_AND[lang], lang


@pytest.mark.parametrize(
    ("lang", "word"), [("de", "und"), ("fr", "et"), ("es", "y"), ("ru", "и"), ("tr", "ve"),
                       ("ja", "、"), ("zh", "和"), ("ko", "및")]
)  # fmt: skip
def test_list_conjunctions(lang: str, word: str) -> None:
    """The byline reader's conjunctions come from CLDR's standard list pattern."""
    assert word in _cldr.LIST_AND[lang]


def test_licence_is_noted() -> None:
    """The generated file says it is generated, how to regenerate it and the data's licence."""
    assert _cldr.__doc__ is not None
    for needle in ("GENERATED", "scripts/gen_cldr.py", "Unicode License"):
        assert needle in _cldr.__doc__
