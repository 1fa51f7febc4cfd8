"""Lists, block quotes and indented code, read by the body scanner itself.

A container's extent is decided by its lines' first characters alone: a line that
starts with ``>`` continues a quote, a line indented to an item's content continues
the item, an item with the list's marker starts the next one. What the container holds
matters only for a lazy continuation line (one without the ``>`` or the indentation),
which this module leaves to markdown-it-py. A list of one-line items and a quote of
one paragraph also keep the pieces of their plain text, so that ``.text`` needs no
block parse of them.
"""

from __future__ import annotations

import re

from newsdump._model.flat import new_block
from newsdump._model.lines import Lines, is_blank
from newsdump._model.plain import MAX_NESTING, Pieces, indent_columns
from newsdump._parse.leaves import append_kept, code_run
from newsdump._parse.runs import Chunk, each_line
from newsdump._parse.shapes import (
    FIRST_LINE_BLOCK,
    RISKY_START,
    is_paragraph,
    is_rule,
)
from newsdump.model import Block, ListBlock, Quote, Verbatim

__all__ = ["known_run"]


def known_run(lines: Lines, chunks: list[Chunk], index: int, blocks: list[Block]) -> int:
    """Type a list, a block quote or an indented code block the scanner reads itself; the
    index after it, or ``index`` when the run at ``index`` is none of them.

    A list of one-line items and a quote of one paragraph keep the pieces of their plain
    text (`newsdump._model.pieces.keep`), so that ``.text`` needs no block parse of them."""
    text = chunks[index][2]
    if text.lstrip(" ")[:1] == ">":
        pieces = _quote_pieces(text)
        if pieces is None and not _all_quoted(text):
            return index
        append_kept(blocks, Quote, text, pieces)
        return index + 1
    end, pieces = _simple_list(chunks, index)
    if end == index:
        end = _list_end(lines.content, chunks, index)  # nested, or items of several blocks
        pieces = _list_pieces(chunks[index:end])
    if end > index:
        markdown = text if end == index + 1 else lines.joined(chunks[index][0], chunks[end - 1][1])
        append_kept(blocks, ListBlock, markdown, pieces)
        return end
    end = code_run(chunks, index)
    if end > index:
        blocks.append(new_block(Verbatim, lines.joined(chunks[index][0], chunks[end - 1][1])))
    return end


_QUOTE_MARK = re.compile(r" {0,3}> ?")


def _quote_pieces(text: str) -> Pieces | None:
    """The pieces of a chunk that is one block quote of one paragraph, or None.

    Every line starts with ``>`` (after up to three spaces; a space after it is part of
    the marker), no tab stands before its text, and what the markers leave
    is a plain paragraph (`is_paragraph`): no blank line, no nested block. A line
    without the marker after the first is a lazy continuation of the paragraph when,
    its indentation aside, it could start no other block (what markdown-it-py lets end a
    quote's paragraph is wider than what ends a paragraph: an empty item, any number).
    Its piece is that paragraph's content, as
    markdown-it-py's would be.
    """
    contents: list[str] = []
    for line in each_line(text):  # the first line that is no paragraph's stops the walk
        marker = _QUOTE_MARK.match(line)
        if marker is None and contents and FIRST_LINE_BLOCK.match(line.lstrip(" \t")) is None:
            contents.append(line)  # a lazy continuation line: nothing it starts could end it
            continue
        # a tab in or after the marker, before the text, counts in columns: left to it
        if marker is None or "\t" in line[: len(line) - len(line.lstrip(" \t>"))]:
            return None
        content = line[marker.end() :]
        if is_blank(content) or (
            FIRST_LINE_BLOCK.match(content) is not None
            if contents
            else not is_paragraph(content, closed=True)
        ):
            return None
        contents.append(content)
    paragraph = "\n".join(contents)
    if paragraph.lstrip(" ")[0] == "[" and "]:" in paragraph:
        return None  # a link reference definition whose label spans lines, maybe
    return ((False, paragraph.strip()),)


