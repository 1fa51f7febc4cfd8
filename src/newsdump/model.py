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
from collections import deque
from itertools import chain, repeat
from operator import attrgetter, is_, itemgetter
from typing import Any

import attrs
from attrs import field, frozen

from newsdump._deprecated import warn_deprecated
from newsdump._limits import DEFAULT_LIMITS, Limits, keep_verbatim
from newsdump._model.layout import Layout, Span
from newsdump._model.pieces import keep_references, references, rest_line, take
from newsdump._model.plain import (
    Links,
    References,
    block_plain,
    inline_plain,
    pieces_plain,
    simple_definitions,
)
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
        if cls not in _KIND_CODES:
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
    """A block that is only an image, ``![alt](url "title")``, possibly wrapped in a link."""

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
    """Site furniture a site quirk recognised: a newsletter promo, a reading-time line,
    a byline repeated in the body.

    It stays in place, so the file is written back unchanged, and keeps its own
    ``text``, but `Article.text` leaves it out. Only a site quirk makes one: without
    the quirk the same Markdown reads back as an ordinary block.
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
        # One flat tuple of plain values, rebuilt by one call (see `flatten`).
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
        env = _references(self.body)[0] if "[" in self.headline else None
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
        env, quiet = _references(self.body)
        texts = (
            _quiet_text(block) if id(block) in quiet else block._read(env)[0]
            for block in self.body
            if type(block) is not Boilerplate
        )
        return "\n\n".join(text for text in texts if text)

    @property
    def links(self) -> tuple[Link, ...]:
        """The links of the body, in order, reference-style links (``[text][label]``)
        resolved against the body's definitions. `Boilerplate` blocks are left out."""
        env, quiet = _references(self.body)
        return tuple(
            _link(text, href)
            for block in self.body
            if type(block) is not Boilerplate and id(block) not in quiet
            for text, href in block._read(env)[1]
        )


# Pickling. An article is sent between processes by the thousand (`newsdump.read_dump`
# with workers), so it pickles as one flat tuple of plain values, rebuilt by one call:
# blocks as a byte per block (its class) and their Markdown, the layout's spans with
# the blocks left out (they are the body's, in order): the fields' spans and the line
# the body starts on for a parsed article's layout, which works the blocks' lines out
# again when asked, their line numbers for others. Pickling one object at a time
# (attrs' default) cost about a third of parsing the article to unpickle, and as much
# again to pickle.

_KINDS: tuple[type[Block], ...] = (
    Paragraph,
    Heading,
    ListBlock,
    Quote,
    Image,
    Rule,
    Related,
    Verbatim,
    Boilerplate,
)
_KIND_CODES = {kind: code for code, kind in enumerate(_KINDS)}
# The blocks are made without their __init__ (their slots are filled directly), which
# holds only while a block has exactly these fields and nothing to check.
_BARE_BLOCKS = all(
    [f.name for f in attrs.fields(kind)] == ["markdown", "_limits"]
    and not hasattr(kind, "__attrs_post_init__")
    and all(f.validator is None and f.converter is None for f in attrs.fields(kind))
    for kind in _KINDS
)
_new = object.__new__
_set_markdown = Block.__dict__["markdown"].__set__
_set_limits = Block.__dict__["_limits"].__set__


def new_block(kind: type[Block], markdown: str) -> Block:
    """``kind(markdown)`` for a built-in block class, a third cheaper: the slots are
    filled directly. The scanner makes every block of every article this way."""
    if not _BARE_BLOCKS:  # pragma: no cover - a block class grew a field or a check
        return kind(markdown)
    block = _new(kind)
    _set_markdown(block, markdown)
    _set_limits(block, DEFAULT_LIMITS)
    return block


# Authors too (the byline reader makes one per name read for the first time).
_BARE_AUTHOR = (
    [f.name for f in attrs.fields(Author)] == ["name", "url", "agency"]
    and not hasattr(Author, "__attrs_post_init__")
    and all(f.validator is None and f.converter is None for f in attrs.fields(Author))
)
_set_name = Author.__dict__["name"].__set__
_set_url = Author.__dict__["url"].__set__
_set_agency = Author.__dict__["agency"].__set__


def new_author(name: str, url: str | None, agency: bool = False) -> Author:
    """``Author(name, url, agency)``, a third of the cost: the slots are filled directly."""
    if not _BARE_AUTHOR:  # pragma: no cover - Author grew a field or a check
        return Author(name, url, agency)
    author = _new(Author)
    _set_name(author, name)
    _set_url(author, url)
    _set_agency(author, agency)
    return author


def _plain_span(span: Span) -> Span:
    """A span as a plain tuple (pickled as one, whatever tuple class it was made as)."""
    key, start, stop, value, cut, end = span
    return (key, start, stop, value, cut, end)


_markdown_of = attrgetter("markdown")
_limits_of = attrgetter("_limits")
_key_of = itemgetter(0)
_value_of = itemgetter(3)
_lines_of = itemgetter(1, 2, 4, 5)


