"""Readable differences: unified diffs of texts and field-by-field comparisons of articles."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator

from newsdump.model import Article, Block
from newsdump.testing._locate import Place, block_place, field_place

__all__ = ["FIELDS", "compare_articles", "text_diff"]

FIELDS = (
    "headline",
    "authors",
    "published",
    "date_text",
    "credit",
    "body",
    "url",
    "tz_assumed",
)
"""The fields of `Article` that take part in equality, in file order."""


def text_diff(
    expected: str, actual: str, *, names: tuple[str, str] = ("expected", "actual")
) -> str:
    """A unified diff of two texts, line endings and trailing spaces shown (``repr`` lines)."""
    lines = difflib.unified_diff(
        [repr(line) for line in expected.splitlines(keepends=True)],
        [repr(line) for line in actual.splitlines(keepends=True)],
        fromfile=names[0],
        tofile=names[1],
        lineterm="",
    )
    return "\n".join(lines)


def compare_articles(actual: Article, expected: Article, ignore: frozenset[str]) -> list[str]:
    """One paragraph per differing field, naming where the actual value stands."""
    problems: list[str] = []
    for name in FIELDS:
        if name in ignore:
            continue
        want, got = getattr(expected, name), getattr(actual, name)
        if want != got:
            problems.append(_COMPARE.get(name, _compare_value)(name, actual, want, got))
    return problems


def _compare_value(name: str, actual: Article, want: object, got: object) -> str:
    where = _where(actual, name, want)
    return f"{name}{where}:\n  expected {want!r}\n  actual   {got!r}"


def _compare_body(name: str, actual: Article, want: object, got: object) -> str:
    assert isinstance(want, tuple)
    assert isinstance(got, tuple)
    index = next(
        (i for i, (w, g) in enumerate(zip(want, got, strict=False)) if w != g),
        min(len(want), len(got)),
    )
    where = ""
    if index < len(got):
        place = block_place(actual, got[index])
        where = f" (block {index + 1}{_at(place)})"
    lines = [f"{name}{where}: {len(want)} blocks expected, {len(got)} found"]
    lines += _block_diff(want, got)
    return "\n".join(lines)


_COMPARE: dict[str, Callable[[str, Article, object, object], str]] = {"body": _compare_body}


def _block_diff(want: tuple[Block, ...], got: tuple[Block, ...]) -> Iterator[str]:
    def show(blocks: tuple[Block, ...]) -> list[str]:
        return [f"{type(b).__name__}: {b.markdown!r}" for b in blocks]

    diff = difflib.unified_diff(show(want), show(got), "expected", "actual", lineterm="", n=1)
    return (f"  {line}" for line in diff)


def _where(actual: Article, name: str, want: object) -> str:
    """`` (line L, column C)`` for the field, or for where its expected value leaked to."""
    place = field_place(actual, name)
    if place is not None:
        return f" (at {place})"
    leak = _leak(actual, want)
    return f" (missing; its value is in the body at {leak})" if leak else ""


def _leak(actual: Article, want: object) -> Place | None:
    """Where the body holds the expected value of a field that was not found as a field."""
    needles = _needles(want)
    for block in actual.body:
        for needle in needles:
            column = block.markdown.find(needle)
            if needle and column >= 0:
                place = block_place(actual, block)
                if place is not None:
                    head = block.markdown[:column]
                    line = place.line + head.count("\n")
                    return Place(line, column - head.rfind("\n"))
    return None


def _needles(want: object) -> list[str]:
    if isinstance(want, str):
        return [want]
    if isinstance(want, tuple):
        return [getattr(item, "name", "") for item in want]
    return []


def _at(place: Place | None) -> str:
    return f", at {place}" if place is not None else ""
