"""The body scanner reads each line a bounded number of times, whatever the blocks.

Not timed: a list that counts the items the scanner reads stands in for the body's
lines, so a path that walks the lines from the start once per block (quadratic)
reads each line about as often as there are blocks and fails here at any speed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import SupportsIndex, overload

import pytest

from newsdump._parse.body import scan_body
from newsdump._parse.lines import Lines


class _Counted(list[str]):
    """A list of lines that counts the items read through it (indexing, slicing, iterating)."""

    reads = 0

    @overload
    def __getitem__(self, index: SupportsIndex) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> str | list[str]:
        found = super().__getitem__(index)
        _Counted.reads += len(found) if isinstance(index, slice) else 1
        return found

    def __iter__(self) -> Iterator[str]:
        for item in super().__iter__():
            _Counted.reads += 1
            yield item


_UNITS = {
    "fence": "```\nx\n```\n\n",
    "tilde fence": "~~~\nx\n~~~\n\n",
    "quote": "> x\n\n",
    "quote lines": "> x\n",
    "HTML block": "<div>\n\n",
    "HTML comment": "<!-- x -->\n\n",
    "setext heading": "x\n=\n\n",
    "setext heading among prose": "x\n---\n\nSome words.\n\n",
    "fence among prose": "```\nx\n```\n\nSome words.\n\n",
    "bullet items apart": "- x\n\n",
    "nested items": "- x\n  - y\n\n",
    "ordered items": "1. x\n",
    "indented code": "    x\n\nSome words.\n\n",
    "definitions apart": "[a]: /u\n\n",
    "definition in prose": "[a]: /u\nSome words.\n\n",
    "quoted fences": "> ```\n> x\n> ```\n\n",
    "table": "| a | b |\n| - | - |\n| x | y |\n\n",
}


@pytest.mark.parametrize("unit", _UNITS.values(), ids=_UNITS.keys())
def test_scanner_reads_each_line_a_bounded_number_of_times(unit: str) -> None:
    """2,000 blocks of each shape: at most 40 reads a line (one walk per block from the
    start of the body would take about a thousand)."""
    lines = Lines(unit * 2_000)
    lines.content = _Counted(lines.content)
    _Counted.reads = 0
    blocks = scan_body(lines, 0, len(lines))
    assert blocks
    assert _Counted.reads <= 40 * len(lines), _Counted.reads / len(lines)
