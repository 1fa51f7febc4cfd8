"""The tutorial in docs/testing.md runs as written, and a broken scraper fails it readably."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

PAGE = Path(__file__).parent.parent / "docs" / "testing.md"
EXAMPLES = Path(__file__).parent.parent / "examples"
_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)
_SCRAPER_SELECTOR = 'BYLINE_CLASS = "byline"'


def blocks() -> list[str]:
    """The page's ```python blocks, in order."""
    return _BLOCK.findall(PAGE.read_text(encoding="utf-8"))


def run(sources: list[str], folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Run blocks in one fresh namespace, in ``folder`` holding a copy of ``examples/``."""
    shutil.copytree(EXAMPLES, folder / "examples")
    monkeypatch.chdir(folder)
    namespace: dict[str, object] = {"__name__": "docs_testing"}
    for index, source in enumerate(sources):
        exec(compile(source, f"{PAGE.name}[block {index + 1}]", "exec"), namespace)
    return namespace


def test_tutorial_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every python block of the page runs, the scraper's test suite included."""
    namespace = run(blocks(), tmp_path, monkeypatch)
    assert "test_every_field_is_scraped" in namespace
    assert (tmp_path / "golden" / "tidewater" / "ferry-strike.expected.json").exists()


def test_broken_scraper_fails_naming_field_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scraper whose byline selector is wrong fails the suite with field, line and column."""
    scraper, suite = blocks()[:2]
    assert _SCRAPER_SELECTOR in scraper
    broken = scraper.replace(_SCRAPER_SELECTOR, 'BYLINE_CLASS = "author"')
    with pytest.raises(AssertionError) as caught:
        run([broken, suite], tmp_path, monkeypatch)
    message = str(caught.value)
    assert "authors (missing; its value is in the body at line 11, column 4)" in message
    assert "Ines Varga" in message


def test_boilerplate_leak_fails_naming_block_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scraper that stops skipping the promotion fails with where the promotion landed."""
    scraper, suite = blocks()[:2]
    broken = scraper.replace('SKIP_CLASSES = {"promo"}', "SKIP_CLASSES: set[str] = set()")
    assert broken != scraper
    suite = suite.replace("test_every_field_is_scraped()\n", "")
    with pytest.raises(AssertionError) as caught:
        run([broken, suite], tmp_path, monkeypatch)
    assert "'newsletter': found in block 3 (Paragraph) at line 17, column" in str(caught.value)
