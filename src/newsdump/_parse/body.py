"""The body: find and type the blocks.

Most of a dump's body is paragraphs of plain prose separated by blank lines. The
scanner walks the body's non-empty lines once; a run of lines whose first character
cannot start any block but a paragraph is a paragraph at once, and a run that is a
heading, a rule or a paragraph on its own costs an anchored match or two. From the
first run whose meaning depends on the runs after it (a list, indented code, a
paragraph something interrupts), the rest is cut into runs and typed by shape;
whatever the scanner does not read itself (deep or mixed lists, quotes, fences,
HTML, setext headings) goes to markdown-it-py's block parser, whose top-level tokens
and their line maps give the blocks. The result is markdown-it-py's block structure
(a property test compares the two), at a fraction of its cost.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from itertools import compress, islice
from typing import TYPE_CHECKING

from newsdump._parse.lines import Lines, is_blank
from newsdump._prepared import keep, keep_references, keep_rest
from newsdump._text import (
    MAX_NESTING,
    block_parse,
    block_pieces,
    indent_columns,
    markdown_parser,
    simple_definitions,
)
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
    new_block,
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
_FIRST_WORD = re.compile(r"[* \t]*([^\W\d_]+)")


def _may_be_callout(markdown: str) -> bool:
    """Whether a one-line paragraph is a related-article callout (a cheap word test first)."""
    word = _FIRST_WORD.match(markdown)
    return (
        word is not None
        and word.group(1).casefold() in _LABEL_WORDS  # folded as IGNORECASE folds (long s is s)
        and RELATED.fullmatch(markdown) is not None
    )


_IMAGE = re.compile(
    r"[ \t]*(?:\[[ \t]*)?!\[[^\[\]\n]*\]\([^()\s]*(?:[ \t]+\"[^\"\n]*\")?\)"
    r"(?:[ \t]*\]\([^()\s]*\))?[ \t]*"
)

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
    # running text is told apart by its last character.
    if len(markdown) < 1000 and markdown.rstrip(" \t*")[-1:] == ")" and "\n" not in markdown:
        # Every callout's link starts within its first few dozen characters.
        if markdown.find("[", 0, 64) >= 0 and _may_be_callout(markdown):
            return Related
        if markdown.lstrip(" \t").startswith(("![", "[")) and _IMAGE.fullmatch(markdown):
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
    when it needs them (`newsdump._layout.body_spans`). Runs of
    non-blank lines are walked here one by one while each is a paragraph, a heading
    or a rule on its own; at the first that needs to see the runs after it (a list,
    code, a paragraph something interrupts), the rest of the body is cut into runs and
    read by `_scan_chunks`.
    """
    content = lines.content
    blocks: list[Block] = []
    append = blocks.append
    after = start  # lines before this one were read with the run they belong to
    for first in _filled(content, start, stop):
        if first < after:
            continue
        text = content[first]
        last = first + 1
        if last == stop or not content[last]:
            # A run of one line, as most of them are.
            if text[0] not in _RISKY_START:  # a paragraph: most of them
                block = new_block(_linked_kind(text) if text[-1] in _LINK_END else Paragraph, text)
                append(block)
                continue
            kind = _one_line_kind(text)
            if kind is not None:
                append(new_block(kind, text))
                continue
        if text[0] in " \t" and text.isspace() and not text.strip(" \t"):
            continue  # spaces and tabs only: a blank line
        last = after = _run_end(content, first, stop)
        if last - first > 1:
            text = "\n".join(content[first:last])
        found = _lone_block(text, last - first == 1)
        if found is None:
            blocks.extend(_scan_chunks(lines, _chunks(lines, first, stop)))
            break
        append(found)
    return blocks


def _one_line_kind(text: str) -> type[Block] | None:
    """The class of a run of one line after a closed block, when its start settles it: an
    ATX heading or a paragraph (`paragraph_kind`); None when the line may start another
    block (a list, code, a rule, HTML, a link reference definition)."""
    head = text[0]
    if head == "#" and _ATX_LINE.match(text) is not None:
        return Heading
    if (
        "]:" not in text  # a link's text, not a link reference definition
        if head == "["
        else head not in _OWN_CHECKS and _FIRST_LINE_BLOCK.match(text) is None
    ):
        return _linked_kind(text) if text[-1] in _LINK_END else Paragraph
    return None


