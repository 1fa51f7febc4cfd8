"""What a reader sees: plain text and links of body Markdown.

markdown-it-py (CommonMark) is the reference for meaning. Paragraph text
without any inline syntax character needs no parser at all, so the common case
costs a regular-expression search; everything else goes through markdown-it-py's
inline (or, for container blocks, block) parser with a bounded nesting limit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from itertools import accumulate, repeat
from operator import add, sub
from typing import TYPE_CHECKING, Any

from newsdump._limits import DEFAULT_LIMITS, Limits, keep_verbatim

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = [
    "MAX_NESTING",
    "Pieces",
    "References",
    "block_parse",
    "block_pieces",
    "block_plain",
    "indent_columns",
    "inline_plain",
    "markdown_parser",
    "pieces_plain",
    "simple_definitions",
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


def block_parse(md: MarkdownIt, src: str, env: dict[str, Any], tokens: list[Token]) -> None:
    """``md.block.parse(src, md, env, tokens)``, the line marks worked out faster.

    markdown-it-py's block state reads each character of each line's indentation in
    Python, so deeply indented lines cost it more than the rest of the parse; here the
    marks (where each line begins and ends, its indentation in characters and in
    columns) are worked out a line at a time by string methods. A property test
    compares them with the state's own.
    """
    if not src:
        return
    if not _marks_agree():
        md.block.parse(src, md, env, tokens)
        return
    _tokenize_with_marks(md, src, env, tokens)


def _tokenize_with_marks(
    md: MarkdownIt, src: str, env: dict[str, Any], tokens: list[Token]
) -> None:
    """`block_parse` itself: the block state's line marks set from whole lines."""
    from markdown_it.rules_block.state_block import StateBlock

    state = StateBlock("", md, env, tokens)  # every other field as the parser sets it
    lines = src.split("\n")
    if src[-1] == "\n":
        lines.pop()  # the text after the last line break is no line
    elif not lines[-1].strip(" \t"):
        lines.pop()  # nor is a last line of spaces and tabs without a line break
    length = len(src)
    widths = list(map(len, lines))
    starts = list(accumulate(map(add, widths, repeat(1)), initial=0))
    starts[-1] = length
    ends = list(map(add, starts, widths))
    ends.append(length)
    shifts = list(map(sub, widths, map(len, map(str.lstrip, lines, repeat(" \t")))))
    shifts.append(0)
    counts = shifts[:]
    if "\t" in src:
        for number, line in enumerate(lines):
            if "\t" in line[: shifts[number]]:
                counts[number] = indent_columns(line)
    state.src = src
    state.bMarks, state.eMarks, state.tShift, state.sCount = starts, ends, shifts, counts
    state.bsCount = [0] * len(starts)
    state.lineMax = len(lines)
    md.block.tokenize(state, state.line, state.lineMax)


_PROBE = "a\n\n  - b\n\t\t  c\n \t> d\n    e\n\n\tf\n  \n# g #\n"
"""Lines of every indentation shape `block_parse` works out marks for."""


@functools.cache
def _marks_agree() -> bool:
    """Whether this markdown-it-py's block state takes the marks `block_parse` sets.

    `block_parse` fills fields of markdown-it-py's block state (``bMarks``, ``eMarks``,
    ``tShift``, ``sCount``, ``bsCount``, ``lineMax``), which are not public API. The
    state the library makes itself for a probe text must have the same fields and give
    the same tokens, or every parse uses markdown-it-py's own ``block.parse``. Checked
    once per process (the test suite checks the marks on generated texts).
    """
    from markdown_it.rules_block.state_block import StateBlock

    md = markdown_parser()
    try:
        theirs = StateBlock(_PROBE, md, {}, [])
        mine: list[Token] = []
        _tokenize_with_marks(md, _PROBE, {}, mine)
        expected: list[Token] = []
        md.block.parse(_PROBE, md, {}, expected)
    except Exception:  # a state without these fields, or with other arguments
        return False
    marks = ("bMarks", "eMarks", "tShift", "sCount", "bsCount")
    return all(isinstance(getattr(theirs, name, None), list) for name in marks) and [
        (t.type, t.map, t.content) for t in mine
    ] == [(t.type, t.map, t.content) for t in expected]


