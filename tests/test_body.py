"""The fast block scanner finds the blocks markdown-it-py finds."""

from __future__ import annotations

from typing import Any, cast

from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsdump._model.layout import body_spans
from newsdump._model.lines import Lines
from newsdump._parse.body import scan_body
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

_MD = MarkdownIt("commonmark")
_KINDS = {
    "paragraph_open": "p",
    "heading_open": "h",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "blockquote_open": "quote",
    "hr": "hr",
}
_OURS = {
    Paragraph: "p",
    Related: "p",
    Image: "p",
    Heading: "h",
    ListBlock: "list",
    Quote: "quote",
    Rule: "hr",
    Verbatim: "other",
}


def reference_blocks(text: str) -> list[tuple[int, int, str]]:
    """Top-level blocks as markdown-it-py's token maps give them, trailing blanks trimmed."""
    lines = Lines(text)
    blocks = []
    for token in _MD.parse(text):
        if token.level == 0 and token.nesting != -1 and token.map is not None:
            start, stop = token.map
            while stop > start + 1 and not lines.content[stop - 1].strip(" \t"):
                stop -= 1
            blocks.append((start, stop, _KINDS.get(token.type, "other")))
    return blocks


def body_blocks(text: str) -> list[Block]:
    """The blocks the scanner builds for a whole text taken as a body."""
    lines = Lines(text)
    return scan_body(lines, 0, len(lines))


def body_spans_of(text: str) -> list[tuple[str, int, int, Block, int, int]]:
    """The layout spans of the blocks the scanner builds for a whole text taken as a body:
    the lines of each block as the layout works them out from the blocks alone."""
    lines = Lines(text)
    spans = body_spans(lines, 0, scan_body(lines, 0, len(lines)))
    return [(key, a, b, cast("Block", block), c, d) for key, a, b, block, c, d in spans]


def scanned_blocks(text: str) -> list[tuple[int, int, str]]:
    """Blocks as the scanner finds them, without the verbatim blocks markdown-it omits."""
    spans = body_spans_of(text)
    lines = Lines(text)
    found = [(a, b, _OURS[type(block)]) for _, a, b, block, _, _ in spans]
    return [block for block in found if not _is_definition(lines, block)]


def _is_definition(lines: Lines, block: tuple[int, int, str]) -> bool:
    text = lines.joined(block[0], block[1])
    return block[2] == "other" and not _MD.parse(text)


def test_simple_paragraphs() -> None:
    """Blank-line-separated prose is one paragraph a chunk."""
    text = "First para\nstill first.\n\nSecond.\n\n\nThird."
    assert scanned_blocks(text) == [(0, 2, "p"), (3, 4, "p"), (6, 7, "p")]


def test_heading_then_text_in_one_chunk() -> None:
    """A heading line followed directly by text is two blocks."""
    text = "## Sub\nText right after.\n\nMore."
    assert scanned_blocks(text) == reference_blocks(text)
    assert scanned_blocks(text)[0] == (0, 1, "h")


def test_loose_list_spans_blank_lines() -> None:
    """A loose list with blank lines between items is one block."""
    text = "- one\n\n- two\n\n  still two\n\nAfter."
    assert scanned_blocks(text) == reference_blocks(text) == [(0, 5, "list"), (6, 7, "p")]


def test_fence_with_blank_lines_is_one_block() -> None:
    """A fenced code block keeps its blank lines, even with plain text inside."""
    text = "Intro.\n\n```\ncode\n\nplain inside\n```\n\nOutro."
    assert scanned_blocks(text) == reference_blocks(text)
    assert scanned_blocks(text)[1] == (2, 7, "other")


def test_unclosed_fence_runs_to_the_end() -> None:
    """An unclosed fence swallows the rest, as CommonMark says."""
    text = "Intro.\n\n~~~\ncode\n\nplain\n\nmore plain"
    assert scanned_blocks(text) == reference_blocks(text)


def test_html_comment_over_blank_lines() -> None:
    """An HTML comment block runs until its end marker."""
    text = "<!-- start\n\nplain\n\n-->\n\nAfter."
    assert scanned_blocks(text) == reference_blocks(text)


