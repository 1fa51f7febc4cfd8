"""The classes users hold: `Article`, `Author`, `Link` and the body blocks.

All are frozen, slotted attrs classes; edit them with `attrs.evolve`. Layout
(how the file spelled things, where the blank lines were) is kept beside the
values and takes no part in equality, so an article built by hand equals the
same article parsed from a file.

Body blocks keep their Markdown source in ``markdown`` (line endings
normalised to ``\\n``); what a reader sees (``text``) and the links they hold
(``links``) are worked out on first use and cached.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import urllib.parse
from typing import Any

import attrs
from attrs import field, frozen

from newsdump._deprecated import warn_deprecated
from newsdump._limits import DEFAULT_LIMITS, Limits, keep_verbatim
from newsdump._model.layout import Layout
from newsdump._model.pieces import rest_line, take
from newsdump._model.plain import Links, block_plain, inline_plain, pieces_plain
from newsdump.errors import Diagnostic, _restore

__all__ = [
    "Article",
    "Author",
    "Block",
    "Boilerplate",
    "Heading",
    "Image",
    "Link",
    "ListBlock",
    "Paragraph",
    "Quote",
    "Related",
    "Rule",
    "Verbatim",
]


@frozen
class Author:
    """A name from the byline, with the link the dump gave it (``None`` for ``#`` or plain).

    Attributes:
        name: the name as a reader sees it, whitespace collapsed.
        url: the link's target, ``None`` for a plain name or a neutralised ``#`` link.
        agency: whether the name is a news agency's (``AFP``, ``Reuters staff``,
            ``Deutsche Presse-Agentur``): wire copy. The file has no mark for it: the
            parser sets it from the name (see the byline section of the format), so an
            author built with a flag the name does not bear out reads back without it.
    """

    name: str
    url: str | None = None
    agency: bool = False

    def __repr__(self) -> str:
        # ``agency`` only when set: most authors are people, and reprs stay as they were
        agency = ", agency=True" if self.agency else ""
        return f"{type(self).__name__}(name={self.name!r}, url={self.url!r}{agency})"

    def __reduce__(self) -> tuple[Any, ...]:
        if type(self) is not Author:
            return _attrs_reduce(self)
        if self.agency:
            return Author, (self.name, self.url, True)
        return Author, (self.name, self.url)


@frozen
class Link:
    """A link's visible text and its target (``None`` where the dump neutralised it to ``#``).

    Attributes:
        text: the link's text as a reader sees it.
        url: the target, ``None`` where the dump neutralised it to ``#``.
    """

    text: str
    url: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        if type(self) is not Link:
            return _attrs_reduce(self)
        return Link, (self.text, self.url)


def _link(text: str, href: str) -> Link:
    return Link(text, None if href in ("", "#") else href)


@frozen
class Block:
    """A block of the body. Use one of the subclasses; ``markdown`` is the block's source.

    Attributes:
        markdown: the block's Markdown source, lines joined with ``\\n``.
    """

    markdown: str
    # The limits its plain text is worked out within (those of the parse that made it).
    _limits: Limits = field(
        default=DEFAULT_LIMITS, eq=False, repr=False, kw_only=True, alias="_limits"
    )

    @functools.cached_property
    def _plain(self) -> tuple[str, Links]:
        kept = take(self)  # what the scanner's block parse already found, if it kept it
        if kept is not None and self._limits is DEFAULT_LIMITS:
            pieces = kept[0]
            if keep_verbatim(self.markdown, self._limits) or pieces is None:
                return self.markdown, ()
            return pieces_plain(pieces, limits=self._limits)
        return block_plain(self.markdown, limits=self._limits)

    @property
    def text(self) -> str:
        """The block as plain text a reader would see: no Markdown syntax, no link targets."""
        return self._plain[0]

    @property
    def links(self) -> tuple[Link, ...]:
        """The links in the block, in order."""
        return tuple(_link(text, href) for text, href in self._plain[1])

    def __reduce__(self) -> tuple[Any, ...]:
        # Its class and its Markdown, the limits only when they are not the defaults.
        # attrs' own pickling goes through a Python-level ``__setstate__`` per object;
        # the cached plain text is not sent (it is worked out again on first use).
        cls = type(self)
        if cls not in _BUILT_IN:
            return _attrs_reduce(self)
        if self._limits is DEFAULT_LIMITS:
            return cls, (self.markdown,)
        return _block, (cls, self.markdown, self._limits)

    def plain(self, env: dict[str, Any] | None = None) -> tuple[str, Links]:
        """Deprecated: use `text` and `links` (the block alone), or `Article.text` and
        `Article.links` (the body, its reference links resolved).

        Plain text and (text, href) pairs, resolving references from markdown-it-py's
        ``env`` dict.
        """
        warn_deprecated("Block.plain(env)", "Block.text and Block.links, or Article.links")
        return self._read(env)

    def _read(self, env: dict[str, Any] | None) -> tuple[str, Links]:
        """Plain text and (text, href) pairs, resolving references from ``env``."""
        if env and rest_line(self) is None:  # the rest of a long body is kept as written
            return block_plain(self.markdown, env, self._limits)
        return self._plain


@frozen
class Paragraph(Block):
    """A paragraph of running text."""

    @functools.cached_property
    def _plain(self) -> tuple[str, Links]:
        return inline_plain(self.markdown, limits=self._limits)

    def _read(self, env: dict[str, Any] | None) -> tuple[str, Links]:
        return inline_plain(self.markdown, env, self._limits) if env else self._plain


_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
# A closing run of "#" (after a space or the start): the spaces around it are stripped by the
# caller. A lookbehind, not "(?:^|[ \t]+)", so a long run of spaces is not rescanned from each
# of its positions (which made ``Heading.text`` quadratic in the length of the run).
_ATX_CLOSE = re.compile(r"(?<![^ \t])#+[ \t]*$")


@frozen
class Heading(Block):
    """A subheading (``## ...`` or setext), with its ``level`` from 1 to 6."""

    @property
    def level(self) -> int:
        """1 to 6: the number of ``#`` signs, or 1 for ``===`` and 2 for ``---`` underlines."""
        match = _ATX.match(self.markdown)
        if match:
            return len(match.group(1))
        return 1 if self.markdown.rstrip().endswith("=") else 2

    @functools.cached_property
    def _plain(self) -> tuple[str, Links]:
        match = _ATX.match(self.markdown)
        if match and "\n" not in self.markdown:
            content = _ATX_CLOSE.sub("", self.markdown[match.end() :])
            return inline_plain(content, limits=self._limits)
        return block_plain(self.markdown, limits=self._limits)


@frozen
class ListBlock(Block):
    """A bullet or ordered list, nested lists included."""

    @property
    def ordered(self) -> bool:
        """Whether the list is numbered."""
        return self.markdown.lstrip(" ")[:1].isdigit()

    @property
    def items(self) -> tuple[str, ...]:
        """The plain text of each top-level item."""
        from newsdump._model.plain import markdown_parser

        limits = self._limits
        tokens = markdown_parser(limits.max_nesting).parse(self.markdown)
        items: list[str] = []
        for index, token in enumerate(tokens):
            if token.type == "list_item_open" and token.level == 1:
                close = _closing(tokens, index)
                inner = [
                    inline_plain(t.content, limits=limits)[0]
                    for t in tokens[index:close]
                    if t.type == "inline"
                ]
                items.append("\n".join(inner))
        return tuple(items)


def _closing(tokens: Any, index: int) -> int:
    level = tokens[index].level
    for end in range(index + 1, len(tokens)):
        if tokens[end].type == "list_item_close" and tokens[end].level == level:
            return int(end)
    return len(tokens)


@frozen
class Quote(Block):
    """A block quote (``> ...``): a quotation or an embedded post."""


@frozen
class Image(Block):
    """A block that is only an image, ``![alt](url "title")``, possibly wrapped in a link.

    `alt`, `url` and `title` are read from the block's own Markdown: for an image by
    reference (``![alt][ref]``, its definition elsewhere in the body) they are empty
    (``""``, ``None``, ``None``): the block cannot see the body's definitions.
    """

    @functools.cached_property
    def _plain(self) -> tuple[str, Links]:
        return "", block_plain(self.markdown, limits=self._limits)[1]

    @functools.cached_property
    def _image(self) -> tuple[str, str, str]:
        from newsdump._model.plain import markdown_parser

        md = markdown_parser(self._limits.max_nesting)
        for token in md.parseInline(self.markdown.strip())[0].children or ():
            if token.type == "image":
                return (
                    token.content,
                    str(token.attrs.get("src", "")),
                    str(token.attrs.get("title", "")),
                )
        return "", "", ""

    @property
    def alt(self) -> str:
        """The image's alternative text."""
        return self._image[0]

    @property
    def url(self) -> str | None:
        """The image's source, ``None`` where it was neutralised to ``#``."""
        return _link("", self._image[1]).url

    @property
    def title(self) -> str | None:
        """The image's title, if it has one."""
        return self._image[2] or None


@frozen
class Rule(Block):
    """A thematic break (``---``, ``* * *``)."""

    @functools.cached_property
    def _plain(self) -> tuple[str, Links]:
        return "", ()  # no text and no links: a rule needs no parser

    def _read(self, env: dict[str, Any] | None) -> tuple[str, Links]:
        return "", ()  # nothing, and no links, whatever the references


@frozen
class Related(Block):
    """A related-article callout, such as ``**Related article: [title](#)**``.

    It stays in place in the body and is listed in `Article.related`.
    """

    @functools.cached_property
    def _plain(self) -> tuple[str, Links]:
        return inline_plain(self.markdown, limits=self._limits)

    @property
    def link(self) -> Link:
        """The linked article."""
        links = self.links
        return links[0] if links else Link(self.text, None)

    @property
    def label(self) -> str:
        """The callout's wording before the link, e.g. ``Related article``."""
        text = self.text
        title = self.link.text
        cut = text.find(title) if title else -1
        head = text[:cut] if cut >= 0 else text
        return head.strip().rstrip(":").strip()


@frozen
class Verbatim(Block):
    """Anything else, kept as written: code, tables, raw HTML, link definitions."""


@frozen
class Boilerplate(Block):
    """Site furniture a site recognised: a newsletter promo, a reading-time line,
    a byline repeated in the body.

    It stays in place, so the file is written back unchanged, and keeps its own
    ``text``, but `Article.text` leaves it out. Only a site makes one: without
    the site the same Markdown reads back as an ordinary block.
    """


def _block(cls: type[Block], markdown: str, limits: Limits) -> Block:
    """Unpickle a block made within limits other than the defaults."""
    return cls(markdown, _limits=limits)


def _attrs_reduce(obj: Any) -> tuple[Any, ...]:
    """attrs' own pickling (for subclasses, whose fields the compact forms do not know)."""
    return _restore, (type(obj), obj.__getstate__())


def _date_text_default(article: Article) -> str | None:
    published = article.published
    return None if published is None else published.isoformat()


@frozen(kw_only=True)
class Article:
    """One news article from a dump file.

    Attributes:
        headline: the headline's Markdown (``None`` when the file has none).
        authors: the byline's authors, in order (agencies included).
        published: a `datetime.date` when only the day is known, a `datetime.datetime`
            when a time is shown (aware when a zone is stated or assumed), else ``None``.
        date_text: the date exactly as the file shows it, without a label. Defaults to
            the ISO form of ``published`` for articles built by hand.
        credit: the lead photo's credit or caption line.
        body: the body's blocks, in order.
        url: the original article's URL, from the trailer.
        tz_assumed: whether the zone of ``published`` came from a site's default
            rather than from the text.
        diagnostics: what lenient parsing noticed (not part of equality).
    """

    headline: str | None = None
    authors: tuple[Author, ...] = ()
    published: dt.date | None = None
    date_text: str | None = field(default=attrs.Factory(_date_text_default, takes_self=True))
    credit: str | None = None
    body: tuple[Block, ...] = ()
    url: str | None = None
    tz_assumed: bool = False
    diagnostics: tuple[Diagnostic, ...] = field(default=(), eq=False)
    _layout: Layout | None = field(default=None, eq=False, repr=False, alias="_layout")

    def __reduce__(self) -> tuple[Any, ...]:
        # One flat tuple of plain values, rebuilt by one call (see `newsdump._model.flat`,
        # which is built on these classes, hence imported here).
        from newsdump._model.flat import flatten, unflatten

        flat = flatten(self)
        if flat is None:
            return _attrs_reduce(self)
        return unflatten, flat

    @property
    def headline_text(self) -> str | None:
        """The headline as plain text: Markdown syntax and escapes resolved, reference
        links (``# [Foo]``) against the body's link reference definitions."""
        if self.headline is None:
            return None
        if "[" not in self.headline:
            return inline_plain(self.headline)[0]
        from newsdump._model.references import body_references  # built on these classes

        env = body_references(self.body)[0]
        return inline_plain(self.headline, env)[0]

    @property
    def site(self) -> str | None:
        """The host of ``url`` in lower case, without a leading ``www.``."""
        if not self.url:
            return None
        try:
            host = urllib.parse.urlsplit(self.url).hostname
        except ValueError:
            return None
        if not host:
            return None
        return host[4:] if host.startswith("www.") else host

    @property
    def related(self) -> tuple[Link, ...]:
        """The related-article callouts of the body, in order."""
        return tuple(block.link for block in self.body if isinstance(block, Related))

    @property
    def text(self) -> str:
        """The body as plain text a reader would see: blocks separated by blank lines.

        `Boilerplate` blocks are left out.
        """
        from newsdump._model.references import body_references, quiet_text  # built on these

        env, quiet = body_references(self.body)
        texts = (
            quiet_text(block) if id(block) in quiet else block._read(env)[0]
            for block in self.body
            if type(block) is not Boilerplate
        )
        return "\n\n".join(text for text in texts if text)

    @property
    def links(self) -> tuple[Link, ...]:
        """The links of the body, in order, reference-style links (``[text][label]``)
        resolved against the body's definitions. `Boilerplate` blocks are left out."""
        from newsdump._model.references import body_references  # built on these classes

        env, quiet = body_references(self.body)
        return tuple(
            _link(text, href)
            for block in self.body
            if type(block) is not Boilerplate and id(block) not in quiet
            for text, href in block._read(env)[1]
        )


KINDS: dict[str, type[Block]] = {
    "paragraph": Paragraph,
    "heading": Heading,
    "list": ListBlock,
    "quote": Quote,
    "image": Image,
    "rule": Rule,
    "related": Related,
    "verbatim": Verbatim,
    "boilerplate": Boilerplate,
}
"""Every built-in block class, by the name a record gives it (`newsdump.to_dict`'s
``type``). The one list of them: the flat form numbers them in this order, the exports
name them by it, and the testing strategies draw from it."""
_BUILT_IN = frozenset(KINDS.values())
