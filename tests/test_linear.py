"""The body scanner reads each line a bounded number of times, whatever the blocks;
a large text's lines share their strings, and its layout is worked out without them.

Not timed: a list that counts the items the scanner reads stands in for the body's
lines, so a path that walks the lines from the start once per block (quadratic)
reads each line about as often as there are blocks and fails here at any speed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import SupportsIndex, overload

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdump import loads
from newsdump._model import lines as lines_module
from newsdump._model.layout import _spans_of, body_spans
from newsdump._model.lines import Lines
from newsdump._parse.body import scan_body


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


_PIECES = st.lists(st.sampled_from(["a", "bc", " ", "\n", "\r", "\r\n", "\n\n"]), max_size=40)


@given(_PIECES.map("".join), st.integers(1, 9))
def test_a_large_text_is_split_as_a_small_one(text: str, piece: int) -> None:
    """Split a piece at a time (the piece made tiny here), the lines and endings are those
    of one split of the whole text."""
    whole = Lines(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lines_module, "_PIECE", piece)
        patch.setattr(lines_module, "_SHARE_FROM", 0)
        shared = Lines(text)
    assert shared.content == whole.content
    assert shared.ends == whole.ends
    assert [shared.offset(k) for k in range(len(shared))] == [
        whole.width(0, k) + (k > 0 and k == len(whole)) for k in range(len(whole))
    ]


def test_equal_lines_of_a_large_text_are_one_string() -> None:
    """A text over a mebibyte of many equal lines holds one string per distinct line."""
    lines = Lines("- x\n\n> y\r\n" * 110_000)  # 1.1 million characters
    assert len(lines) == 330_001
    assert len({id(line) for line in lines.content}) == 3  # "- x", "> y" and ""
    assert len({id(end) for end in lines.ends}) == 3  # "\n", "\r\n" and the last ""


_BODY_LINES = st.lists(
    st.sampled_from(
        ["", "", "x", " \t", "# h", "- i", "  - j", "> q", "```", "    c", "y ", "==="]
    ),
    max_size=30,
)


@given(_BODY_LINES, st.booleans())
def test_a_large_text_s_block_spans_are_those_of_its_lines(lines: list[str], bom: bool) -> None:
    """The spans walked over the text (as for a text over a mebibyte) are those worked out
    from its lines."""
    text = ("\ufeff" if bom else "") + "\n\n# Ferry\n\n\n" + "\n".join(lines)
    text += "\n\nOriginal url:\n\n<https://example.org/a>"
    layout = loads(text)._layout
    assert layout is not None
    _, body, start, _ = layout.parts()
    assert body is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("newsdump._model.layout._WALK_FROM", 0)
        walked = _spans_of(text, start, body)
    assert walked == body_spans(Lines(text), start, body)