def test_setext_and_rules() -> None:
    """Setext underlines, rules and quotes are found as markdown-it-py finds them."""
    text = "Title\n=====\n\n* * *\n\n> quoted\nlazy\n\nText\n---\n\n___"
    assert scanned_blocks(text) == reference_blocks(text)


def test_reference_definitions_are_verbatim() -> None:
    """Link reference definitions become verbatim blocks of their own."""
    text = "See [the report][r].\n\n[r]: https://example.org/report"
    spans = body_spans_of(text)
    assert [(a, b, type(k)) for _, a, b, k, _, _ in spans] == [(0, 1, Paragraph), (2, 3, Verbatim)]


def test_related_and_image_are_typed() -> None:
    """Callouts and lone images are typed paragraphs."""
    text = "**Read more: [Other story](#)**\n\n![A boat](/boat.jpg)\n\nPlain."
    assert [type(block) for block in body_blocks(text)] == [Related, Image, Paragraph]


_LINE_PARTS = st.sampled_from(
    [
        "",
        "",
        "text",
        "more words here",
        "# h",
        "## h2",
        "- item",
        "* item",
        "+ item",
        "1. one",
        "2) two",
        "  indented",
        "    code",
        "\tcode",
        "> quote",
        ">",
        "```",
        "~~~",
        "---",
        "***",
        "===",
        "<div>",
        "</div>",
        "<!-- c",
        "-->",
        "<pre>",
        "</pre>",
        "[ref]: /url",
        "[ref]:",
        "  - nested",
        "   > q",
        "| a | b |",
        "**Read more: [t](#)**",
        "![i](/x.png)",
        "text *em*",
        "\\# not",
        " ",
        "\t",
        " lead space",
        "   three spaces",
        "  \ttab after spaces",
        "\t\tdeep tab",
        "<u>inline</u> then text",
        ' <a href="/x">link</a> after',
        "<br>",
        "<span>",
        "   <div>",
        "<p",
        "<?php",
        "<!DOCTYPE html>",
        "lazy continuation",
        "\t\t\tindented continuation",
        "   - three",
        "10. ten",
        "-",
        "- [ref]: /u",
        "-     code in item",
        "- # heading in item",
        "- ```",
        "* * *",
        "- - -",
        '[ref]: /u "title"',
        "[r2]: /v 'x' y",
        "   [r3]: <a b>",
        "[foo",
        "bar]: /url",
        "[]: /u",
        "[js]: javascript:alert(1)",
        "<https://example.com/x>",
        "<mailto:ann@example.com>",
        "<p:x>",
        "<div:x>",
        "#hashtag",
        "[Link](/x) then text",
        "**Bold** then text",
        "![a][ref]",
        "![ref]",
        "[![a](/x.png)][ref]",
        "![a [b](/c)](/d)",
        "![a](/x.png 'single')",
        "Read more:" + " " * 60 + "[A story](/s)",
        "**Related: [" + "long title " * 100 + "](/s)**",
    ]
)


@given(st.lists(_LINE_PARTS, max_size=30))
def test_scanner_matches_markdown_it(parts: list[str]) -> None:
    """For generated Markdown, the scanner's blocks are markdown-it-py's blocks."""
    text = "\n".join(parts)
    assert scanned_blocks(text) == reference_blocks(text)


@given(st.lists(_LINE_PARTS, max_size=30))
def test_scanner_types_images_as_markdown_it_reads_them(parts: list[str]) -> None:
    """For generated Markdown, a paragraph is an `Image` exactly when markdown-it-py
    reads it as only an image (given the definitions of the body, wherever they are)."""
    reference, ours = image_typing("\n".join(parts))
    assert ours == reference


@given(st.text(alphabet=st.sampled_from("ab #>-*+1.)`~<\n\t =[]:!"), max_size=200))
def test_scanner_matches_markdown_it_on_noise(text: str) -> None:
    """Random Markdown-ish noise gives the same block boundaries too."""
    assert scanned_blocks(text) == reference_blocks(text)