def _list_pieces(chunks: list[Chunk]) -> Pieces | None:
    """The pieces of a list whose every line is an item of one line, a paragraph after a
    marker and one to four spaces; None for any other list (its text is worked out by
    markdown-it-py's block parser when asked)."""
    pieces = []
    for _, _, text in chunks:
        for line in text.split("\n"):
            item = _SIMPLE_ITEM.match(line)
            if item is None or "\t" in item.group(3) or len(item.group(3)) > 4:
                return None
            content = line[item.end() :]
            if not is_paragraph(content, closed=True):
                return None
            pieces.append((False, content.strip()))
    return tuple(pieces)


_SIMPLE_ITEM = re.compile(r"([-*+]|\d{1,9}([.)]))([ \t]+)(?=[^ \t])")

_ANY_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)


def _list_marker(text: str) -> tuple[str, int, list[Piece] | None] | None:
    """The marker kind shared by the items of a chunk that is one simple list, if so,
    with the content column of its last item (0 when that is not known) and the pieces
    of its text when every line is an item of one line (see `_item_piece`).

    Every line is an item with the same marker, not indented, or a line that continues
    the paragraph of the item before it (lazily or indented: either way the item's text).
    An item may be continued only when its text is a paragraph (it starts no other
    block and is not indented code), and a continuation line must not start a block.
    """
    kind = None
    item: re.Match[str] | None = None  # the last item line's match
    lazy: bool | None = None  # whether that item's text may go on: worked out on demand
    pieces: list[Piece] | None = []
    # Whole, a split is 3-4x cheaper (1.4 KB of items: 2.3 against 9.2 us); a long run is
    # read line by line, so that a run that stops being a list early costs its start only.
    for line in text.split("\n") if len(text) < 4096 else each_line(text):
        match = _SIMPLE_ITEM.match(line)
        if match is not None:
            content = line[match.end() :]
            if (content[0] in "*-_" and is_rule(line)) or _too_deep(line):
                return None  # a thematic break, or items nested past markdown-it-py's limit
            marker = match.group(2) or match.group(1)
            if marker != (kind or marker):
                return None
            kind, item, lazy = marker, match, None
            if pieces is not None:
                pieces = _item_piece(pieces, match.group(3), content)
            continue
        if item is None:
            return None
        if lazy is None:
            lazy = _may_go_on(item)
        if not lazy or FIRST_LINE_BLOCK.match(line.lstrip(" \t")) is not None:
            return None
        pieces = None  # an item of several lines: its text is markdown-it-py's to read
    if kind is None or item is None:  # pragma: no cover - a chunk has a first line
        return None
    return kind, _content_column(item), pieces


Piece = tuple[bool, str]


def _item_piece(pieces: list[Piece], spaces: str, content: str) -> list[Piece] | None:
    """``pieces`` with the piece of one more item of one line: a paragraph after its
    marker and one to four spaces (no tab); None for any other item."""
    if "\t" in spaces or len(spaces) > 4 or not is_paragraph(content, closed=True):
        return None
    pieces.append((False, content.strip()))
    return pieces


def _content_column(item: re.Match[str]) -> int:
    """The column where an item's content starts (0 when tabs make it unknown here)."""
    spaces = item.group(3)
    if "\t" in spaces:
        return 0
    return item.start(3) + (len(spaces) if len(spaces) <= 4 else 1)


def _may_go_on(item: re.Match[str]) -> bool:
    """Whether an item's text is a paragraph, which the lines after it may continue."""
    spaces, content = item.group(3), item.string[item.end() :]
    return (
        len(spaces) <= 4
        and "\t" not in spaces
        and FIRST_LINE_BLOCK.match(content) is None
        and not (content[0] == "[" and "]:" in content)
    )


