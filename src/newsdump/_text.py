"""What a reader sees: plain text and links of body Markdown.

markdown-it-py (CommonMark) is the reference for meaning. Paragraph text
without any inline syntax character needs no parser at all, so the common case
costs a regular-expression search; everything else goes through markdown-it-py's
inline (or, for container blocks, block) parser with a bounded nesting limit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsdump._limits import DEFAULT_LIMITS, Limits, keep_verbatim

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = [
    "MAX_NESTING",
    "Pieces",
    "block_pieces",
    "block_plain",
    "inline_plain",
    "markdown_parser",
    "pieces_plain",
]

MAX_NESTING = DEFAULT_LIMITS.max_nesting
"""The deepest nesting markdown-it-py may build (its CommonMark preset's own default)."""

# Characters that can start inline syntax in CommonMark (linkify and typographer are off):
# escapes, code spans, emphasis, links and images, autolinks and HTML, entities, NUL.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[<&\x00]")

_parsers: dict[int, MarkdownIt] = {}


def markdown_parser(nesting: int = MAX_NESTING) -> MarkdownIt:
    """The shared CommonMark parser for a nesting depth, built on first use."""
    parser = _parsers.get(nesting)
    if parser is None:
        from markdown_it import MarkdownIt

        parser = _parsers[nesting] = MarkdownIt("commonmark", {"maxNesting": nesting})
    return parser


Links = tuple[tuple[str, str], ...]
"""(text, href) pairs, in order."""


def inline_plain(
    content: str, env: dict[str, Any] | None = None, limits: Limits = DEFAULT_LIMITS
) -> tuple[str, Links]:
    """Plain text and links of inline Markdown (a paragraph's or heading's content)."""
    if not _INLINE_SYNTAX.search(content) or keep_verbatim(content, limits):
        return _strip_lines(content), ()
    md = markdown_parser(limits.max_nesting)
    tokens: list[Token] = []
    md.inline.parse(content.strip(), md, dict(env or {}), tokens)
    return _inline_tokens(tokens)


def block_plain(
    markdown: str, env: dict[str, Any] | None = None, limits: Limits = DEFAULT_LIMITS
) -> tuple[str, Links]:
    """Plain text and links of any block Markdown: lists, quotes, code, tables, HTML."""
    if keep_verbatim(markdown, limits):
        return markdown, ()
    # The block parser alone, then each inline part as a paragraph's is read: most list
    # items and quoted lines have no inline syntax and need no inline parser at all.
    md = markdown_parser(limits.max_nesting)
    env = dict(env or {})
    tokens: list[Token] = []
    source = markdown.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    md.block.parse(source, md, env, tokens)  # as MarkdownIt.parse's normalize rule would
    pieces = block_pieces(tokens, limits.max_nesting)
    if pieces is None:
        return markdown, ()
    return pieces_plain(pieces, env, limits)


Pieces = tuple[tuple[bool, str], ...]
"""What a block's plain text is made of, in order: ``(is code, text)`` pairs, inline
Markdown to read (``False``) or code to show as it is (``True``)."""


def block_pieces(tokens: Sequence[Token], nesting: int) -> Pieces | None:
    """The pieces of a block from its block tokens; None when the block is kept verbatim
    (markdown-it-py drops what lies past its nesting limit: then the text keeps it all)."""
    pieces: list[tuple[bool, str]] = []
    for token in tokens:
        if token.nesting == 1 and token.level >= nesting - 1:
            return None
        if token.type == "inline":
            pieces.append((False, token.content))
        elif token.type in ("code_block", "fence"):
            pieces.append((True, token.content.rstrip("\n")))
    return tuple(pieces)


def pieces_plain(
    pieces: Pieces, env: dict[str, Any] | None = None, limits: Limits = DEFAULT_LIMITS
) -> tuple[str, Links]:
    """Plain text and links of a block's pieces."""
    texts: list[str] = []
    links: list[tuple[str, str]] = []
    for is_code, content in pieces:
        if is_code:
            texts.append(content)
            continue
        text, found = inline_plain(content, env, limits)
        texts.append(text)
        links.extend(found)
    return "\n".join(t for t in texts if t), tuple(links)


def _strip_lines(content: str) -> str:
    lines = content.strip().split("\n")
    if len(lines) == 1:
        return lines[0]
    # markdown-it-py drops spaces (not tabs) before a line break, spaces and tabs after it.
    return "\n".join(line.lstrip(" \t").rstrip(" ") for line in lines)


def _inline_tokens(tokens: Sequence[Token]) -> tuple[str, Links]:
    # An image shows nothing a reader reads (its alt text lives on the token's children,
    # which are skipped); HTML tags are markup, not text.
    out: list[str] = []
    links: list[tuple[str, str]] = []
    open_links: list[tuple[int, str]] = []
    for token in tokens:
        kind = token.type
        if kind in ("text", "text_special", "code_inline"):
            out.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "link_open":
            open_links.append((len(out), str(token.attrs.get("href", ""))))
        elif kind == "link_close" and open_links:
            start, href = open_links.pop()
            links.append(("".join(out[start:]), href))
    return "".join(out).strip(), tuple(links)