def _lone_block(text: str, one_line: bool) -> Block | None:
    """The block a run of lines makes on its own, or None when the runs after it matter.

    A paragraph (prose after a risky first character, as in "**Bold**" or "2024",
    or after up to three spaces or inline HTML), a heading or a rule; lists, code and
    runs that another block interrupts are left to `_scan_chunks`.
    """
    if not one_line and _LATER_LINE_BLOCK.search(text) is not None:
        return None
    if text[0] not in _OWN_CHECKS and _FIRST_LINE_BLOCK.match(text) is None:
        return new_block(paragraph_kind(text), text)
    single = _single_line_block(text) if one_line else None
    if single is not None:
        return new_block(single, text)
    if _opens_paragraph(text, True):
        return new_block(paragraph_kind(text), text)
    return None


def _run_end(content: list[str], first: int, stop: int) -> int:
    """The line after the run of non-blank lines that starts at ``first``."""
    last = first + 1
    while last < stop:
        line = content[last]
        if not line or (line[0] in " \t" and line.isspace() and not line.strip(" \t")):
            break
        last += 1
    return last


def _scan_chunks(lines: Lines, chunks: list[Chunk]) -> list[Block]:
    """The blocks of runs of non-blank lines, in order, built, with their lines."""
    blocks: list[Block] = []
    append = blocks.append
    index = 0
    while index < len(chunks):
        first, last, text, clean = chunks[index]
        if clean and text[0] not in _RISKY_START:  # prose: most chunks, so checked first
            block = new_block(_linked_kind(text) if text[-1] in _LINK_END else Paragraph, text)
            append(block)
            index += 1
            continue
        kind = (
            _one_line_kind(text)
            if last - first == 1
            else paragraph_kind(text)  # prose after a risky first character ("**Bold**")
            if clean and text[0] not in _OWN_CHECKS and _FIRST_LINE_BLOCK.match(text) is None
            else None
        )
        if kind is not None:
            append(new_block(kind, text))
            index += 1
            continue
        stop = _line_blocks(lines, first, last, blocks)
        if stop == last:
            index += 1
            continue
        if stop > first:
            # The rest of the chunk (a list item, or what the walk does not read) is read
            # on its own; the walk stops at its first line again, so this cut is the last.
            chunks[index] = (stop, last, lines.joined(stop, last), False)
            continue
        if "]:" in text and _definitions(lines, first, last, text, blocks):
            index += 1
            continue
        end = _known_run(lines, chunks, index, blocks)
        index = end if end > index else _parse_run(lines, chunks, index, blocks)
    return blocks


def _line_blocks(lines: Lines, first: int, last: int, blocks: list[Block]) -> int:
    """Type the headings, rules and paragraphs a chunk starts with; the first line not read.

    The chunk follows a closed block (or starts the body). Its lines are walked once,
    by index: a heading or a rule is a block of one line; a line that opens a paragraph
    opens one that goes on until a line that may start a block. The paragraph is read
    when that line is an ATX heading (read next) or a bullet item that interrupts it
    (where the walk stops), or when the chunk ends there. Anything else (a setext
    underline, a rule or HTML after the paragraph, a list, code, a definition) stops
    the walk before it, for `_scan_chunks` to read the rest of the chunk.
    """
    content = lines.content
    append = blocks.append
    at = first
    while at < last:
        line = content[at]
        single = _single_line_block(line)
        if single is not None:
            append(new_block(single, line))
            at += 1
            continue
        if not _opens_paragraph(line, True):
            return at
        end = at + 1
        while end < last and _FIRST_LINE_BLOCK.match(content[end]) is None:
            end += 1  # a line that starts no block goes on with the paragraph
        following = content[end] if end < last else ""
        item = False
        if following and _ATX_LINE.match(following) is None:
            item = _INTERRUPTING_ITEM.match(following) is not None and not _is_rule(following)
            if not item:
                return at
        text = lines.joined(at, end)
        if end - at > 1 and text.lstrip(" ")[0] == "[" and "]:" in text:
            return at  # a link reference definition whose label spans lines, maybe
        append(new_block(paragraph_kind(text), text))
        at = end
        if item:
            break
    return at


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
    """Type a list or an indented code block the scanner reads itself; the index after
    it, or ``index`` when the run at ``index`` is neither."""
    kind: type[Block] = ListBlock
    end = _simple_list(chunks, index)
    if end == index:
        kind, end = Verbatim, _code_run(chunks, index)
        if end == index:
            return index
    first, stop = chunks[index][0], chunks[end - 1][1]
    blocks.append(new_block(kind, lines.joined(first, stop)))
    return end


