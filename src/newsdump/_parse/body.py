"""The body: find and type the blocks.

Most of a dump's body is paragraphs of plain prose separated by blank lines. One walk
over the body's lines (`newsdump._parse.runs.runs`) cuts it into runs of non-blank
lines; a run whose first character cannot start any block but a paragraph is a
paragraph at once, and a run that is a heading, a rule or a paragraph on its own costs
an anchored match or two (`newsdump._parse.shapes.is_paragraph`). From the first run
whose meaning depends on the runs after it (a list, code, a paragraph something
interrupts), the rest is read run by run: headings and paragraphs line by line, fences,
HTML and definitions (`newsdump._parse.leaves`), lists, quotes and indented code
(`newsdump._parse.containers`). What the scanner does not read itself (lazy lines in
containers, and the other rare shapes docs/format.md names) goes to markdown-it-py's
block parser (`newsdump._parse.handover`). The result is markdown-it-py's block
structure (property tests compare the two, on generated bodies and on the CommonMark
spec's examples), at a fraction of its cost.

A paragraph is typed as it is built (`newsdump._parse.callouts.paragraph_kind`): a
related-article callout, a lone image, or a paragraph, whatever its length.
"""

from __future__ import annotations

from itertools import islice

from newsdump._model.flat import new_block
from newsdump._model.lines import Lines, is_blank
from newsdump._model.pieces import keep_rest
from newsdump._parse.callouts import LINK_END, linked_kind, type_reference_images
from newsdump._parse.containers import known_run
from newsdump._parse.handover import parse_run
from newsdump._parse.leaves import definitions, fence, html_block, line_blocks
from newsdump._parse.runs import Chunk, filled, runs
from newsdump._parse.shapes import RISKY_START, is_paragraph, single_line_block
from newsdump.model import Block, ListBlock, Paragraph, Quote, Verbatim

__all__ = ["scan_body"]


def scan_body(lines: Lines, start: int, stop: int, max_lines: int | None = None) -> list[Block]:
    """The blocks on lines ``start`` to ``stop - 1``, in order, built.

    With ``max_lines``, only the body's first ``max_lines`` lines that are not empty are
    read into blocks; the rest of the body, from its next line that is not blank, is one
    `Verbatim` block marked by `keep_rest`: its text is its Markdown as written
    (``Limits.max_body_lines``, which bounds the memory a body of tiny blocks takes).
    """
    cut = stop
    if max_lines is not None and stop - start > max_lines:  # a body shorter has no cut
        cut = next(islice(filled(lines.content, start, stop), max_lines, None), stop)
    blocks = _scan_region(lines, start, cut)
    if cut < stop:
        blocks.extend(_rest(lines, cut, stop))
    return blocks


def _rest(lines: Lines, start: int, stop: int) -> list[Block]:
    """The unread rest of a body: one `Verbatim` block of the lines from the first that is
    not blank to the last, cut from the text (no list of its lines is made); none when
    every line is blank."""
    content = lines.content
    first = start
    while first < stop and is_blank(content[first]):
        first += 1
    last = stop
    while last > first and is_blank(content[last - 1]):
        last -= 1
    if first == last:
        return []
    begin = lines.offset(first)
    markdown = lines.text[begin : lines.offset(last - 1) + len(content[last - 1])]
    if "\r" in markdown:  # the lines' own endings: a block's Markdown joins them with "\n"
        markdown = markdown.replace("\r\n", "\n").replace("\r", "\n")
    block = new_block(Verbatim, markdown)
    keep_rest(block, first)
    return [block]


