"""How a paragraph is typed: a related-article callout, a lone image, or a paragraph.

A callout is one line of a known label and a link; an image is a paragraph whose
inline content is one image, alone or in a link, as markdown-it-py reads it (with the
body's link reference definitions, for one written as a reference). Both are told by
the paragraph's last character first, so most paragraphs cost one look.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsdump._limits import DEFAULT_LIMITS, keep_verbatim
from newsdump._model.flat import new_block
from newsdump._model.plain import markdown_parser
from newsdump._model.references import body_references
from newsdump.model import Block, Image, Paragraph, Related

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["LINK_END", "RELATED", "linked_kind", "paragraph_kind", "type_reference_images"]


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


def paragraph_kind(markdown: str) -> type[Block]:
    """The class of a paragraph: a related-article callout, a lone image, or a paragraph."""
    return linked_kind(markdown) if markdown[-1:] in LINK_END else Paragraph


LINK_END = frozenset(") \t*")
"""The last characters of a callout or a lone image: their link's ``)``, then spaces and
``**`` at most. A paragraph that ends otherwise is a paragraph, whatever links it holds;
the test costs one character, where a search for ``](`` costs the whole line (about
0.15 us on a line of 170 characters, a two-character search being no ``memchr``)."""


def linked_kind(markdown: str) -> type[Block]:
    """`paragraph_kind` of a paragraph that ends with one of `LINK_END`."""
    # A callout and a lone image both end with their link's ")" (then spaces and "**" at
    # most), and both hold "](" (their patterns say so): a paragraph whose link sits in
    # running text is told apart by its last character. Both patterns are matched
    # whatever the paragraph's length (each costs the paragraph's length at most).
    if markdown.rstrip(" \t*")[-1:] != ")":
        return Paragraph  # an image given by a reference ends with "]": see `type_reference_images`
    one_line = "\n" not in markdown
    if one_line and _may_be_callout(markdown):
        return Related
    if _may_be_image(markdown) and (
        (one_line and _IMAGE.fullmatch(markdown) is not None and _UNSAFE.search(markdown) is None)
        or _only_image(markdown, {})  # other shapes: brackets in the alt text, and so on
    ):
        return Image
    return Paragraph


def type_reference_images(blocks: list[Block]) -> None:
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
