"""The body: find and type the blocks.

Most of a dump's body is paragraphs of plain prose separated by blank lines. One walk
over the body's lines (`_runs`) cuts it into runs of non-blank lines; a run whose
first character cannot start any block but a paragraph is a paragraph at once, and a
run that is a heading, a rule or a paragraph on its own costs an anchored match or
two (`_is_paragraph`, the one test of a plain paragraph). From the first run whose
meaning depends on the runs after it (a list, indented code, a paragraph something
interrupts), the rest is read by shape; whatever the scanner does not read itself
(deep or mixed lists, quotes, fences, HTML, setext headings) goes to markdown-it-py's
block parser, whose top-level tokens and their line maps give the blocks. The result
is markdown-it-py's block structure (property tests compare the two, on generated
bodies and on the CommonMark spec's examples), at a fraction of its cost.

A paragraph is typed as it is built (`paragraph_kind`): a related-article callout, a
lone image, or a paragraph, whatever its length. A paragraph that is only an image
given by a link reference definition is typed once the body's definitions are known.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from itertools import compress, islice
from typing import TYPE_CHECKING

from newsdump._limits import DEFAULT_LIMITS, keep_verbatim
from newsdump._model.flat import new_block
from newsdump._model.lines import Lines, is_blank
from newsdump._model.pieces import keep, keep_references, keep_rest
from newsdump._model.plain import (
    MAX_NESTING,
    Pieces,
    block_parse,
    block_pieces,
    indent_columns,
    markdown_parser,
    simple_definitions,
)
from newsdump._model.references import body_references
from newsdump.model import (
    Block,
    Heading,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    Related,
    Rule,
    Verbatim,
)

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["RELATED", "paragraph_kind", "scan_body"]

# A line that may start (or interrupt a paragraph with) a block other than a paragraph:
# ATX headings, quotes, list items, rules, setext underlines, fences, HTML. Each
# alternative is anchored and free of nested ambiguity, so a search is linear.
_BLOCK_START = (
    r" {0,3}(?:#{1,6}(?:[ \t]|$)|>|[*+-](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)"
    r"|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$|(?:-[ \t]*){3,}$"
    r"|`{3,}|~{3,}|<[a-zA-Z/!?])"
)
_FIRST_LINE_BLOCK = re.compile(_BLOCK_START, re.MULTILINE)
# Searched from the literal newline, which the regex engine finds without trying a match
# at every position (a MULTILINE "^" would cost a match attempt per character).
_LATER_LINE_BLOCK = re.compile("\n" + _BLOCK_START, re.MULTILINE)

_ATX_LINE = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")


def _is_rule(line: str) -> bool:
    """A thematic break: up to three spaces, then three or more of one of ``*-_``, with
    spaces and tabs anywhere after the first. String operations, not a backtracking
    pattern, so a long line costs its length and no more."""
    body = line.lstrip(" ")
    if len(line) - len(body) > 3 or body[:1] not in ("*", "-", "_"):
        return False
    marks = body.replace(" ", "").replace("\t", "")
    return len(marks) >= 3 and marks.count(marks[0]) == len(marks)


_LABELS = (
    r"related(?: (?:articles?|stor(?:y|ies)|content|news|coverage|reading|links?))?",
    r"read (?:more|also|next|this)",
    r"also read",
    r"more(?: on (?:this|that)(?: (?:story|topic))?)?",
    r"see also",
    r"further reading",
    r"recommended(?: reading)?",
    r"lesen sie (?:auch|hier|mehr)",
    r"mehr zum thema",
    r"auch interessant",
    r"das könnte sie auch interessieren",
    r"weiterlesen",
    r"les også",
    r"læs også",
    r"läs också",
    r"lue myös",
    r"(?:à |a )?lire aussi",
    r"voir aussi",
    r"le(?:a|e) también",
    r"leer más",
    r"leggi anche",
    r"czytaj (?:też|także|również)",
    r"přečtěte si (?:také|též)",
    r"читайте также",
    r"baca juga",
)
# Each run of spaces follows a mandatory token, so a failing match cannot split one
# run in many ways (the pattern stays linear; see docs/security.md).
RELATED = re.compile(
    r"(?:\*\*)?[ \t]*(?:" + "|".join(_LABELS) + r")[ \t]*(?::[ \t]*)?(?:\*\*[ \t]*)?"
    r"(?::[ \t]*)?\[[^\[\]\n]+\]\([^()\s]*\)[ \t]*(?:\*\*[ \t]*)?",
    re.IGNORECASE,
)
_LABEL_WORDS = frozenset(
    (
        "related", "read", "also", "more", "see", "further", "recommended", "lesen", "mehr",
        "auch", "das", "weiterlesen", "les", "læs", "läs", "lue", "à", "a", "lire", "voir",
        "lea", "lee", "leer", "leggi", "czytaj", "přečtěte", "читайте", "baca",
    )
)  # fmt: skip
"""The first words of the labels above: a paragraph that starts with another is no callout."""
_LONGEST_WORD = max(map(len, _LABEL_WORDS))
_FIRST_WORD = re.compile(rf"[* \t]*([^\W\d_]{{1,{_LONGEST_WORD}}})(?![^\W\d_])")
"""The first word of a paragraph, when it is no longer than the longest label word: the
match stops there, so a paragraph that opens with a long run of letters costs no more
(a match of the whole run cost 24 us on a word of 2,000 letters)."""


def _may_be_callout(markdown: str) -> bool:
    """Whether a one-line paragraph is a related-article callout (a cheap word test first)."""
    word = _FIRST_WORD.match(markdown)
    return (
        word is not None
        and word.group(1).casefold() in _LABEL_WORDS  # folded as IGNORECASE folds (long s is s)
        and RELATED.fullmatch(markdown) is not None
    )


# An image, ``![alt](destination "title")``, alone or as the text of a link, in the
# shapes that need no closer look: no backslash, backtick, "<" or bracket in the alt
# text (an escape, a code span, an autolink or HTML may bind tighter than the brackets),
# a destination without angle brackets, spaces, parentheses or backslashes, and a title
# in double quotes without escapes. Other images are read by `_only_image`.
_IMG = r'!\[[^\[\]\\`<\n]*\]\((?:[^()\s\\<][^()\s\\]*)?(?:[ \t]+"[^"\\\n]*")?\)'
_IMAGE = re.compile(rf"[ \t]*(?:{_IMG}|\[[ \t]*{_IMG}[ \t]*\]\((?:[^()\s\\<][^()\s\\]*)?\))[ \t]*")
_UNSAFE = re.compile(r"script:|file:|data:|&#?\w+;", re.IGNORECASE)
"""What may make markdown-it-py refuse a destination (``javascript:``, ``file:``, an
entity that spells one): an image whose Markdown holds it is read by `_only_image`."""


_TOKEN_KINDS: dict[str, type[Block]] = {
    "paragraph_open": Paragraph,
    "heading_open": Heading,
    "bullet_list_open": ListBlock,
    "ordered_list_open": ListBlock,
    "blockquote_open": Quote,
    "hr": Rule,
}


def paragraph_kind(markdown: str) -> type[Block]:
    """The class of a paragraph: a related-article callout, a lone image, or a paragraph."""
    return _linked_kind(markdown) if markdown[-1:] in _LINK_END else Paragraph


_LINK_END = frozenset(") \t*")
"""The last characters of a callout or a lone image: their link's ``)``, then spaces and
``**`` at most. A paragraph that ends otherwise is a paragraph, whatever links it holds;
the test costs one character, where a search for ``](`` costs the whole line (about
0.15 us on a line of 170 characters, a two-character search being no ``memchr``)."""


def _linked_kind(markdown: str) -> type[Block]:
    """`paragraph_kind` of a paragraph that ends with one of `_LINK_END`."""
    # A callout and a lone image both end with their link's ")" (then spaces and "**" at
    # most), and both hold "](" (their patterns say so): a paragraph whose link sits in
    # running text is told apart by its last character. Both patterns are matched
    # whatever the paragraph's length (each costs the paragraph's length at most).
    if markdown.rstrip(" \t*")[-1:] != ")":
        return (
            Paragraph  # an image given by a reference ends with "]": see `_type_reference_images`
        )
    one_line = "\n" not in markdown
    if one_line and _may_be_callout(markdown):
        return Related
    if _may_be_image(markdown) and (
        (one_line and _IMAGE.fullmatch(markdown) is not None and _UNSAFE.search(markdown) is None)
        or _only_image(markdown, {})  # other shapes: brackets in the alt text, and so on
    ):
        return Image
    return Paragraph


def scan_body(lines: Lines, start: int, stop: int, max_lines: int | None = None) -> list[Block]:
    """The blocks on lines ``start`` to ``stop - 1``, in order, built.

    With ``max_lines``, only the body's first ``max_lines`` lines that are not empty are
    read into blocks; the rest of the body, from its next line that is not blank, is one
    `Verbatim` block marked by `keep_rest`: its text is its Markdown as written
    (``Limits.max_body_lines``, which bounds the memory a body of tiny blocks takes).
    """
    cut = stop
    if max_lines is not None and stop - start > max_lines:  # a body shorter has no cut
        cut = next(islice(_filled(lines.content, start, stop), max_lines, None), stop)
    blocks = _scan_region(lines, start, cut)
    if cut < stop:
        blocks.extend(_rest(lines, cut, stop))
    return blocks


def _type_reference_images(blocks: list[Block]) -> None:
    """Type as `Image` the paragraphs that are only an image given the body's link
    reference definitions, which may come after them: written as a reference
    (``![foo][bar]``, ``![foo][]``, ``![foo]``) or wrapped in a reference link
    (``[![moon](moon.jpg)][ref]``). Such a paragraph starts with ``!`` or ``[``, holds
    ``![`` and ends with ``)`` or ``]`` (a test of a character or a few, which few
    paragraphs pass); it is then read by markdown-it-py's inline parser.
    """
    env: dict[str, object] | None = None
    for index, block in enumerate(blocks):
        if (
            type(block) is not Paragraph
            or block.markdown[-1] not in _IMAGE_END  # most paragraphs: one character read
            or not _may_be_image(block.markdown)
        ):
            continue
        if env is None:
            env = body_references(tuple(blocks))[0]
            if env is None:
                return  # no definitions: `paragraph_kind` has typed every image
        if _only_image(block.markdown, env):
            blocks[index] = new_block(Image, block.markdown)


_IMAGE_END = frozenset(")] \t")
"""The last characters of a paragraph that is only an image: ``)`` or ``]``, then spaces."""


def _may_be_image(markdown: str) -> bool:
    """Whether a paragraph has the ends of a paragraph that is only an image."""
    return (
        markdown.rstrip(" \t")[-1:] in (")", "]")
        and markdown.lstrip(" \t")[:1] in ("!", "[")
        and "![" in markdown
    )


def _only_image(markdown: str, env: dict[str, object]) -> bool:
    """Whether a paragraph's inline content is one image, alone or as a link's only content
    (spaces around it aside), as markdown-it-py reads it with ``env``'s references."""
    if keep_verbatim(markdown, DEFAULT_LIMITS):
        return False  # its text is kept as written: no image is read from it
    md = markdown_parser()
    tokens: list[Token] = []
    # A paragraph's content loses the spaces and tabs at its ends (CommonMark strips
    # nothing else: a no-break space there is text).
    md.inline.parse(markdown.strip(" \t"), md, dict(env), tokens)
    kinds = [token.type for token in tokens if token.type != "text" or token.content.strip(" \t")]
    return kinds in (["image"], ["link_open", "image", "link_close"])


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
    non-blank lines (`_runs`, the one walk over its lines). Runs that are a paragraph,
    a heading or a rule on their own are built as they come; from the first that needs
    a closer look (a list, code, HTML, definitions, a paragraph something interrupts),
    the rest is read by `_scan_chunks`, which may look ahead.
    """
    blocks: list[Block] = []
    runs = _runs(lines, start, stop)
    for first, last, text in runs:
        if last - first == 1 and text[0] not in _RISKY_START:
            # Prose on one line, most runs: `_is_paragraph`'s first test, inlined (saves 1.3 us
            # a file, a tenth of the scan, on the corpus and on synthetic 5 KB dumps).
            kind: type[Block] | None = _linked_kind(text) if text[-1] in _LINK_END else Paragraph
        else:
            kind = _closed_kind(text, last - first == 1)
        if kind is None:
            _scan_chunks(lines, [(first, last, text), *runs], blocks)
            break
        blocks.append(new_block(kind, text))
    return blocks


def _scan_chunks(lines: Lines, chunks: list[Chunk], blocks: list[Block]) -> None:
    """Read runs of non-blank lines into ``blocks``, the first following a closed block."""
    defines = False  # whether a block may define link references
    index = 0
    while index < len(chunks):
        first, last, text = chunks[index]
        kind = _closed_kind(text, last - first == 1)
        if kind is not None:  # a paragraph, a heading or a rule
            blocks.append(new_block(kind, text))
            index += 1
            continue
        stop = _line_blocks(lines, first, last, blocks)
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
            _fence(lines, chunks, index, blocks)
            if head in ("`", "~")
            else _html_block(lines, chunks, index, blocks)
            if head == "<"
            else None
        )
        if following is not None:
            index = following
            continue
        if "]:" in text and _definitions(lines, first, last, text, blocks):
            defines = True
            index += 1
            continue
        before = len(blocks)
        end = _known_run(lines, chunks, index, blocks)
        index = end if end > index else _parse_run(lines, chunks, index, blocks)
        defines = defines or any(map(_may_define, blocks[before:]))
    if defines:  # most bodies define no link references: no paragraph is looked at again
        _type_reference_images(blocks)


def _may_define(block: Block) -> bool:
    """Whether a block the scanner did not read as a paragraph may define link references."""
    return type(block) in _DEFINING_KINDS and "]:" in block.markdown


_DEFINING_KINDS = frozenset({Verbatim, ListBlock, Quote})


def _closed_kind(text: str, one_line: bool) -> type[Block] | None:
    """The class of a run of non-blank lines that follows a closed block (or starts the
    body) when the run is one block on its own: a paragraph (`paragraph_kind`), or an
    ATX heading or a thematic break on one line. None when the run needs a closer look
    (a list, code, HTML, definitions, or a paragraph that another block interrupts)."""
    if _is_paragraph(text, closed=True):
        return _linked_kind(text) if text[-1] in _LINK_END else Paragraph  # paragraph_kind
    return _single_line_block(text) if one_line else None


def _is_paragraph(text: str, *, closed: bool) -> bool:
    """Whether a run of non-blank lines is one plain paragraph, whatever follows it.

    ``closed`` says that the block before the run is closed (or that the run starts the
    body): then up to three spaces of indentation and inline HTML at its start are read
    here. Otherwise the run may go on with an open block before it (a list item,
    indented code, an HTML block), and only a run that no block rule could claim is a
    paragraph: one that starts without indentation, ``<`` a tag, or a definition.
    """
    head = text[0]
    one_line = "\n" not in text
    if head not in _RISKY_START:  # prose: most runs, so checked first
        return one_line or _LATER_LINE_BLOCK.search(text) is None
    if not one_line and _LATER_LINE_BLOCK.search(text) is not None:
        return False  # a line after the first may start a block
    body = text
    if head in " \t":
        body = text.lstrip(" ")
        if not closed or len(text) - len(body) > 3 or body[0] == "\t":
            return False  # code, an item's continuation, or indentation needing tab stops
        head = body[0]
    if head == "[":
        return "]:" not in text  # a link reference definition, maybe (its label may span lines)
    if head == "<" and closed:
        return not _html_block_start(body.partition("\n")[0])
    return _FIRST_LINE_BLOCK.match(text) is None


def _runs(lines: Lines, start: int, stop: int) -> Iterator[Chunk]:
    """The runs of non-blank lines of lines ``start`` to ``stop - 1``, in order: the one
    walk over the body's lines.

    The lines that are not empty are found in C (`_filled`), so a long run of empty
    lines costs next to nothing; a one-line run, as most of a dump's paragraphs are, is
    the line itself, so no string is copied. `is_blank` is asked only of lines that
    start with a space or a tab (no other is blank).
    """
    content = lines.content
    after = start  # lines before this one belong to a run already given
    for first in _filled(content, start, stop):
        if first < after:
            continue
        line = content[first]
        if line[0] in " \t" and is_blank(line):
            continue
        last = first + 1
        if last < stop and content[last]:  # more than one line, maybe
            while last < stop and content[last] and not is_blank(content[last]):
                last += 1
            after = last
            if last - first > 1:
                line = "\n".join(content[first:last])
        yield first, last, line


def _line_blocks(lines: Lines, first: int, last: int, blocks: list[Block]) -> int:
    """Type the headings, rules and paragraphs a chunk starts with; the first line not read.

    The chunk follows a closed block (or starts the body). Its lines are walked once,
    by index: a heading or a rule is a block of one line; a line that opens a paragraph
    opens one that goes on until a line that ends it (`_ends_paragraph`). A setext
    underline there makes the paragraph's lines a heading; any other such line is read
    next, the paragraph being closed. A line that opens neither (a list, code, a quote,
    HTML, a definition) stops the walk there, for `_scan_chunks` to read the rest of
    the chunk.
    """
    content = lines.content
    at = first
    while at < last:
        line = content[at]
        single = _single_line_block(line)
        if single is not None:
            blocks.append(new_block(single, line))
            at += 1
            continue
        if not _is_paragraph(line, closed=True):
            return at
        end = at + 1
        while end < last and not _ends_paragraph(content[end]):
            end += 1  # a line that starts no block, or none that interrupts, goes on with it
        following = content[end] if end < last else ""
        text = lines.joined(at, end)
        if end - at > 1 and text.lstrip(" ")[0] == "[" and "]:" in text:
            return at  # a link reference definition whose label spans lines, maybe
        if following and _SETEXT_UNDERLINE.fullmatch(following) is not None:
            if text.lstrip(" ")[0] == "[":
                return at  # a definition's label may go on past the underline
            blocks.append(new_block(Heading, lines.joined(at, end + 1)))  # a setext heading
            at = end + 1
            continue
        blocks.append(new_block(paragraph_kind(text), text))
        at = end  # the line that interrupted it is read next
    return at


def _ends_paragraph(line: str) -> bool:
    """Whether a line after a paragraph's line ends the paragraph: a setext underline, or
    a block that may interrupt a paragraph (CommonMark's list: an ATX heading, a quote, a
    fence, a thematic break, HTML of the first six kinds, a bullet item or an item
    numbered 1 that is not empty). Any other line goes on with the paragraph."""
    if _FIRST_LINE_BLOCK.match(line) is None:
        return False
    if _SETEXT_UNDERLINE.fullmatch(line) is not None or _is_rule(line):
        return True
    body = line.lstrip(" ")
    head = body[0]
    if head in "#>":
        return head == ">" or _ATX_LINE.match(line) is not None
    if head in "`~":
        fence = _FENCE_OPEN.fullmatch(line)
        return fence is not None and not (head == "`" and "`" in fence.group(3))
    if head == "<":
        return any(start.search(body) for start, _, interrupts in _html_sequences() if interrupts)
    return _INTERRUPTING_ITEM.match(line) is not None or _FIRST_ITEM.match(line) is not None


_FIRST_ITEM = re.compile(r" {0,3}0{0,8}1[.)][ \t]+[^ \t]")
"""An ordered item that may interrupt a paragraph: numbered 1, not empty."""


def _definitions(lines: Lines, first: int, last: int, text: str, blocks: list[Block]) -> bool:
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


def _known_run(lines: Lines, chunks: list[Chunk], index: int, blocks: list[Block]) -> int:
    """Type a list, a block quote or an indented code block the scanner reads itself; the
    index after it, or ``index`` when the run at ``index`` is none of them.

    A list of one-line items and a quote of one paragraph keep the pieces of their plain
    text (`newsdump._model.pieces.keep`), so that ``.text`` needs no block parse of them."""
    text = chunks[index][2]
    if text.lstrip(" ")[:1] == ">":
        pieces = _quote_pieces(text)
        if pieces is None and not _all_quoted(text):
            return index
        _append_kept(blocks, Quote, text, pieces)
        return index + 1
    end = _simple_list(chunks, index)
    if end == index:
        end = _list_end(lines.content, chunks, index)  # nested, or items of several blocks
    if end > index:
        markdown = lines.joined(chunks[index][0], chunks[end - 1][1])
        _append_kept(blocks, ListBlock, markdown, _list_pieces(chunks[index:end]))
        return end
    end = _code_run(chunks, index)
    if end > index:
        blocks.append(new_block(Verbatim, lines.joined(chunks[index][0], chunks[end - 1][1])))
    return end


_FENCE_OPEN = re.compile(r"( {0,3})(`{3,}|~{3,})([^\n]*)")


def _fence(lines: Lines, chunks: list[Chunk], index: int, blocks: list[Block]) -> int | None:
    """Type a fenced code block that opens the chunk at ``index`` (and keep its code as its
    piece); the index of the chunk to read next, or None when the chunk opens none (or
    the fence closes inside a run, see `_chunk_at`).

    The block runs to its closing fence, or to the end of the body; blank lines and
    chunks inside it are its own. A fence whose run goes on after its closing fence is
    left to markdown-it-py (`_chunk_at`).
    """
    content = lines.content
    first = chunks[index][0]
    opening = _FENCE_OPEN.fullmatch(content[first])
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
        _append_kept(blocks, Verbatim, lines.joined(first, last), pieces)
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


def _html_block(lines: Lines, chunks: list[Chunk], index: int, blocks: list[Block]) -> int | None:
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
    ends = [end for start, end, _ in _html_sequences() if start.search(text)][:1]
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
        _append_kept(blocks, Verbatim, lines.joined(first, last), ())
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


def _append_kept(
    blocks: list[Block], kind: type[Block], markdown: str, pieces: Pieces | None
) -> None:
    """Build a block and keep its pieces, when known (a NUL, which markdown-it-py
    replaces before reading, leaves them to ``.text``)."""
    block = new_block(kind, markdown)
    if pieces is not None and "\x00" not in markdown:
        keep(block, pieces)
    blocks.append(block)


_QUOTE_MARK = re.compile(r" {0,3}> ?")


def _quote_pieces(text: str) -> Pieces | None:
    """The pieces of a chunk that is one block quote of one paragraph, or None.

    Every line starts with ``>`` (after up to three spaces; a space after it is part of
    the marker), no tab stands in or right after a marker, and what the markers leave
    is a plain paragraph (`_is_paragraph`): no blank line, no nested block, no lazy
    line. Its piece is that paragraph's content, as markdown-it-py's would be.
    """
    contents: list[str] = []
    for line in _each_line(text):  # the first line that is no paragraph's stops the walk
        marker = _QUOTE_MARK.match(line)
        if marker is None or "\t" in line[: marker.end() + 1]:
            return None
        content = line[marker.end() :]
        if is_blank(content) or (
            _FIRST_LINE_BLOCK.match(content) is not None
            if contents
            else not _is_paragraph(content, closed=True)
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
            if not _is_paragraph(content, closed=True):
                return None
            pieces.append((False, content.strip()))
    return tuple(pieces)


_SIMPLE_ITEM = re.compile(r"([-*+]|\d{1,9}([.)]))([ \t]+)(?=[^ \t])")
_ANY_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
_INTERRUPTING_ITEM = re.compile(r" {0,3}[-*+][ \t]+[^ \t]")


def _list_marker(text: str) -> tuple[str, int] | None:
    """The marker kind shared by the items of a chunk that is one simple list, if so,
    with the content column of its last item (0 when that is not known).

    Every line is an item with the same marker, not indented, or a line that continues
    the paragraph of the item before it (lazily or indented: either way the item's text).
    An item may be continued only when its text is a paragraph (it starts no other
    block and is not indented code), and a continuation line must not start a block.
    """
    kind = None
    item: re.Match[str] | None = None  # the last item line's match
    lazy: bool | None = None  # whether that item's text may go on: worked out on demand
    for line in text.split("\n") if len(text) < 4096 else _each_line(text):
        match = _SIMPLE_ITEM.match(line)
        if match is not None:
            content = line[match.end() :]
            if (content[0] in "*-_" and _is_rule(line)) or _too_deep(line):
                return None  # a thematic break, or items nested past markdown-it-py's limit
            marker = match.group(2) or match.group(1)
            if kind is None:
                kind = marker
            elif marker != kind:
                return None
            item, lazy = match, None
            continue
        if item is None:
            return None
        if lazy is None:
            lazy = _may_go_on(item)
        if not lazy or _FIRST_LINE_BLOCK.match(line.lstrip(" \t")) is not None:
            return None
    if kind is None or item is None:  # pragma: no cover - a chunk has a first line
        return None
    return kind, _content_column(item)


def _content_column(item: re.Match[str]) -> int:
    """The column where an item's content starts (0 when tabs make it unknown here)."""
    spaces = item.group(3)
    if "\t" in spaces:
        return 0
    return item.start(3) + (len(spaces) if len(spaces) <= 4 else 1)


def _each_line(text: str) -> Iterator[str]:
    """The lines of a long text one by one, so that a reader that stops early stops cheap."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _may_go_on(item: re.Match[str]) -> bool:
    """Whether an item's text is a paragraph, which the lines after it may continue."""
    spaces, content = item.group(3), item.string[item.end() :]
    return (
        len(spaces) <= 4
        and "\t" not in spaces
        and _FIRST_LINE_BLOCK.match(content) is None
        and not (content[0] == "[" and "]:" in content)
    )


def _simple_list(chunks: list[Chunk], index: int) -> int:
    """The end of a run of chunks that are one list of one-line items, or ``index``.

    Chunks whose every line is an item with the same marker (or continues one), none
    indented, make one (possibly loose) list, and so does a chunk between them whose
    every line is indented at least to the content of the item before it (that item's
    text goes on). The run ends at a chunk that starts with no marker and no
    indentation. A run that goes on with a chunk of any other shape is left to
    markdown-it-py.
    """
    found = _list_marker(chunks[index][2])
    if found is None:
        return index
    kind, column = found
    end = index + 1
    while end < len(chunks):
        text = chunks[end][2]
        if text[0] not in _RISKY_START:
            break
        if (
            text[0] in " \t"
            and column
            and all(
                indent_columns(line) >= column and not _too_deep(line) for line in text.split("\n")
            )
        ):
            end += 1  # more of the last item: a paragraph, code or a nested list in it
            continue
        following = _list_marker(text)
        if following is None:
            if _ANY_ITEM.match(text) or text[0] in " \t":
                return index  # the list may go on in a shape this scanner does not read
            break
        if following[0] != kind:
            break
        column = following[1]
        end += 1
    return end


Chunk = tuple[int, int, str]
"""A run of non-blank lines: first line, line after the last, and the lines' text."""

_RISKY_START = frozenset(" \t#>*+-=_`~<[0123456789")
"""First characters with which a chunk may be something other than a plain paragraph."""


def _filled(content: list[str], start: int, stop: int) -> Iterator[int]:
    """The indexes of the lines from ``start`` to ``stop - 1`` that are not empty, found in C.

    ``islice`` walks the list from index 0 to reach ``start``, which made a body of many
    blocks read by markdown-it-py quadratic (`_uncovered` calls this once per block: 85 s
    for 1.76 MB of fences); a slice copies only the lines asked for, but holds a pointer
    per line. So: ``islice`` while the lines it skips are no more than those it yields,
    a slice otherwise, and the walk costs at most twice the lines it reads.
    """
    if start <= stop - start:
        return compress(range(start, stop), islice(content, start, stop))
    return compress(range(start, stop), content[start:stop])


def _single_line_block(text: str) -> type[Block] | None:
    """An ATX heading or a thematic break: one-line blocks whatever follows them."""
    first = text[:1]
    if first in "# " and _ATX_LINE.match(text):
        return Heading
    if first in "*-_ " and _is_rule(text.partition("\n")[0]):
        return Rule
    return None


def _parse_run(lines: Lines, chunks: list[Chunk], index: int, blocks: list[Block]) -> int:
    """Hand a run of chunks that are not plain paragraphs to markdown-it-py."""
    end = index + 1
    while end < len(chunks) and not _is_paragraph(chunks[end][2], closed=False):
        end += 1
    first = chunks[index][0]
    found, open_ended = _parse_region(lines, first, chunks[end - 1][1])
    if open_ended and end < len(chunks):
        end = len(chunks)
        found, _ = _parse_region(lines, first, chunks[-1][1])
    blocks.extend(found)
    return end


def _html_block_start(line: str) -> bool:
    """Whether a line (without its indentation) starts a CommonMark HTML block."""
    if _SCHEME.match(line) is not None:
        return False  # an autolink: no start condition takes a ":" right after the name
    return any(start.search(line) for start in _html_starts())


_SCHEME = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:")
"""``<`` and a URI scheme, as an autolink starts. Every HTML block start condition wants
``!``, ``?``, ``/``, space, ``>`` or the end after ``<`` and a tag name, never ``:``."""


@functools.cache
def _html_starts() -> tuple[re.Pattern[str], ...]:
    """markdown-it-py's own start conditions, so that both agree on what is HTML."""
    return tuple(start for start, _, _ in _html_sequences())


@functools.cache
def _html_sequences() -> tuple[tuple[re.Pattern[str], re.Pattern[str], bool], ...]:
    """markdown-it-py's own HTML block conditions: start, end, and whether the block may
    interrupt a paragraph, in its order. Loaded on first use: importing newsdump does
    not import markdown-it-py."""
    from markdown_it.rules_block.html_block import HTML_SEQUENCES

    return tuple(HTML_SEQUENCES)


def _indented(line: str) -> bool:
    """Whether a non-blank line is indented four columns or more (an indented code line)."""
    body = line.lstrip(" ")
    return len(line) - len(body) >= 4 or body[:1] == "\t"


def _code_run(chunks: list[Chunk], index: int) -> int:
    """The end of a run of chunks that make one indented code block, or ``index``.

    Every line of every chunk must be indented; the run ends at a chunk whose first
    line is not. A chunk that is only partly indented is left to markdown-it-py.
    """
    end = index
    while end < len(chunks):
        text = chunks[end][2]
        if not _indented(text):
            break
        if "\n" in text and not all(_indented(line) for line in text.split("\n")):
            return index
        end += 1
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
    return [new_block(Verbatim, text) for _, _, text in _runs(lines, start, stop)]


def _all_quoted(text: str) -> bool:
    """Whether every line of a chunk starts with ``>`` after up to three spaces: then the
    chunk is one block quote, whatever the quote holds (every such line continues it)."""
    return all(
        line.lstrip(" ")[:1] == ">" and len(line) - len(line.lstrip(" ")) <= 3
        for line in _each_line(text)
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
    return len(line) - len(line.lstrip(_CONTAINER_MARKS)) > _DEEPEST


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
    if item is None or (line[item.end()] in "*-_" and _is_rule(line)):
        return None  # no item, or a thematic break
    spaces = len(item.group(2))
    column = item.end() if spaces <= 4 else item.start(2) + 1
    return item.group(1) or line.lstrip(" ")[0], column