def indent_columns(line: str) -> int:
    """The width of a line's indentation in columns (tabs stop every four columns)."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


Links = tuple[tuple[str, str], ...]
"""(text, href) pairs, in order."""


def inline_plain(
    content: str, env: dict[str, Any] | None = None, limits: Limits = DEFAULT_LIMITS
) -> tuple[str, Links]:
    """Plain text and links of inline Markdown (a paragraph's or heading's content)."""
    if not _INLINE_SYNTAX.search(content) or keep_verbatim(content, limits):
        return _strip_lines(content), ()
    simple = _simple_inline(content)
    if simple is not None:
        return simple
    md = markdown_parser(limits.max_nesting)
    tokens: list[Token] = []
    md.inline.parse(content.strip(_EDGE), md, dict(env or {}), tokens)
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
    block_parse(md, source, env, tokens)  # as MarkdownIt.parse's normalize rule would
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


# Inline Markdown in the shapes most paragraphs of a dump use, read without the inline
# parser: emphasis around a run of words (``*word*``, ``**two words**``, ``_word_``) that
# starts after a space, a line break or the start and ends before one or a sentence's
# punctuation, and links (``[text](destination)``) without a title, none nested in the
# other, between plain characters (none that may start inline syntax). A text with
# anything else is read by markdown-it-py; a property test compares the two. Each part
# is matched where the one before it ends, and an emphasis or a link cannot run past the
# next character that may start syntax, so a text costs its length.
_PLAIN = r"[^\\`*_\[\]<&\x00]"
_WORD = r"[^\W_]"
_SIMPLE_PART = re.compile(
    rf"(?P<plain>{_PLAIN}+)"
    rf"|(?<![^ \t\n])(?P<mark>\*\*?|__?)(?P<em>{_WORD}(?:[^\\`*_\[\]<&\x00\n]*{_WORD})?)"
    r"(?P=mark)(?=[ \t\n.,;:!?]|\Z)"
    r"|(?<!!)\[(?P<text>[^\\`*_\[\]<&\x00\n]+)\]\((?P<href>[^\x00-\x20\x7f()<>\\&]*)\)"
)


def _simple_inline(content: str) -> tuple[str, Links] | None:
    """Plain text and links of inline Markdown made only of `_SIMPLE_PART` parts (line
    ends as `_strip_lines` reads them), or None."""
    text = _strip_lines(content)
    out: list[str] = []
    links: list[tuple[str, str]] = []
    at = 0
    match = _SIMPLE_PART.match  # anchored at each part: a search would retry every position
    while at < len(text):
        part = match(text, at)
        if part is None:
            return None
        at = part.end()
        kind = part.lastgroup
        if kind == "plain":
            out.append(part.group("plain"))
        elif kind == "em":
            out.append(part.group("em"))
        else:
            href = _href(part.group("href"))
            if href is None:
                return None
            out.append(part.group("text"))
            links.append((part.group("text"), href))
    return "".join(out), tuple(links)


@functools.lru_cache(maxsize=4096)
def _href(destination: str) -> str | None:
    """A link destination as markdown-it-py normalises it, None when it refuses it.
    Kept: the same destinations (``#``, a site's pages) come back article after article."""
    md = markdown_parser()
    href = md.normalizeLink(destination)
    return href if md.validateLink(href) else None


_EDGE = " \t\r\n"
"""What CommonMark strips from the ends of a paragraph's or a heading's content: spaces,
tabs and line endings. A no-break space, or any other Unicode space, is text (in a code
span too), though markdown-it-py's own paragraph rule strips it with `str.strip`."""


def _strip_lines(content: str) -> str:
    lines = content.strip(_EDGE).split("\n")
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
    return "".join(out).strip(_EDGE), tuple(links)


References = dict[str, dict[str, str]]
"""Link reference definitions as markdown-it-py keeps them in ``env["references"]``:
normalised label to ``{"title": ..., "href": ...}``, the first definition of a label
winning."""

# A link reference definition on one line in its simplest shape: a label without
# brackets (escapes allowed), a destination without spaces, parentheses, escapes or
# angle brackets, and an optional title on the same line without escapes or line
# breaks. Each part starts with a character the part before cannot end with, so a
# failing match cannot split a run of characters in many ways: a line costs its length.
_SIMPLE_DEFINITION = re.compile(
    r" {0,3}\[((?:[^\\\[\]\n\r\x00]|\\[^\n\r\x00])*)\]:[ \t]*"
    r"([^\x00-\x20\x7f()<\\][^\x00-\x20\x7f()\\]*)"
    r"(?:[ \t]+(\"[^\"\\\n\r\x00]*\"|'[^'\\\n\r\x00]*'|\([^()\\\n\r\x00]*\)))?[ \t]*"
)


def simple_definitions(lines: Sequence[str]) -> References | None:
    """The references a run of lines defines when every line is one definition in its
    simplest shape (see `_SIMPLE_DEFINITION`), else None.

    The lines must start a block (follow a blank line, a heading, a rule or the start)
    and be the whole run of non-blank lines: then each is a definition of its own, as
    markdown-it-py's block parser reads it (a title on the next line would start with a
    quote or a parenthesis, not with ``[``), and they make no tokens. Labels,
    destinations and titles are normalised, and destinations validated, by
    markdown-it-py's own helpers.
    """
    from markdown_it.common.utils import normalizeReference, unescapeAll

    md = markdown_parser()
    match_line = _SIMPLE_DEFINITION.fullmatch
    # What was worked out for a label or a destination seen before (None: refused).
    labels: dict[str, str] = {}
    hrefs: dict[str, str | None] = {}
    found: References = {}
    for line in lines:
        match = match_line(line)
        if match is None:
            return None
        raw, destination, title = match.groups()
        label = labels.get(raw)
        if label is None:
            label = labels[raw] = normalizeReference(raw)
        if not label:
            return None  # an empty label: no definition
        if destination in hrefs:
            href = hrefs[destination]
        else:
            url = md.normalizeLink(unescapeAll(destination) if "&" in destination else destination)
            href = hrefs[destination] = url if md.validateLink(url) else None
        if href is None:
            return None  # a destination markdown-it-py refuses: the line is a paragraph
        if label in found:
            continue
        if title:
            title = title[1:-1]
            if "&" in title:
                title = unescapeAll(title)
        found[label] = {"title": title or "", "href": href}
    return found