_SIMPLE_ITEM = re.compile(r"([-*+]|\d{1,9}([.)]))([ \t]+)(?=\S)")
_ANY_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
_INTERRUPTING_ITEM = re.compile(r" {0,3}[-*+][ \t]+\S")


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
            if content[0] in "*-_" and _is_rule(line):
                return None
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
            and all(indent_columns(line) >= column for line in text.split("\n"))
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


Chunk = tuple[int, int, str, bool]
"""A run of non-blank lines: first line, line after the last, the lines' text, and whether
no line after the first may start a block other than a paragraph."""

_RISKY_START = frozenset(" \t#>*+-=_`~<[0123456789")
"""First characters with which a chunk may be something other than a plain paragraph."""
_OWN_CHECKS = frozenset(" \t<[")
"""Risky first characters that `_FIRST_LINE_BLOCK` alone cannot clear: indentation (code),
HTML (which needs markdown-it-py's start conditions) and link reference definitions."""


def _chunks(lines: Lines, start: int, stop: int) -> list[Chunk]:
    """The runs of non-blank lines of the body, with whether each is clean.

    One walk over the lines that are not empty (found in C, so a long run of empty lines
    costs next to nothing): a one-line run, as most of a dump's paragraphs are, is the
    line itself, so no string is copied, and the text is never searched as a whole.
    """
    content = lines.content
    chunks: list[Chunk] = []
    append = chunks.append
    after = start  # lines before this one belong to a chunk already cut
    for at in _filled(content, start, stop):
        if at < after:
            continue
        line = content[at]
        end = at + 1
        if (end == stop or not content[end]) and line[0] not in " \t":
            append((at, end, line, True))  # a line on its own: most runs
            continue
        if line[0] in " \t" and line.isspace() and not line.strip(" \t"):
            continue  # spaces and tabs only: a blank line
        end = after = _run_end(content, at, stop)
        if end == at + 1:
            append((at, end, line, True))
        else:
            text = "\n".join(content[at:end])
            append((at, end, text, _LATER_LINE_BLOCK.search(text) is None))
    return chunks


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
    while end < len(chunks) and not _plain(chunks[end][2]):
        end += 1
    first = chunks[index][0]
    found, open_ended = _parse_region(lines, first, chunks[end - 1][1])
    if open_ended and end < len(chunks):
        end = len(chunks)
        found, _ = _parse_region(lines, first, chunks[-1][1])
    blocks.extend(found)
    return end


def _opens_paragraph(text: str, clean: bool) -> bool:
    """Whether a chunk that follows a closed block (or starts the body) is a plain paragraph.

    ``clean`` says that no line after the first may start a block. Unlike `_plain`,
    up to three spaces of indentation and inline HTML at the start are
    read here: after a closed block they cannot continue a list item or start code.
    """
    body = text.lstrip(" ")
    if len(text) - len(body) > 3 or body[0] == "\t":
        return False  # indented code, or indentation whose width needs tab stops
    head = body[0]
    if (head == "[" and "]:" in text) or (not clean and _LATER_LINE_BLOCK.search(text)):
        return False
    if head == "<":
        return not _html_block_start(body.partition("\n")[0])
    return _FIRST_LINE_BLOCK.match(text) is None


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
    """markdown-it-py's own start conditions, so that both agree on what is HTML.

    Loaded on first use: importing newsdump does not import markdown-it-py.
    """
    from markdown_it.rules_block.html_block import HTML_SEQUENCES

    return tuple(sequence[0] for sequence in HTML_SEQUENCES)


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


def _plain(text: str) -> bool:
    """Whether the chunk is a plain paragraph that no other block rule could claim."""
    head = text[0]
    if head in " \t" or (head == "[" and "]:" in text):  # a link definition may span lines
        return False
    return _FIRST_LINE_BLOCK.match(text) is None and _LATER_LINE_BLOCK.search(text) is None


def _parse_region(lines: Lines, first: int, last: int) -> tuple[list[Block], bool]:
    """Blocks of lines ``first`` to ``last - 1`` as markdown-it-py sees them.

    Also says whether the last block may go on past ``last`` (an unclosed fence or
    HTML block), in which case the caller parses a longer region.
    """
    md = markdown_parser()
    tokens: list[Token] = []
    env: dict[str, object] = {}
    region = lines.joined(first, last)
    block_parse(md, region, env, tokens)
    # The tokens say what each block's plain text is made of: kept for `.text`, unless
    # references (which the block's own parse would not see) or NULs make it differ.
    share = not env and "\x00" not in region
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
    return blocks, open_ended


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
    return [new_block(Verbatim, text) for _, _, text, _ in _chunks(lines, start, stop)]
