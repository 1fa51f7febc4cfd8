"""The one walk over the body's lines: runs of non-blank lines."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, islice

from newsdump._model.lines import Lines, is_blank

__all__ = ["Chunk", "each_line", "filled", "runs"]


Chunk = tuple[int, int, str]
"""A run of non-blank lines: first line, line after the last, and the lines' text."""


def runs(lines: Lines, start: int, stop: int) -> Iterator[Chunk]:
    """The runs of non-blank lines of lines ``start`` to ``stop - 1``, in order: the one
    walk over the body's lines.

    The lines that are not empty are found in C (`filled`), so a long run of empty
    lines costs next to nothing; a one-line run, as most of a dump's paragraphs are, is
    the line itself, so no string is copied. `is_blank` is asked only of lines that
    start with a space or a tab (no other is blank).
    """
    content = lines.content
    after = start  # lines before this one belong to a run already given
    for first in filled(content, start, stop):
        if first < after:
            continue
        line = content[first]
        if line[0] in " \t" and is_blank(line):
            continue
        last = first + 1
        if last < stop and content[last]:  # more than one line, maybe
            while last < stop and _filled_line(content[last]):
                last += 1
            after = last
            if last - first > 1:
                line = "\n".join(content[first:last])
        yield first, last, line


def each_line(text: str) -> Iterator[str]:
    """The lines of a long text one by one, so that a reader that stops early stops cheap."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def filled(content: list[str], start: int, stop: int) -> Iterator[int]:
    """The indexes of the lines from ``start`` to ``stop - 1`` that are not empty, found in C.

    ``islice`` walks the list from index 0 to reach ``start``, which made a body of many
    blocks read by markdown-it-py quadratic (`newsdump._parse.handover` calls this once
    per block: 85 s for 1.76 MB of fences); a slice copies only the lines asked for,
    but holds a pointer per line. So: ``islice`` while the lines it skips are no more
    than those it yields, a slice otherwise, and the walk costs at most twice the lines
    it reads.
    """
    if start <= stop - start:
        return compress(range(start, stop), islice(content, start, stop))
    return compress(range(start, stop), content[start:stop])


def _filled_line(line: str) -> bool:
    """Whether a line is not blank; only one that starts with a space or a tab is stripped."""
    return line != "" and (line[0] not in " \t" or not is_blank(line))
