"""Builders: valid, realistic articles and blocks, so a test states only what it cares about.

The default article is invented (no real outlet, person or event) and written in the
canonical layout; each keyword replaces one field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypedDict, Unpack

from newsdump._api import dumps, loads
from newsdump.model import Article, Author, Block, Related

__all__ = ["ArticleFields", "make_article", "make_block", "make_body", "make_dump", "make_related"]

_HEADLINE = "Lighthouse Keepers Return to Gannet Rock After Forty Years"
_AUTHORS = (Author("Priya Odhiambo"), Author("Coastal Wire"))
_PUBLISHED = dt.date(2024, 5, 2)
_DATE_TEXT = "May 2, 2024"
_CREDIT = "Jonas Elk/Coastal Wire"
_URL = "https://www.gannet-gazette.example/2024/05/02/lighthouse-keepers-return-a2041"
_BODY = (
    "Two keepers moved back into the Gannet Rock lighthouse on Thursday, four decades "
    "after the light was automated and the last crew rowed ashore.",
    '"The lamp never needed us, but the rock did," said Hal Brenner, one of the pair, '
    "as a supply boat unloaded crates of tinned fruit and paint.",
    "**Related article: [Island Ferry Adds a Winter Crossing](#)**",
    "The trust that owns the tower will open it to visitors on summer weekends.",
)
_PROBE = "Probe."
_TRAILER = "\n\nOriginal url:\n\n<https://probe.example/>"


class ArticleFields(TypedDict, total=False):
    """The fields `make_article` accepts; strings stand for authors and body blocks."""

    headline: str | None
    authors: Iterable[Author | str]
    published: dt.date | None
    date_text: str | None
    credit: str | None
    body: Iterable[Block | str]
    url: str | None
    tz_assumed: bool


def make_block(markdown: str) -> Block:
    """The block a dump would read from ``markdown``, typed as the parser types it.

    Args:
        markdown: the Markdown of exactly one body block.

    Returns:
        A `Paragraph`, `Heading`, `ListBlock`, `Quote`, `Image`, `Rule`, `Related` or
        `Verbatim`, equal to the block a parsed dump holds for the same Markdown.

    Raises:
        ValueError: ``markdown`` is empty or is not exactly one block.

    >>> make_block("## How the route works")
    Heading(markdown='## How the route works')
    """
    # A first paragraph and a trailer keep the text from being read as a header or trailer.
    body = loads(f"{_PROBE}\n\n{markdown}{_TRAILER}").body[1:]
    if len(body) != 1 or body[0].markdown != markdown:
        found = len(body)
        raise ValueError(
            f"make_block() takes the Markdown of one block; {markdown!r} reads as {found} blocks"
        )
    return body[0]


def make_body(*blocks: Block | str) -> tuple[Block, ...]:
    """A body from blocks and Markdown strings (each string one block, see `make_block`).

    Examples:
        >>> [type(b).__name__ for b in make_body("First.", "- one\\n- two")]
        ['Paragraph', 'ListBlock']
    """
    return tuple(b if isinstance(b, Block) else make_block(b) for b in blocks)


def make_related(title: str, url: str | None = None, *, label: str = "Related article") -> Related:
    """A related-article callout in the reference form, ``**Label: [title](url)**``.

    >>> make_related("Island Ferry Adds a Winter Crossing").link.text
    'Island Ferry Adds a Winter Crossing'
    """
    return Related(f"**{label}: [{title}]({url or '#'})**")


def make_article(**overrides: Unpack[ArticleFields]) -> Article:
    """A valid, realistic article (invented text); each keyword replaces one field.

    The default has a headline, two authors, a day-precision date, a photo credit, a
    four-block body with a related-article callout, and a URL. Authors may be given
    as names and body blocks as Markdown. ``date_text`` follows ``published`` (its ISO
    form) unless given.

    Raises:
        TypeError: a keyword is not a field of `Article`.
        ValueError: a Markdown string of ``body`` is not exactly one block.

    >>> make_article(headline="Ferry Fares Frozen", authors=["Ann Lee"]).authors
    (Author(name='Ann Lee', url=None),)
    """
    unknown = set(overrides) - set(ArticleFields.__annotations__)
    if unknown:
        raise TypeError(f"make_article() got unknown fields: {', '.join(sorted(unknown))}")
    published = overrides.get("published", _PUBLISHED)
    default_date_text = _DATE_TEXT if "published" not in overrides else _iso(published)
    return Article(
        headline=overrides.get("headline", _HEADLINE),
        authors=tuple(_author(a) for a in overrides.get("authors", _AUTHORS)),
        published=published,
        date_text=overrides.get("date_text", default_date_text),
        credit=overrides.get("credit", _CREDIT),
        body=make_body(*overrides.get("body", _BODY)),
        url=overrides.get("url", _URL),
        tz_assumed=overrides.get("tz_assumed", False),
    )


def make_dump(**overrides: Unpack[ArticleFields]) -> str:
    """The text of the dump file for ``make_article(**overrides)``, in the canonical layout."""
    return dumps(make_article(**overrides))


def _author(author: Author | str) -> Author:
    return author if isinstance(author, Author) else Author(author)


def _iso(published: dt.date | None) -> str | None:
    return None if published is None else published.isoformat()