def flatten(article: Article) -> tuple[Any, ...] | None:
    """``article`` as a flat tuple of plain values that `unflatten` turns back into it.

    ``None`` for what the flat form does not cover (a subclass, a block class of one's
    own, blocks made within different limits, a layout whose spans are not the body's
    blocks in order): pickle such an article field by field.
    """
    if type(article) is not Article:
        return None
    body = article.body
    codes = list(map(_KIND_CODES.get, map(type, body)))
    if None in codes:
        return None
    limits = body[0]._limits if body else DEFAULT_LIMITS
    if not all(map(is_, map(_limits_of, body), repeat(limits))):
        return None
    layout = article._layout
    head: tuple[Span, ...] = ()
    tail: tuple[Span, ...] = ()
    lines: tuple[int, ...] | int = ()
    if layout is None:
        source, encoding, errors = None, None, "strict"
    elif type(layout) is not Layout:
        return None
    elif (parts := layout.parts())[1] is body:  # the blocks' lines are worked out anew
        source, encoding, errors = layout.source, layout.encoding, layout.errors
        head, _, lines, tail = parts
        # the header's fields and the trailer are NamedTuples: sent as plain tuples
        head, tail = tuple(map(_plain_span, head)), tuple(map(_plain_span, tail))
    else:
        spans = layout.spans
        keys = list(map(_key_of, spans))
        count = len(body)
        if keys.count("block") != count:
            return None
        start = keys.index("block") if count else len(spans)
        middle = spans[start : start + count]
        if not all(map(is_, map(_value_of, middle), body)):
            return None
        source, encoding, errors = layout.source, layout.encoding, layout.errors
        head, tail = spans[:start], spans[start + count :]
        lines = tuple(chain.from_iterable(map(_lines_of, middle)))
    return (
        article.headline,
        article.authors,
        article.published,
        article.date_text,
        article.credit,
        bytes(codes),  # type: ignore[arg-type]  # no None left
        tuple(map(_markdown_of, body)),
        None if limits is DEFAULT_LIMITS else limits,
        article.url,
        article.tz_assumed,
        article.diagnostics,
        source,
        head,
        lines,
        tail,
        encoding,
        errors,
    )


def unflatten(
    headline: str | None,
    authors: tuple[Author, ...],
    published: dt.date | None,
    date_text: str | None,
    credit: str | None,
    kinds: bytes,
    markdown: tuple[str, ...],
    limits: Limits | None,
    url: str | None,
    tz_assumed: bool,
    diagnostics: tuple[Diagnostic, ...],
    source: str | None,
    head: tuple[Any, ...],
    lines: tuple[int, ...] | int,
    tail: tuple[Any, ...],
    encoding: str | None,
    errors: str,
) -> Article:
    """The article `flatten` gave these values for."""
    limits = DEFAULT_LIMITS if limits is None else limits
    body: tuple[Block, ...]
    if _BARE_BLOCKS:
        body = tuple(map(_new, map(_KINDS.__getitem__, kinds)))
        deque(map(_set_markdown, body, markdown), maxlen=0)
        deque(map(_set_limits, body, repeat(limits, len(body))), maxlen=0)
    else:  # pragma: no cover - only if blocks gain fields or checks
        body = tuple(_KINDS[k](m, _limits=limits) for k, m in zip(kinds, markdown, strict=True))
    layout = None
    if source is None:
        pass
    elif isinstance(lines, int):  # the line the body starts on: spans worked out anew
        layout = Layout(source, head + tail, encoding, errors, body=body, body_start=lines)
    else:
        numbers = iter(lines)
        middle = tuple(zip(repeat("block"), numbers, numbers, body, numbers, numbers))
        layout = Layout(source, head + middle + tail, encoding, errors)
    return Article(
        headline=headline,
        authors=authors,
        published=published,
        date_text=date_text,
        credit=credit,
        body=body,
        url=url,
        tz_assumed=tz_assumed,
        diagnostics=diagnostics,
        _layout=layout,
    )


_DEFINITION = re.compile(r" {0,3}\[")


def _references(body: tuple[Block, ...]) -> tuple[dict[str, Any] | None, set[int]]:
    """Link reference definitions of the body, for resolving reference-style links, and
    the ids of the blocks that are only definitions (they show no text whatever the
    references).

    Each verbatim block that may hold definitions is read on its own, in order, the
    first definition of a label winning (as in one parse of them all, blank lines
    between): from what the scanner kept, else by `simple_definitions`, else by
    markdown-it-py's block parser. A list or a quote with ``]:`` in it is read by the
    block parser too: a definition inside a container counts for the whole document,
    as in CommonMark.
    """
    found: dict[str, Any] = {}
    quiet: set[int] = set()
    for block in body:
        if isinstance(block, ListBlock | Quote):
            own = _own_references(block.markdown)[0] if "]:" in block.markdown else {}
        elif not isinstance(block, Verbatim) or not _DEFINITION.match(block.markdown):
            continue
        elif rest_line(block) is not None:
            continue  # the rest of a body past Limits.max_body_lines: kept, not read
        elif (kept := references(block)) is not None:
            own = kept
            quiet.add(id(block))
        else:
            own, only = _own_references(block.markdown)
            if only:
                keep_references(block, own)
                quiet.add(id(block))
        for label, reference in own.items():
            found.setdefault(label, reference)
    return ({"references": found} if found else None), quiet


def _own_references(markdown: str) -> tuple[References, bool]:
    """The references a block defines, and whether it is only definitions."""
    found = simple_definitions(markdown.split("\n"))
    if found is not None:
        return found, True
    from newsdump._model.plain import block_parse, markdown_parser

    env: dict[str, Any] = {}
    tokens: list[Any] = []
    source = markdown.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    md = markdown_parser()
    block_parse(md, source, env, tokens)
    found = {
        label: {"title": reference["title"], "href": reference["href"]}
        for label, reference in env.get("references", {}).items()
    }
    return found, not tokens


def _quiet_text(block: Block) -> str:
    """The text of a block that is only definitions: none, unless limits keep it verbatim."""
    return block.markdown if keep_verbatim(block.markdown, block._limits) else ""