@given(
    st.lists(_LINE_PARTS, max_size=30).map("\n".join)
    | st.text(alphabet=st.sampled_from("ab #>-*+1.)`~<\n\t =[]:!\r"), max_size=200)
)
def test_block_lines_are_worked_out_from_the_blocks(text: str) -> None:
    """The layout records no lines for the blocks: each starts on the first non-blank
    line after the block before it and has as many lines as its Markdown. That holds
    because every block's Markdown is its lines joined, it starts on a non-blank line,
    and every non-blank line of the body is in a block."""
    lines = Lines(text)
    spans = body_spans_of(text)
    covered: set[int] = set()
    for _, first, last, block, _, _ in spans:
        assert lines.joined(first, last) == block.markdown, (first, last)
        assert lines.content[first].strip(" \t"), first
        assert covered.isdisjoint(range(first, last))
        covered.update(range(first, last))
    assert all(n in covered or not line.strip(" \t") for n, line in enumerate(lines.content))
    assert not spans or spans[-1][2] <= len(lines)


def test_list_item_continued_after_a_blank_line() -> None:
    """An indented chunk after an item (tabs or spaces) is more of that item's list."""
    for text in (
        "- Posted at noon\n- By:\n\t\t\t\t[Ann Lee](#)\n\n\t\t\t[Bo Chen](#)\n\nProse after.",
        "1. one\n2. two\n\n   more of two\n\n3. three\n\nProse.",
        "- a\n\n code too shallow\n\nProse.",
    ):
        assert scanned_blocks(text) == reference_blocks(text), text


_LABEL_PHRASES = (
    "Related", "Related stories", "Read more", "Read also", "Also read", "More",
    "More on this story", "See also", "Further reading", "Recommended reading",
    "Lesen Sie auch", "Mehr zum Thema", "Auch interessant", "Das könnte Sie auch interessieren",
    "Weiterlesen", "Les også", "Læs også", "Läs också", "Lue myös", "À lire aussi",
    "A lire aussi", "Lire aussi", "Voir aussi", "Lea también", "Lee también", "Leer más",
    "Leggi anche", "Czytaj też", "Přečtěte si také", "Читайте также", "Baca juga",
)  # fmt: skip


def test_every_callout_label_passes_the_word_test() -> None:
    """The cheap first-word test lets every label through to the full pattern."""
    from newsdump._parse import callouts

    assert len(_LABEL_PHRASES) >= len(callouts._LABELS)
    for phrase in _LABEL_PHRASES:
        for callout in (f"**{phrase}: [Story](#)**", f"{phrase}:[Story](#)", f" {phrase} [S](#)"):
            assert callouts.RELATED.fullmatch(callout), callout
            assert callouts.paragraph_kind(callout) is Related, callout


@given(
    st.sampled_from(_LABEL_PHRASES).map(str.upper) | st.sampled_from(_LABEL_PHRASES),
    st.text(alphabet=st.sampled_from("* \t:ab"), max_size=6),
    st.text(alphabet=st.sampled_from("* \t:"), max_size=6),
)
def test_word_test_never_hides_a_callout(phrase: str, before: str, after: str) -> None:
    """Whatever surrounds a label, the word test passes what the full pattern matches."""
    from newsdump._parse import callouts

    callout = f"{before}{phrase}{after}[Story](#)"
    if callouts.RELATED.fullmatch(callout):
        assert callouts._may_be_callout(callout), callout


@given(
    st.sampled_from(["**Read more: [S](#)", "Also read [S](/s)", "![A](/a.png)", "[![A](/a)](/b)"]),
    st.text(alphabet=st.sampled_from("* \t)."), max_size=6),
)
def test_end_test_never_hides_a_callout_or_an_image(line: str, tail: str) -> None:
    """A one-line paragraph is tried as a callout or an image only when it ends with ")"
    (then spaces and stars): whatever the tail, that test passes what the patterns match."""
    from newsdump._parse import callouts

    text = line + tail
    expected = (
        Related
        if callouts.RELATED.fullmatch(text)
        else Image
        if callouts._IMAGE.fullmatch(text)
        else Paragraph
    )
    assert callouts.paragraph_kind(text) is expected, text