def _simple_list(chunks: list[Chunk], index: int) -> tuple[int, Pieces | None]:
    """The end of a run of chunks that are one list of one-line items, or ``index``, and
    the pieces of its text when every line is an item of one line (or None).

    Chunks whose every line is an item with the same marker (or continues one), none
    indented, make one (possibly loose) list, and so does a chunk between them whose
    every line is indented at least to the content of the item before it (that item's
    text goes on). The run ends at a chunk that starts with no marker and no
    indentation. A run that goes on with a chunk of any other shape is left to
    markdown-it-py.
    """
    found = _list_marker(chunks[index][2])
    if found is None:
        return index, None
    kind, column, pieces = found
    end = index + 1
    while end < len(chunks):
        text = chunks[end][2]
        if text[0] not in RISKY_START:
            break
        if text[0] in " \t" and column and _more_of_item(text, column):
            end += 1  # more of the last item: a paragraph, code or a nested list in it
            pieces = None
            continue
        following = _list_marker(text)
        if following is None:
            if _ANY_ITEM.match(text) or text[0] in " \t":
                return index, None  # the list may go on in a shape this scanner does not read
            break
        if following[0] != kind:
            break
        column = following[1]
        pieces = None if pieces is None or following[2] is None else pieces + following[2]
        end += 1
    return end, None if pieces is None else tuple(pieces)


def _more_of_item(text: str, column: int) -> bool:
    """Whether every line of a chunk is indented to an item's content ``column``."""
    return all(indent_columns(line) >= column and not _too_deep(line) for line in text.split("\n"))


def _all_quoted(text: str) -> bool:
    """Whether every line of a chunk starts with ``>`` after up to three spaces: then the
    chunk is one block quote, whatever the quote holds (every such line continues it)."""
    return all(
        line.lstrip(" ")[:1] == ">" and len(line) - len(line.lstrip(" ")) <= 3
        for line in each_line(text)
    )


_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}([.)]))( +)(?=[^ \t])")
"""A list item that is not empty, its marker followed by spaces (a tab: not read here)."""


_LOOSE_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
"""Any list item, empty or with a tab after its marker."""


_CONTAINER_MARKS = " >-*+.)0123456789"

_DEEPEST = MAX_NESTING - 4
"""How many characters of indentation and container marks a line of a list read here
may start with. Each level of nesting takes one character at least (a quote's ``>``)
and markdown-it-py stops nesting at `MAX_NESTING`, after which an item takes the rest
of the body: a list nested that deep is left to it."""


def _too_deep(line: str) -> bool:
    """Whether a line of a list starts with more than `_DEEPEST` characters of
    indentation and container marks."""
    # Only the first characters are copied (stripping the whole line cost its length).
    return len(line) > _DEEPEST and not line[: _DEEPEST + 1].lstrip(_CONTAINER_MARKS)


def _list_end(content: list[str], chunks: list[Chunk], index: int) -> int:
    """The end of a run of chunks that make one list, nested or loose, or ``index``.

    One walk over the lines. A line indented to the content of the item before it is
    more of that item, whatever it holds (a paragraph, code, a nested list or quote);
    an item with the list's marker (a bullet, or a number's delimiter) starts the next
    item. After a blank line, any other line ends the list. Right after a line of the
    list, any other line is a lazy continuation or a block that interrupts, depending on
    what the item holds: left to markdown-it-py, as are tabs in the indentation, empty
    items and lists nested deeper than `_DEEPEST`.
    """
    marker = ""
    column = 0  # the content column of the last item
    for end in range(index, len(chunks)):
        first, last, _ = chunks[end]
        for at in range(first, last):
            line = content[at]
            if _too_deep(line):
                return index
            body = line.lstrip(" ")
            indent = len(line) - len(body)
            if body[0] == "\t":
                return index
            if marker and indent >= column:
                continue  # more of the item
            item = _list_item(line)
            if item is None or item[0] != (marker or item[0]):
                if marker and at == first and (item or not _LOOSE_ITEM.match(line)):
                    return end  # after a blank line: the list ends
                return index  # maybe lazy, maybe an empty item or one after a tab
            marker, column = item
    return len(chunks)


def _list_item(line: str) -> tuple[str, int] | None:
    """The marker kind (a bullet, or a number's delimiter) and the content column of a
    line that is a list item with some content after spaces, or None."""
    item = _ITEM.match(line)
    if item is None or (line[item.end()] in "*-_" and is_rule(line)):
        return None  # no item, or a thematic break
    spaces = len(item.group(2))
    column = item.end() if spaces <= 4 else item.start(2) + 1
    return item.group(1) or line.lstrip(" ")[0], column
