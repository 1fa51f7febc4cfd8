"""Where every byte of a parsed file went: the raw text of each field and its trivia.

A parsed file is ``lead + slot[0].raw + slot[1].before + slot[1].raw + ... + tail``.
Each slot keeps the value parsed from its raw text; the writer emits the raw text
while the article's value still equals that value and regenerates only what changed.
Layouts take part in rendering, never in equality.

Parsing records only line numbers (`Span`); the strings of `Slot` are cut from the
source text on first use, which only an edited article's writer needs.
"""

from __future__ import annotations

import functools
from collections import Counter

from attrs import frozen

from newsdump.errors import _restore

__all__ = ["Layout", "Slot", "Span"]

Span = tuple[str, int, int, object, int, int]
"""``(key, first line, line after the last, value, value start, value end)``: value start
and end are offsets inside the slot's raw text (``-1`` for the end: up to the end)."""


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


@frozen
class Layout:
    """The source text and where each field stands in it.

    Attributes:
        source: the exact text that was parsed.
        spans: the fields and blocks, in file order, by line numbers.
        encoding: the encoding the file was read with, when it came from bytes.
        errors: the decoding error handler used (``surrogateescape`` keeps bad bytes).
    """

    source: str
    spans: tuple[Span, ...]
    encoding: str | None = None
    errors: str = "strict"

    def __reduce__(self) -> tuple[object, ...]:
        # Its fields only, rebuilt by one call: the cut slots are worked out again on
        # first use. (An article pickles its layout inline: see `newsdump.model`.)
        if type(self) is not Layout:  # a subclass: attrs' own pickling
            return _restore, (type(self), self.__getstate__())
        return Layout, (self.source, self.spans, self.encoding, self.errors)

    def text(self) -> str:
        """The exact text this layout was read from."""
        return self.source

    @functools.cached_property
    def _cut(self) -> tuple[str, tuple[Slot, ...], str, str]:
        from newsdump._parse.lines import Lines

        lines = Lines(self.source)
        slots: list[Slot] = []
        last = 0
        for index, (key, start, stop, value, cut, end) in enumerate(self.spans):
            raw = lines.raw(start, stop)
            before = lines.gap(last, start) if index else ""
            suffix = raw[end:] if end >= 0 else ""
            slots.append(Slot(key, before, raw, value, raw[:cut], suffix))
            last = stop
        if self.spans:
            lead = lines.bom + lines.gap(0, self.spans[0][1])
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


def _dominant(ends: list[str]) -> str:
    counts = Counter(ends)
    counts.pop("", None)
    if not counts:
        return "\n"
    return max(("\n", "\r\n", "\r"), key=lambda end: counts.get(end, 0))