_LINK_PARTS = st.sampled_from(
    ["**", "Read more", "Related", ":", " ", "\t", "[S]", "[", "]", "(", ")", "(#)", "(/a.png)",
     "!", "![A]", " \"t\"", "x", ".", "\n", "é"]
)  # fmt: skip


@given(st.lists(_LINK_PARTS, max_size=14).map("".join))
@example("**Read more: [S](#)** ")
@example("![A](/a.png) ")
@example("Related: [S](#)\t")
@example("see [S](#). More")
def test_end_test_types_every_paragraph_as_the_link_search_did(text: str) -> None:
    """A paragraph is tried as a callout or an image when it ends with ``)``, a space, a
    tab or ``*`` (one character looked at), not when it holds ``](`` (a search of the
    whole line): both give every text the same type, since both patterns need ``](``."""
    from newsdump._parse import callouts

    expected = callouts.linked_kind(text) if "](" in text else Paragraph
    assert callouts.paragraph_kind(text) is expected, text


@given(st.lists(_LINE_PARTS, max_size=30))
def test_kept_pieces_give_the_text_of_the_block_alone(parts: list[str]) -> None:
    """Text from the pieces the scanner kept equals the text of the block parsed alone."""
    from newsdump._model.pieces import take
    from newsdump._model.plain import block_plain, pieces_plain

    for block in body_blocks("\n".join(parts)):
        kept = take(block)
        if kept is None:
            continue
        from_pieces = (block.markdown, ()) if kept[0] is None else pieces_plain(kept[0])
        assert from_pieces == block_plain(block.markdown)


def test_rule_with_tabs_between_its_marks() -> None:
    """``--\\t-`` is a thematic break, not prose (the fast path must not call it prose)."""
    for text in ("--\t-", "- -\t-", "Prose.\n\n-\t-\t-\n\nMore."):
        assert scanned_blocks(text) == reference_blocks(text), text


def test_chunk_of_headings_and_text_in_turn() -> None:
    """A chunk cut many times (text, heading, text ...) gives markdown-it-py's blocks."""
    for unit in (
        "text\n## h\n",
        "## h\ntext\n",
        "text\n- item\n## h\n",
        "# a\n***\ntext\n",
        "text\n  lazy\n\tmore\n    still\n## h\n",
        "text\n---\n## h\n",
        "text\n===\n# h\n",
        "## h\n    code\ntext\n",
        "## h\n[a]: /u\n",
        "## h\n[foo\nbar]: /u\n# h\ntext\n",
        "text\n* item\n",
        "text\n- \n# h\n",
        "text\n<div>\n# h\n",
    ):
        text = unit * 30
        assert scanned_blocks(text) == reference_blocks(text), unit


_TURNS = st.lists(
    st.sampled_from(
        [
            "text",
            "  lazy",
            "    indented",
            "\tx",
            "## h",
            "#",
            "  ### h #",
            "#x",
            "---",
            "===",
            "***",
            "- item",
            "* * *",
            "1. one",
            "[a]: /u",
            "[foo",
            "bar]: /u",
            "<div>",
            "<span>x</span>",
            "> q",
            "```",
            "",
        ]
    ),
    max_size=40,
)


@given(_TURNS)
@example(["[foo", "===", "bar]: /u"])  # a definition whose label spans an underline
def test_headings_and_text_in_turn_match_markdown_it(parts: list[str]) -> None:
    """Long chunks of headings, paragraph lines and what may end a paragraph (a setext
    underline, a rule, an item, HTML) are walked line by line as markdown-it-py reads them."""
    text = "\n".join(parts)
    assert scanned_blocks(text) == reference_blocks(text)


def test_chunk_of_definitions_is_one_block_without_text() -> None:
    """Definitions one a line make one verbatim block: no text, their references kept."""
    from newsdump._model.pieces import references

    text = 'Prose.\n\n[a]: /u\n [B  c]: https://example.org/x?y=1&amp;z "T &amp; t"\n[a]: /v'
    spans = body_spans_of(text)
    block = spans[-1][3]
    assert (spans[-1][1], spans[-1][2], type(block)) == (2, 5, Verbatim)
    assert block.text == ""
    env: dict[str, object] = {}
    _MD.parse(block.markdown, env)
    assert references(block) == {
        label: {"title": ref["title"], "href": ref["href"]}
        for label, ref in env["references"].items()  # type: ignore[attr-defined]
    }


