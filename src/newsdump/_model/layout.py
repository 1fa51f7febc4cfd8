"""Where every byte of a parsed file went: the raw text of each field and its trivia.

A parsed file is ``lead + slot[0].raw + slot[1].before + slot[1].raw + ... + tail``.
Each slot keeps the value parsed from its raw text; the writer emits the raw text
while the article's value still equals that value and regenerates only what changed.
Layouts take part in rendering, never in equality.

Parsing records only line numbers (`Span`), and for the body's blocks not even those:
their lines follow from the blocks themselves (`body_spans`) and are worked out on
first use, as the strings of `Slot` are cut from the source text on first use; only an
edited article's writer and pickling need them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

from attrs import field, frozen

from newsdump._model.lines import Lines, is_blank
from newsdump.errors import _restore

__all__ = ["Layout", "Slot", "Span", "body_spans"]


class Span(NamedTuple):
    """Where one field or block stands in the file, by line numbers.

    Attributes:
        key: ``headline``, ``byline``, ``date``, ``credit``, ``block`` or ``trailer``.
        start: its first line (0-based).
        stop: the line after its last.
        value: what the parser read there (for a block, the block itself).
        cut: where the value starts inside the slot's raw text (after a label such as
            ``Updated:``).
        end: where the value ends inside the raw text (``-1``: at its end).
    """

    key: str
    start: int
    stop: int
    value: object
    cut: int = 0
    end: int = -1


@frozen
class Slot:
    """One field's (or one body block's) text as it stood in the file.

    Attributes:
        key: ``headline``, ``byline``, ``date``, ``credit``, ``block`` or ``trailer``.
        before: the trivia before it (the previous line's ending and blank lines).
        raw: the field's own text, without its final line ending.
        value: what the parser read from ``raw`` (for a block, the block itself).
        prefix: text inside ``raw`` before the value (a dateline label, the trailer label).
        suffix: text inside ``raw`` after the value (closing ``>`` of a trailer URL).
    """

    key: str
    before: str
    raw: str
    value: object
    prefix: str = ""
    suffix: str = ""


def body_spans(lines: Lines, start: int, blocks: Sequence[Any]) -> list[Span]:
    """The layout spans of the body's blocks, the first on or after line ``start``.

    The parser records no lines for the blocks it finds, only the blocks: every
    non-blank line of the body belongs to a block, a block starts on a non-blank line
    and its Markdown is its lines joined with ``\\n``, so each block starts on the
    first non-blank line after the one before it and has as many lines as its Markdown.
    """
    content = lines.content
    spans: list[Span] = []
    at = start
    for block in blocks:
        while at < len(content) and is_blank(content[at]):
            at += 1  # blank lines: trivia between blocks
        stop = at + block.markdown.count("\n") + 1
        spans.append(Span("block", at, stop, block))
        at = stop
    return spans


_WALK_FROM = 1 << 20
"""The size (in characters) from which `_spans_of` walks the text instead of splitting it."""
_FILLED = re.compile(r"[^\n]")
_BLANK_REST = re.compile(r"[ \t]*(?:\n|\Z)")


def _spans_of(source: str, start: int, blocks: Sequence[Any]) -> list[Span]:
    """`body_spans` of the text ``source``, whose body starts on line ``start``.

    A large text with ``\\n`` line endings only is walked block by block (each block's
    lines are its Markdown, as long as it is): splitting it into lines costs a string
    and a pointer a line, 8 times a text of short distinct lines, for spans that need
    only where each block starts. Other texts are split (`Lines`).
    """
    if len(source) <= _WALK_FROM or "\r" in source:
        return body_spans(Lines(source), start, blocks)
    at = start
    position = 1 if source.startswith("\ufeff") else 0
    for _ in range(start):
        position = source.find("\n", position) + 1
    spans: list[Span] = []
    for block in blocks:
        blank = _after_blank_lines(source, position)
        at += source.count("\n", position, blank)  # blank lines: trivia between blocks
        markdown = block.markdown
        stop = at + markdown.count("\n") + 1
        spans.append(Span("block", at, stop, block))
        at = stop
        position = blank + len(markdown) + 1
    return spans


def _after_blank_lines(source: str, position: int) -> int:
    """Where the first line that is not blank starts, from the line at ``position`` on.

    Empty lines are skipped by one search in C for a character that is not a line
    break (a repeated group, ``(?:[ \\t]*\\n)*``, keeps a record per repetition in
    Python's engine: 1.8 GB for 15 million blank lines).
    """
    while True:
        found = _FILLED.search(source, position)
        if found is None:
            return len(source)
        position = found.start()
        blank = _BLANK_REST.match(source, position)
        if blank is None or blank.end() == len(source):
            return position
        position = blank.end()


@frozen(eq=False)
class Layout:
    """The source text and where each field stands in it.

    Attributes:
        source: the exact text that was parsed.
        spans: the fields and blocks, in file order, by line numbers.
        encoding: the encoding the file was read with, when it came from bytes.
        errors: the decoding error handler used (``surrogateescape`` keeps bad bytes).

    A parse gives the spans of its fields only, with the body's blocks and the line
    the body starts on: the blocks' spans are worked out on first use (`body_spans`),
    which only writing an edited article and pickling need. Layouts compare by what
    they describe, whichever way they were made.
    """

    source: str
    _given: tuple[Span, ...] = field(alias="spans")
    encoding: str | None = None
    errors: str = "strict"
    _body: tuple[Any, ...] | None = field(default=None, kw_only=True, alias="body")
    _body_start: int = field(default=0, kw_only=True, alias="body_start")

    @functools.cached_property
    def spans(self) -> tuple[Span, ...]:
        """The fields and blocks, in file order, by line numbers."""
        head, body, start, tail = self.parts()
        if body is None:
            return head
        return head + tuple(_spans_of(self.source, start, body)) + tail

    def parts(self) -> tuple[tuple[Span, ...], tuple[Any, ...] | None, int, tuple[Span, ...]]:
        """What the layout is made of: the spans before the body, the body's blocks and
        the line it starts on, and the spans after it (the trailer's); for a layout made
        with all its spans, ``(spans, None, 0, ())``."""
        given = self._given
        if self._body is None:
            return given, None, 0, ()
        cut = len(given) - 1 if given and given[-1].key == "trailer" else len(given)
        return given[:cut], self._body, self._body_start, given[cut:]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Layout) or type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[object, ...]:
        return (self.source, self.spans, self.encoding, self.errors)

    def __reduce__(self) -> tuple[object, ...]:
        # Its fields only, rebuilt by one call: the cut slots are worked out again on
        # first use. (An article pickles its layout inline: see `newsdump.model`.)
        if type(self) is not Layout:  # a subclass: attrs' own pickling
            return _restore, (type(self), self.__getstate__())
        fields = (self.source, self._given, self.encoding, self.errors)
        if self._body is None:
            return Layout, fields
        return _lazy, (*fields, self._body, self._body_start)

    def text(self) -> str:
        """The exact text this layout was read from."""
        return self.source

    @functools.cached_property
    def _cut(self) -> tuple[str, tuple[Slot, ...], str, str]:
        lines = Lines(self.source)
        slots: list[Slot] = []
        last = 0
        for index, span in enumerate(self.spans):
            raw = lines.raw(span.start, span.stop)
            before = lines.gap(last, span.start) if index else ""
            suffix = raw[span.end :] if span.end >= 0 else ""
            slots.append(Slot(span.key, before, raw, span.value, raw[: span.cut], suffix))
            last = span.stop
        if self.spans:
            lead = lines.bom + lines.gap(0, self.spans[0].start)
            tail = lines.gap(last, len(lines))
        else:
            lead, tail = lines.bom + lines.gap(0, len(lines)), ""
        return lead, tuple(slots), tail, _dominant(lines.ends)

    @property
    def lead(self) -> str:
        """What precedes the first slot (a byte order mark, leading blank lines)."""
        return self._cut[0]

    @property
    def slots(self) -> tuple[Slot, ...]:
        """The fields and blocks with their text, in file order."""
        return self._cut[1]

    @property
    def tail(self) -> str:
        """What follows the last slot (trailing blank lines, a final newline)."""
        return self._cut[2]

    @property
    def newline(self) -> str:
        """The file's most common line ending, used for text written anew."""
        return self._cut[3]


def _lazy(
    source: str,
    given: tuple[Span, ...],
    encoding: str | None,
    errors: str,
    body: tuple[Any, ...] | None,
    body_start: int,
) -> Layout:
    """Unpickle a layout whose blocks' spans are worked out on first use."""
    return Layout(source, given, encoding, errors, body=body, body_start=body_start)


def _dominant(ends: list[str]) -> str:
    counts = Counter(ends)
    counts.pop("", None)
    if not counts:
        return "\n"
    return max(("\n", "\r\n", "\r"), key=lambda end: counts.get(end, 0))
