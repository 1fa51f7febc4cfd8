"""Golden pairs: each fixture dump beside the JSON a correct parser gives for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsdump
from newsdump import ParseError
from newsdump.testing import golden_record

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = sorted((FIXTURES / "golden").glob("*.txt"))
INVALID = sorted((FIXTURES / "invalid").glob("*.txt"))


def test_there_are_fixtures() -> None:
    """The fixture folders are found relative to this file."""
    assert len(GOLDEN) >= 8
    assert len(INVALID) >= 6


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_golden(path: Path) -> None:
    """The parsed fields equal the expected JSON, and the file round-trips byte for byte."""
    data = path.read_bytes()
    article = newsdump.load(path)
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert golden_record(article) == expected
    assert newsdump.dumps(article).encode("utf-8") == data


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_strict(path: Path) -> None:
    """Strict parsing raises the expected code at the expected line and column."""
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    with pytest.raises(ParseError) as caught:
        newsdump.load(path, strict=True)
    error = caught.value
    assert (error.code, error.line, error.column) == (
        expected["code"],
        expected["line"],
        expected["column"],
    )
    # The message says where once: the file, line and column as a compiler would.
    assert str(error).startswith(f"{path}:{expected['line']}:{expected['column']}: ")


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_lenient(path: Path) -> None:
    """Lenient parsing records the same problem as a diagnostic and keeps every byte."""
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    article = newsdump.load(path)
    found = [(d.code, d.line, d.column) for d in article.diagnostics]
    assert (expected["code"], expected["line"], expected["column"]) in found
    assert newsdump.dumps(article).encode("utf-8") == path.read_bytes()