@given(st.lists(_LINE_PARTS, max_size=30))
def test_kept_references_are_those_of_the_block_alone(parts: list[str]) -> None:
    """References kept beside a block are what markdown-it-py finds in it alone, and it
    holds nothing else."""
    from newsdump._model.pieces import references

    for block in body_blocks("\n".join(parts)):
        kept = references(block)
        if kept is None:
            continue
        env: dict[str, object] = {}
        assert _MD.parse(block.markdown, env) == []
        found = env.get("references", {})
        assert kept == {
            label: {"title": ref["title"], "href": ref["href"]}
            for label, ref in found.items()  # type: ignore[attr-defined]
        }


@given(
    st.sampled_from([Paragraph, Heading, ListBlock, Quote, Image, Rule, Related, Verbatim]),
    st.text(max_size=40),
)
def test_blocks_made_directly_are_the_blocks_init_makes(kind: type[Block], markdown: str) -> None:
    """The scanner's `new_block` gives what the class's own ``__init__`` gives: equal,
    same hash, same repr, same default limits, the same plain text, and a round trip
    through pickle."""
    import pickle

    from newsdump._limits import DEFAULT_LIMITS
    from newsdump._model.flat import new_block

    made, built = new_block(kind, markdown), kind(markdown)
    assert type(made) is kind
    assert made == built
    assert hash(made) == hash(built)
    assert repr(made) == repr(built)
    assert made._limits is DEFAULT_LIMITS
    assert made.text == built.text
    assert pickle.loads(pickle.dumps(made)) == built


