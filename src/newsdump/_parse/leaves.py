"""Leaf blocks the body scanner reads run by run: headings and paragraphs line by
line (setext underlines, interruptions), fenced code, HTML blocks, indented code and
link reference definitions one a line.
"""

from __future__ import annotations

from newsdump._model.flat import new_block
from newsdump._model.lines import Lines, is_blank
from newsdump._model.pieces import keep, keep_references
from newsdump._model.plain import Pieces, simple_definitions
from newsdump._parse.callouts import paragraph_kind
from newsdump._parse.runs import Chunk
from newsdump._parse.shapes import (
    FENCE_OPEN,
    SETEXT_UNDERLINE,
    ends_paragraph,
    html_sequences,
    indented,
    is_paragraph,
    single_line_block,
)
from newsdump.model import Block, Heading, Verbatim

__all__ = ["append_kept", "code_run", "definitions", "fence", "html_block", "line_blocks"]


def line_blocks(lines: Lines, first: int, last: int, blocks: list[Block]) -> int:
    """Type the headings, rules and paragraphs a chunk starts with; the first line not read.

    The chunk follows a closed block (or starts the body). Its lines are walked once,
    by index: a heading or a rule is a block of one line; a line that opens a paragraph
    opens one that goes on until a line that ends it (`ends_paragraph`). A setext
    underline there makes the paragraph's lines a heading; any other such line is read
    next, the paragraph being closed. A line that opens neither (a list, code, a quote,
    HTML, a definition) stops the walk there, for `newsdump._parse.body` to read the rest of
    the chunk.
    """
    content = lines.content
    at = first
    while at < last:
        line = content[at]
        single = single_line_block(line)
        if single is not None:
            blocks.append(new_block(single, line))
            at += 1
            continue
        if not is_paragraph(line, closed=True):
            return at
        end = at + 1
        while end < last and not ends_paragraph(content[end]):
            end += 1  # a line that starts no block, or none that interrupts, goes on with it
        following = content[end] if end < last else ""
        text = lines.joined(at, end)
        if end - at > 1 and text.lstrip(" ")[0] == "[" and "]:" in text:
            return at  # a link reference definition whose label spans lines, maybe
        if following and SETEXT_UNDERLINE.fullmatch(following) is not None:
            if text.lstrip(" ")[0] == "[":
                return at  # a definition's label may go on past the underline
            blocks.append(new_block(Heading, lines.joined(at, end + 1)))  # a setext heading
            at = end + 1
            continue
        blocks.append(new_block(paragraph_kind(text), text))
        at = end  # the line that interrupted it is read next
    return at


def definitions(lines: Lines, first: int, last: int, text: str, blocks: list[Block]) -> bool:
    """Type a chunk that is only link reference definitions in their simplest shape, one
    a line, as a verbatim block; whether it is one.

    The references it defines and its text (none) are kept beside the block, so that
    `Article.text` needs no parse of the definitions (markdown-it-py's reads them a
    character at a time).
    """
    if text.lstrip(" ")[:1] != "[":
        return False
    found = simple_definitions(lines.content[first:last])
    if found is None:
        return False
    block = new_block(Verbatim, text)
    keep_references(block, found)
    keep(block, ())
    blocks.append(block)
    return True


