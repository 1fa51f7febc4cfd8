"""What the body scanner hands to markdown-it-py's block parser, a run at a time.

The run's top-level tokens and their line maps give the blocks; what the parse found
for a list, a quote or code is kept beside the block so that ``.text`` need not parse
it again. Lines no token claims (link reference definitions) are verbatim blocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdump._model.flat import new_block
from newsdump._model.lines import Lines, is_blank
from newsdump._model.pieces import keep
from newsdump._model.plain import MAX_NESTING, block_parse, block_pieces, markdown_parser
from newsdump._parse.callouts import paragraph_kind
from newsdump._parse.runs import Chunk, runs
from newsdump._parse.shapes import is_paragraph
from newsdump.model import Block, Heading, ListBlock, Paragraph, Quote, Rule, Verbatim

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["parse_run"]


_TOKEN_KINDS: dict[str, type[Block]] = {
    "paragraph_open": Paragraph,
    "heading_open": Heading,
    "bullet_list_open": ListBlock,
    "ordered_list_open": ListBlock,
    "blockquote_open": Quote,
    "hr": Rule,
}


def parse_run(lines: Lines, chunks: list[Chunk], index: int, blocks: list[Block]) -> int:
    """Hand a run of chunks that are not plain paragraphs to markdown-it-py."""
    end = index + 1
    while end < len(chunks) and not is_paragraph(chunks[end][2], closed=False):
        end += 1
    first = chunks[index][0]
    found, open_ended = _parse_region(lines, first, chunks[end - 1][1])
    if open_ended and end < len(chunks):
        end = len(chunks)
        found, _ = _parse_region(lines, first, chunks[-1][1])
    blocks.extend(found)
    return end


def _parse_region(lines: Lines, first: int, last: int) -> tuple[list[Block], bool]:
    """Blocks of lines ``first`` to ``last - 1`` as markdown-it-py sees them.

    Also says whether the last block may go on past ``last`` (an unclosed fence or
    HTML block), in which case the caller parses a longer region.
    """
    md = markdown_parser()
    tokens: list[Token] = []
    env: dict[str, object] = {}
    region = lines.joined(first, last)
    nul = "\x00" in region
    # As markdown-it-py's own parse reads a NUL (a definition's destination may hold one).
    block_parse(md, region.replace("\x00", "\ufffd") if nul else region, env, tokens)
    # The tokens say what each block's plain text is made of: kept for `.text`, unless
    # references (which the block's own parse would not see) or NULs make it differ.
    share = not env and not nul
    blocks: list[Block] = []
    covered = first
    open_ended = False
    for index, token in enumerate(tokens):
        if token.level != 0 or token.nesting == -1 or token.map is None:
            continue
        start, end = first + token.map[0], first + token.map[1]
        stop = _trim(lines, start, end)
        blocks.extend(_uncovered(lines, covered, start))
        kind = _TOKEN_KINDS.get(token.type, Verbatim)
        text = lines.joined(start, stop)
        if kind is Paragraph:
            kind = paragraph_kind(text)
        block = new_block(kind, text)
        if share and stop == end and kind in _SHARED_KINDS:  # blank lines trimmed: reparse
            keep(block, block_pieces(_own_tokens(tokens, index), MAX_NESTING))
        blocks.append(block)
        covered = stop
        open_ended = token.type in ("fence", "html_block") and stop >= last
    blocks.extend(_uncovered(lines, covered, last))
    # Nested to markdown-it-py's limit, an item takes every line to the end of what it
    # was given, so the block may go on past ``last`` too.
    deepest = max((token.level for token in tokens), default=0)
    return blocks, open_ended or deepest >= MAX_NESTING - 1


_SHARED_KINDS = frozenset({ListBlock, Quote, Verbatim})
"""Blocks whose plain text is read from a block parse (a paragraph's and a heading's
from an inline one)."""


def _own_tokens(tokens: list[Token], index: int) -> list[Token]:
    """The tokens of the top-level block that opens at ``index``, its closing one included."""
    if tokens[index].nesting == 0:
        return tokens[index : index + 1]
    for end in range(index + 1, len(tokens)):
        if tokens[end].level == 0 and tokens[end].nesting == -1:
            return tokens[index : end + 1]
    return tokens[index:]


def _trim(lines: Lines, start: int, stop: int) -> int:
    while stop > start + 1 and is_blank(lines.content[stop - 1]):
        stop -= 1
    return stop


def _uncovered(lines: Lines, start: int, stop: int) -> list[Block]:
    """Lines no token claimed (link reference definitions), kept as verbatim blocks."""
    return [new_block(Verbatim, text) for _, _, text in runs(lines, start, stop)]