def _words(size: int) -> str:
    """About ``size`` characters of prose, without spaces at its ends."""
    return ("Harbour vote " * (size // 13 + 1))[:size].strip(" ") or "x"


@given(
    st.sampled_from(_LABEL_PHRASES),
    st.integers(0, 90),
    st.integers(1, 3000),
    st.sampled_from(["", "**"]),
)
@example("Read more", 70, 1500, "**")  # "[" after character 64, over 1,000 characters
@example("Das könnte Sie auch interessieren", 40, 10, "")
def test_long_and_late_bracket_callouts_are_callouts(
    phrase: str, gap: int, size: int, stars: str
) -> None:
    """A callout is `Related` whatever its length and wherever its ``[`` comes (the
    grammar in docs/format.md has no cut-off)."""
    title = _words(size)
    callout = f"{stars}{phrase}:{stars}{' ' * gap}[{title}](https://example.org/{size})"
    blocks = body_blocks(f"Prose.\n\n{callout}\n\nMore prose.")
    assert [type(block) for block in blocks] == [Paragraph, Related, Paragraph], callout
    link = cast("Related", blocks[1]).link
    assert (link.text, link.url) == (title, f"https://example.org/{size}")


@given(st.integers(1, 3000), st.integers(0, 3), st.booleans())
@example(1200, 3, True)
def test_long_images_are_images(size: int, indent: int, linked: bool) -> None:
    """A paragraph that is only an image is an `Image` whatever its length."""
    alt = _words(size)
    image = f"![{alt}](/photos/{size}.jpg)"
    if linked:
        image = f"[{image}](/story)"
    blocks = body_blocks(f"Prose.\n\n{' ' * indent}{image}\n\nMore prose.")
    assert [type(block) for block in blocks] == [Paragraph, Image, Paragraph]
    assert cast("Image", blocks[1]).alt == alt


def only_image(tokens: list[Any], index: int) -> bool:
    """Whether the paragraph whose inline token is ``tokens[index]`` is only an image
    (alone or as a link's content, spaces aside), as markdown-it-py reads it."""
    kinds = [
        token.type
        for token in tokens[index].children or ()
        if token.type != "text" or token.content.strip(" \t")
    ]
    return kinds in (["image"], ["link_open", "image", "link_close"])


def image_typing(text: str) -> tuple[list[bool], list[bool]]:
    """For the top-level paragraphs of a body, whether each is only an image: as
    markdown-it-py reads them, and as the scanner types them (callouts left out)."""
    tokens = _MD.parse(text)
    reference = [
        only_image(tokens, index + 1)
        for index, token in enumerate(tokens)
        if token.level == 0 and token.type == "paragraph_open"
    ]
    ours = [type(block) is Image for block in body_blocks(text) if _OURS[type(block)] == "p"]
    return reference, ours


_IMAGE_PARTS = st.sampled_from(
    ["![a]", "![b c]", "[a]", "[ref]", "[]", "[", "]", "!", "(", ")", "(/u)", "(<u v>)",
     '(/u "t")', "(/u 't')", "(javascript:x)", "(&#106;avascript:x)", "&amp;", " ", "\\",
     "`", "*", "<x:y>", "\n", "![a](/i)", "[![a](/i)](/l)"]
)  # fmt: skip


@given(st.lists(_IMAGE_PARTS, min_size=1, max_size=10).map("".join))
@example("![foo][bar]")
@example("[![moon](moon.jpg)][ref]")
@example("![a](/u)](/l)")
@example("[![a](/u)")
@example("![a`](/u`)")
@example("![a](javascript:x)")
def test_only_image_paragraphs_are_images(paragraph: str) -> None:
    """A paragraph is an `Image` exactly when markdown-it-py reads it as only an image,
    inline or written as a reference (definitions after it count), possibly in a link."""
    text = f"{paragraph}\n\n[ref]: /r\n[a]: /a\n[b c]: /bc 'T'"
    reference, ours = image_typing(text)
    assert ours == reference, text


_QUOTE_STARTS = st.sampled_from(
    ["> ", ">", "  > ", "   >  ", ">\t", "- ", "* ", "1. ", "2) ", "-     ", ""]
)
_QUOTE_WORDS = st.sampled_from(
    ["a", "b c", " ", "\t", "\xa0", "*em*", "`c`", "[l](/u)", "[r]", "<b>", "\\", "#", "- x",
     "> y", "===", "---", "    z", "[r]: /u", "&amp;", "\x00"]
)  # fmt: skip
_QUOTED = st.lists(
    st.tuples(_QUOTE_STARTS, st.lists(_QUOTE_WORDS, max_size=4).map("".join)).map("".join),
    min_size=1,
    max_size=8,
)


@given(st.lists(_QUOTED.map("\n".join), max_size=4).map("\n\n".join))
@example("> a\n> b")
@example("- a\n- *b*\n\n- c")
@example("> [r]: /u\x00\na")  # a NUL in a definition: read as U+FFFD, as in a whole parse
@example("a\n- \xa0")  # a no-break space is an item's text: the item interrupts the paragraph
@example("> a\n   >  \t#")  # a tab before the text counts in columns: here a heading
def test_quotes_and_lists_read_natively_match_markdown_it(text: str) -> None:
    """Quotes of one paragraph and lists of one-line items, which the scanner reads
    itself: the blocks are markdown-it-py's, and the text from the pieces they keep is
    the text of the block parsed alone."""
    from newsdump._model.pieces import take
    from newsdump._model.plain import block_plain, pieces_plain

    assert scanned_blocks(text) == reference_blocks(text)
    for block in body_blocks(text):
        kept = take(block)
        if kept is not None and kept[0] is not None:
            assert pieces_plain(kept[0]) == block_plain(block.markdown), block.markdown


_FENCE_LINES = st.sampled_from(
    ["```", "~~~", "````", "``` py", "```a`b", "~~~ a`b", "  ```", "   ~~~", "    ```", "\t```",
     "``` \t", "~~~~", "`` x", "code", "  indented code", "\tcode", "  \tcode", "", "", " ",
     "text", "> q", "- i", "# h", "]: x", "\x00"]
)  # fmt: skip


@given(st.lists(_FENCE_LINES, max_size=20).map("\n".join))
@example("```\na\n```\ntext")
@example("text\n\n  ```\n   a\n  b\n\t c\n\n```")
@example("~~~\n\n```\n~~~~ \nafter")
def test_fences_read_natively_match_markdown_it(text: str) -> None:
    """Fenced code, which the scanner reads itself (closed or running to the end, with
    blank lines, indented, with text after the closing fence): the blocks are
    markdown-it-py's, and the code kept for ``.text`` is the block's own."""
    from newsdump._model.pieces import take
    from newsdump._model.plain import block_plain, pieces_plain

    assert scanned_blocks(text) == reference_blocks(text)
    for block in body_blocks(text):
        kept = take(block)
        if kept is not None and kept[0] is not None:
            assert pieces_plain(kept[0]) == block_plain(block.markdown), block.markdown


def test_common_blocks_are_read_without_markdown_it(monkeypatch: Any) -> None:
    """Quotes of a paragraph, fenced code, setext headings, lists of one-line items and
    HTML blocks are read by the scanner itself: markdown-it-py's block parser is never
    called."""
    from newsdump._parse import handover

    def refuse(*args: object) -> object:
        raise AssertionError("markdown-it-py's block parser was called")

    monkeypatch.setattr(handover, "_parse_region", refuse)
    text = (
        "Harbour vote\n============\n\nThe council met.\nIt voted\n---\n\n> A quoted line\n"
        "> and its second line.\n\n```py\nx = 1\n\ny = 2\n```\n\nAfter the code.\n\n"
        "- one\n- *two*\n\n1. first\n2. second\n\n<div>\n<p>Hidden</p>\n</div>\n\n"
        "<!-- a comment\n\nover a blank line -->\n\nAfter the comment."
    )
    assert [(type(b).__name__, b.text) for b in body_blocks(text)] == [
        ("Heading", "Harbour vote"),
        ("Heading", "The council met.\nIt voted"),  # a setext heading takes every line
        ("Quote", "A quoted line\nand its second line."),
        ("Verbatim", "x = 1\n\ny = 2"),
        ("Paragraph", "After the code."),
        ("ListBlock", "one\ntwo"),
        ("ListBlock", "first\nsecond"),
        ("Verbatim", ""),
        ("Verbatim", ""),
        ("Paragraph", "After the comment."),
    ]


_NESTED_LINES = st.tuples(
    st.sampled_from(["", " ", "  ", "   ", "    ", "      ", "\t"]),
    st.sampled_from(["- ", "* ", "1. ", "2) ", "10. ", "-     ", "> ", ">", "", "- > ", "1. - "]),
    st.sampled_from(["a", "b c", "# h", "```", "---", "    z", "<div>", "[r]: /u", "", "- x"]),
).map("".join)


@given(st.lists(_NESTED_LINES, max_size=24).map("\n".join))
@example("- a\n  - b\n\n    c\n- d\n\n> e\n>\n> - f")
@example("- a\n\n  ```\nb\n  ```")  # a fence in an item does not hold a line less indented
@example("- " * 12 + "deep\n\n" + " " * 24 + "more\n\nafter")  # markdown-it-py's nesting cap
def test_nested_lists_and_quotes_match_markdown_it(text: str) -> None:
    """Lists nested in lists, quotes in items, items in quotes, loose items of several
    blocks: the scanner's top-level blocks are markdown-it-py's."""
    assert scanned_blocks(text) == reference_blocks(text)


def test_nested_containers_are_read_without_markdown_it(monkeypatch: Any) -> None:
    """Nested and loose lists and quotes of several blocks are read by the scanner itself:
    markdown-it-py's block parser is never called."""
    from newsdump._parse import handover

    def refuse(*args: object) -> object:
        raise AssertionError("markdown-it-py's block parser was called")

    monkeypatch.setattr(handover, "_parse_region", refuse)
    text = (
        "- Harbour\n  - the vote\n  - the council\n\n    its two halves\n- Quays\n\n"
        "> A quote\n>\n> - with a list\n> - in it\n\n1. One\n\n   > quoted in an item\n\n"
        "2. Two\n\n       code in an item\n\nAfter."
    )
    assert [type(b).__name__ for b in body_blocks(text)] == [
        "ListBlock", "Quote", "ListBlock", "Paragraph"
    ]  # fmt: skip
    assert scanned_blocks(text) == reference_blocks(text)
