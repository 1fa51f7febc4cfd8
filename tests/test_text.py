"""Plain text of body blocks: the fast path agrees with markdown-it-py's rendering."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsdump import ListBlock, Paragraph, Quote, Related, loads
from newsdump._text import MAX_NESTING, _inline_tokens, block_plain, inline_plain, markdown_parser

_MD = MarkdownIt("commonmark")
_TAG = re.compile(r"<[^>]*>")


def rendered_text(markdown: str) -> str:
    """What a browser shows of markdown-it-py's HTML for one paragraph, line breaks kept."""
    out = _MD.render(markdown).replace("<br />\n", "\n")
    out = re.sub(r"<img [^>]*>", "", out)
    return html.unescape(_TAG.sub("", out)).strip()


def test_plain_paragraph_needs_no_parser() -> None:
    """A paragraph without inline syntax is its own text, lines trimmed."""
    assert Paragraph("  Hello there,\n   world.  ").text == "Hello there,\nworld."


def test_links_and_emphasis_resolve() -> None:
    """Links become their text; emphasis markers go away; targets are collected."""
    block = Paragraph("A *big* [report](https://example.org/r) and [more](#).")
    assert block.text == "A big report and more."
    assert [(link.text, link.url) for link in block.links] == [
        ("report", "https://example.org/r"),
        ("more", None),
    ]


def test_entities_and_escapes() -> None:
    """Entities and backslash escapes show as the characters they stand for."""
    assert Paragraph("Fish &amp; chips \\*not em\\*").text == "Fish & chips *not em*"


def test_list_and_quote_text() -> None:
    """Container blocks give the text of their paragraphs, one per line."""
    assert ListBlock("- one\n- *two*").text == "one\ntwo"
    assert ListBlock("1. first\n2. second").items == ("first", "second")
    assert ListBlock("1. first").ordered
    assert Quote("> quoted [text](#)").text == "quoted text"


def test_related_label_and_link() -> None:
    """A callout knows its wording and its link."""
    block = Related("**Read more: [The other story](https://example.org/o)**")
    assert block.label == "Read more"
    assert block.link.text == "The other story"
    assert block.link.url == "https://example.org/o"


def test_reference_links_resolve_through_the_article() -> None:
    """Reference-style links resolve against definitions elsewhere in the body."""
    text = "\n\n# T\n\nSee [the report][r] now.\n\n[r]: https://example.org/r"
    assert loads(text).text == "See the report now."


def test_nesting_is_bounded() -> None:
    """markdown-it-py is used with a nesting limit of at most 100."""
    assert MAX_NESTING <= 100
    assert markdown_parser().options["maxNesting"] == MAX_NESTING
    deep = ">" * 5000 + " x"
    assert isinstance(block_plain(deep)[0], str)


_INLINE = st.lists(
    st.sampled_from([*"ab c\n*_[]()<>!&#;`\\:/.\t", "amp", "http", "é", "\xa0", "](#)", "<a>"]),
    max_size=40,
).map("".join)


@given(_INLINE)
def test_inline_text_matches_rendered_html(content: str) -> None:
    """The text of a one-paragraph input equals what markdown-it-py's HTML shows."""
    tokens = _MD.parse(content)
    if [t.type for t in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return
    assert Paragraph(content).text == rendered_text(content)


@given(st.text(alphabet=st.sampled_from(list("ab c\n\t.,'\"-é\xa0")), max_size=80))
def test_fast_path_equals_slow_path(content: str) -> None:
    """Text without inline syntax reads the same with and without the inline parser."""
    fast, _ = inline_plain(content)
    tokens = _MD.parse(content)
    if [t.type for t in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        return
    assert fast == rendered_text(content)


def _full_parse_plain(markdown: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Plain text and links from markdown-it-py's whole parse, inline parser on every part."""
    pieces: list[str] = []
    links: list[tuple[str, str]] = []
    for token in markdown_parser().parse(markdown, {}):
        if token.type == "inline" and token.children is not None:
            text, found = _inline_tokens(token.children)
            pieces.append(text)
            links.extend(found)
        elif token.type in ("code_block", "fence"):
            pieces.append(token.content.rstrip("\n"))
    return "\n".join(p for p in pieces if p), tuple(links)


_BLOCK_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "- item",
                "  - nested",
                "1. one",
                "> quoted",
                ">",
                "",
                "    code",
                "```",
                "text",
                "[r]: /u",
                "see [r]",
                "- [x](/y)",
                "* *em*",
                "\tcode",
                "\x00",
                "a\rb",
                "## h",
            ]
        ),
        _INLINE,
    ),
    max_size=12,
).map("\n".join)


@given(_BLOCK_LINES)
def test_block_text_equals_the_whole_parse(markdown: str) -> None:
    """Block text (block parser, then each part as a paragraph) equals markdown-it-py's."""
    assert block_plain(markdown) == _full_parse_plain(markdown)