def _scan_region(lines: Lines, start: int, stop: int) -> list[Block]:
    """`scan_body` of lines ``start`` to ``stop - 1``, read whole.

    Each block is built where it is found. Its lines need not be recorded: every
    non-blank line of the body belongs to a block, a block starts on a non-blank line,
    and its Markdown is its lines joined, so the layout works them out from the blocks
    when it needs them (`newsdump._model.layout.body_spans`). The body is cut into runs of
    non-blank lines (`runs`, the one walk over its lines). Runs that are a paragraph,
    a heading or a rule on their own are built as they come; from the first that needs
    a closer look (a list, code, HTML, definitions, a paragraph something interrupts),
    the rest is read by `_scan_chunks`, which may look ahead.
    """
    blocks: list[Block] = []
    walk = runs(lines, start, stop)
    # Runs taken from the walk until one needs a look ahead, not all put in a list for
    # `_scan_chunks` first: about 500 against 620 ns a paragraph in a body of "x\n\n".
    for first, last, text in walk:
        kind = _prose_kind(text) if last - first == 1 else _closed_kind(text, False)
        if kind is None:
            _scan_chunks(lines, [(first, last, text), *walk], blocks)
            break
        blocks.append(new_block(kind, text))
    return blocks


def _scan_chunks(lines: Lines, chunks: list[Chunk], blocks: list[Block]) -> None:
    """Read runs of non-blank lines into ``blocks``, the first following a closed block.

    A run that is a paragraph, a heading or a rule on its own is built at once; the
    others are read by shape (`line_blocks`, `fence`, `html_block`, `definitions`,
    `known_run`), and what none reads goes to markdown-it-py (`parse_run`)."""
    defines = False  # whether a block may define link references
    index = 0
    while index < len(chunks):
        first, last, text = chunks[index]
        kind = _prose_kind(text) if last - first == 1 else _closed_kind(text, False)
        if kind is not None:  # a paragraph, a heading or a rule
            blocks.append(new_block(kind, text))
            index += 1
            continue
        before = len(blocks)
        container = text[0] in _CONTAINER_START  # a quote or a list, maybe: tried first
        end = known_run(lines, chunks, index, blocks) if container else index
        if end > index:
            index = end
            defines = defines or any(map(_may_define, blocks[before:]))
            continue
        stop = line_blocks(lines, first, last, blocks)
        if stop == last:
            index += 1
            continue
        if stop > first:
            # The rest of the chunk (a list item, or what the walk does not read) is read
            # on its own; the walk stops at its first line again, so this cut is the last.
            chunks[index] = (stop, last, lines.joined(stop, last))
            continue
        head = text.lstrip(" ")[:1]
        following = (
            fence(lines, chunks, index, blocks)
            if head in ("`", "~")
            else html_block(lines, chunks, index, blocks)
            if head == "<"
            else None
        )
        if following is not None:
            index = following
            continue
        if "]:" in text and definitions(lines, first, last, text, blocks):
            defines = True
            index += 1
            continue
        end = index if container else known_run(lines, chunks, index, blocks)
        index = end if end > index else parse_run(lines, chunks, index, blocks)
        defines = defines or any(map(_may_define, blocks[before:]))
    if defines:  # most bodies define no link references: no paragraph is looked at again
        type_reference_images(blocks)


_CONTAINER_START = frozenset(">-*+0123456789")
"""First characters of a run that is a block quote or a list, maybe: `known_run` reads it
before the line walk, which would stop at its first line (about 2 us a list or quote,
6 us a rich 5 KB article: 73-76 to 67-70 us a file)."""


def _may_define(block: Block) -> bool:
    """Whether a block the scanner did not read as a paragraph may define link references."""
    return type(block) in _DEFINING_KINDS and "]:" in block.markdown


_DEFINING_KINDS = frozenset({Verbatim, ListBlock, Quote})


def _prose_kind(line: str) -> type[Block] | None:
    """`_closed_kind` of a run of one line, prose (most runs) tested first."""
    if line[0] not in RISKY_START:  # `is_paragraph`'s first test
        return linked_kind(line) if line[-1] in LINK_END else Paragraph
    return _closed_kind(line, True)


def _closed_kind(text: str, one_line: bool) -> type[Block] | None:
    """The class of a run of non-blank lines that follows a closed block (or starts the
    body) when the run is one block on its own: a paragraph (`paragraph_kind`), or an
    ATX heading or a thematic break on one line. None when the run needs a closer look
    (a list, code, HTML, definitions, or a paragraph that another block interrupts)."""
    if is_paragraph(text, closed=True):
        return linked_kind(text) if text[-1] in LINK_END else Paragraph  # paragraph_kind
    return single_line_block(text) if one_line else None
