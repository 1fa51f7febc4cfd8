"""The text being read, cut into lines: contents, line endings, and where things are.

Line endings are those of CommonMark (``\\n``, ``\\r\\n`` and ``\\r``); other
characters that `str.splitlines` would break on (``\\v``, ``\\x85``, ``\\u2028`` ...)
are ordinary characters here, as they are to markdown-it-py.
"""

from __future__ import annotations

import re
from itertools import islice

__all__ = ["BOM", "Lines", "is_blank"]

_NEWLINE = re.compile(r"(\r\n|\r|\n)")
BOM = "\ufeff"


def is_blank(line: str) -> bool:
    """Whether a line is blank as CommonMark sees it: only spaces and tabs."""
    return not line.strip(" \t")


class Lines:
    """A text split into line contents and their endings.

    ``content[i] + ends[i]`` over all ``i`` gives the text back (``text``), except for
    a leading byte order mark, which is kept apart in ``bom``.
    """

    __slots__ = ("_ends", "bom", "content", "text")

    def __init__(self, text: str) -> None:
        self.bom = BOM if text.startswith(BOM) else ""
        if self.bom:
            text = text[1:]
        self.text = text
        self._ends: list[str] | None
        if len(text) > _SHARE_FROM:
            self.content, self._ends = _shared(text)
            if self._ends is not None:
                self._ends.append("")
        elif "\r" not in text:
            self.content = text.split("\n")
            self._ends = None  # every ending is "\n" (the last is ""): made on demand
        else:
            parts = _NEWLINE.split(text)
            self.content = parts[0::2]
            self._ends = parts[1::2]
            self._ends.append("")

    @property
    def ends(self) -> list[str]:
        """Each line's ending: ``\\n``, ``\\r\\n`` or ``\\r``, and ``""`` for the last line."""
        if self._ends is None:
            self._ends = ["\n"] * (len(self.content) - 1)
            self._ends.append("")
        return self._ends

    def __len__(self) -> int:
        return len(self.content)

    def width(self, start: int, stop: int) -> int:
        """The length of lines ``start`` to ``stop - 1`` with their endings."""
        size = sum(map(len, self.content[start:stop]))
        if self._ends is None:
            return size + stop - start - (stop == len(self.content))
        return size + sum(map(len, self._ends[start:stop]))

    def raw(self, start: int, stop: int) -> str:
        """The exact text of lines ``start`` to ``stop - 1``, without the last line's ending."""
        if self._ends is None or stop - start == 1:
            return self.joined(start, stop)
        content = self.content
        ends = self._ends
        parts = [content[k] + ends[k] for k in range(start, stop - 1)]
        parts.append(content[stop - 1])
        return "".join(parts)

    def gap(self, start: int, stop: int) -> str:
        """The trivia from the end of line ``start - 1`` up to the start of line ``stop``."""
        parts = [self.ends[start - 1]] if start > 0 else []
        parts.extend(self.content[k] + self.ends[k] for k in range(start, stop))
        return "".join(parts)

    def offset(self, line: int) -> int:
        """Where line ``line`` starts in `text`, in characters."""
        size = sum(map(len, islice(self.content, line)))
        if self._ends is None:
            return size + line
        return size + sum(map(len, islice(self._ends, line)))

    def joined(self, start: int, stop: int) -> str:
        """Lines ``start`` to ``stop - 1`` joined with ``\\n``."""
        if stop - start == 1:
            return self.content[start]
        return "\n".join(self.content[start:stop])


_SHARE_FROM = 1 << 20
"""The size (in characters) from which a text is split a piece at a time and equal lines
share one string: a million lines of ``- x`` are otherwise a million strings of 56 bytes
each (14 times the text), all made before any could be shared."""
_PIECE = 1 << 16
"""About how many characters `_shared` splits at a time, and the most lines it remembers."""


def _shared(text: str) -> tuple[list[str], list[str] | None]:
    """The lines of ``text`` and, when it holds a ``\\r``, their endings but the last's,
    as `Lines` splits it, equal items being one string.

    The text is split a piece at a time (each piece ending with a ``\\n``, so that no
    ``\\r\\n`` is cut in two), and each item is looked up in a table of those seen
    (a C loop, ``map``), cleared when it holds more than `_PIECE` of them: at no time
    are more than a piece's strings alive beside the lists. The lists are made at their
    full length, and filled: a list grown item by item is copied as it grows, and held
    twice at the copy (10.3 times a text of distinct short lines, against 8.3 made
    whole); nor is a list of contents and endings in turn made and then parted (13
    times a text of ``x`` and CRLF blank lines, against 8).
    """
    lf = "\r" not in text
    breaks = text.count("\n") if lf else text.count("\n") + text.count("\r") - text.count("\r\n")
    content: list[str] = [""] * (breaks + 1)
    ends: list[str] | None = None if lf else [""] * breaks
    seen: dict[str, str] = {}
    begin = at = 0
    while True:
        end = text.find("\n", begin + _PIECE) + 1
        piece = text[begin:end] if end else text[begin:]
        if len(seen) > _PIECE:
            seen.clear()
        if ends is None:
            lines = piece.split("\n")
        else:
            parts = _NEWLINE.split(piece)
            lines, endings = parts[0::2], parts[1::2]
            ends[at : at + len(endings)] = map(seen.setdefault, endings, endings)
        if end:
            lines.pop()  # the empty start of the next line, which the next piece holds
        content[at : at + len(lines)] = map(seen.setdefault, lines, lines)
        at += len(lines)
        if not end:
            return content, ends
        begin = end