def fence(lines: Lines, chunks: list[Chunk], index: int, blocks: list[Block]) -> int | None:
    """Type a fenced code block that opens the chunk at ``index`` (and keep its code as its
    piece); the index of the chunk to read next, or None when the chunk opens none (or
    the fence closes inside a run, see `_chunk_at`).

    The block runs to its closing fence, or to the end of the body; blank lines and
    chunks inside it are its own. A fence whose run goes on after its closing fence is
    left to markdown-it-py (`_chunk_at`).
    """
    content = lines.content
    first = chunks[index][0]
    opening = FENCE_OPEN.fullmatch(content[first])
    if opening is None:
        return None
    indent, marker, info = opening.groups()
    if marker[0] == "`" and "`" in info:
        return None  # no fence: an info string of a backtick fence has no backtick
    end = _fence_close(content, first + 1, chunks[-1][1], marker)
    last = end + 1 if end < chunks[-1][1] else end  # the closing line, when there is one
    while content[last - 1].strip(" \t") == "" and last > first + 1:
        last -= 1  # an unclosed fence runs to the end: its trailing blank lines are not its
    code = content[first + 1 : end]
    pieces: Pieces | None = None
    if not indent or not any("\t" in line[: len(indent)] for line in code):
        width = len(indent)
        lines_of_code = [line[min(width, len(line) - len(line.lstrip(" "))) :] for line in code]
        pieces = ((True, "\n".join(lines_of_code).rstrip("\n")),)
    following = _chunk_at(chunks, index, last)
    if following is not None:
        append_kept(blocks, Verbatim, lines.joined(first, last), pieces)
    return following


def _chunk_at(chunks: list[Chunk], index: int, line: int) -> int | None:
    """The index of the first chunk from ``index`` on that starts at ``line`` or after,
    a block having taken the lines before it; None when a chunk goes on past ``line``.

    A block that ends inside a run is left to markdown-it-py, which reads the run
    whole: cutting the run after each such block would copy its rest each time (a run
    of fences, one after another, was quadratic).
    """
    following = index
    while following < len(chunks) and chunks[following][1] <= line:
        following += 1
    if following < len(chunks) and chunks[following][0] < line:
        return None
    return following


def html_block(lines: Lines, chunks: list[Chunk], index: int, blocks: list[Block]) -> int | None:
    """Type an HTML block that opens the chunk at ``index`` (it shows no text); the index
    of the chunk to read next, or None when the chunk opens none (or the block ends
    inside a run, see `_chunk_at`).

    markdown-it-py's own start and end conditions: a block of the first five kinds
    (``<script>``, a comment ...) runs to the line that holds its end, across blank
    lines, or to the end of the body; one of the other two ends before a blank line.
    """
    content = lines.content
    first = chunks[index][0]
    line = content[first]
    text = line.lstrip(" ")
    if len(line) - len(text) > 3 or text[:1] != "<":
        return None
    ends = [end for start, end, _ in html_sequences() if start.search(text)][:1]
    if not ends:
        return None
    stop = chunks[-1][1]
    last = first + 1
    if ends[0].search(text) is None:
        while last < stop:
            text = content[last].lstrip(" \t")
            if ends[0].search(text) is not None:
                last += 1 if text else 0
                break
            last += 1
    while last > first + 1 and is_blank(content[last - 1]):
        last -= 1
    following = _chunk_at(chunks, index, last)
    if following is not None:
        append_kept(blocks, Verbatim, lines.joined(first, last), ())
    return following


def _fence_close(content: list[str], start: int, stop: int, marker: str) -> int:
    """The line of the fence that closes one opened by ``marker``, or ``stop``: the same
    character at least as many times, after up to three spaces, then spaces and tabs."""
    for at in range(start, stop):
        line = content[at]
        body = line.lstrip(" ")
        if (
            len(line) - len(body) <= 3
            and body.startswith(marker)
            and not body.rstrip(" \t").strip(marker[0])
        ):
            return at
    return stop


def append_kept(
    blocks: list[Block], kind: type[Block], markdown: str, pieces: Pieces | None
) -> None:
    """Build a block and keep its pieces, when known (a NUL, which markdown-it-py
    replaces before reading, leaves them to ``.text``)."""
    block = new_block(kind, markdown)
    if pieces is not None and "\x00" not in markdown:
        keep(block, pieces)
    blocks.append(block)


def code_run(chunks: list[Chunk], index: int) -> int:
    """The end of a run of chunks that make one indented code block, or ``index``.

    Every line of every chunk must be indented; the run ends at a chunk whose first
    line is not. A chunk that is only partly indented is left to markdown-it-py.
    """
    end = index
    while end < len(chunks):
        text = chunks[end][2]
        if not indented(text):
            break
        if "\n" in text and not all(indented(line) for line in text.split("\n")):
            return index
        end += 1
    return end
