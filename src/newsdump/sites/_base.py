"""The site protocol: `Site`, a base class with a few optional hooks.

A site is a subclass of `Site` that sets the hosts it applies to and
overrides only the hooks where its site differs from the generic rules. Every
hook may return ``None`` (or, for `Site.finish`, the article unchanged) to say
"the generic rule decides". A hook that is not overridden costs nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from newsdump.model import Article, Author, Block

__all__ = ["Site"]


class Site:
    """A site: how one website's dumps differ from the generic rules.

    Subclass it, set the class attributes, and override the hooks you need.
    Sites are given to the parser as instances (``newsdump.Parser(sites=[MySite()])``)
    or classes, and apply to a file whose trailer URL's host is one of ``hosts`` or
    a subdomain of one (or to any file given ``site=`` with its name, a host or it).

    Attributes:
        name: a short name, used in messages and to select it with ``site=`` (defaults
            to the class name).
        hosts: the hosts it applies to, lower case, without ``www.``.
        timezone: the IANA zone the site publishes in. A naive time in the dateline
            becomes aware in this zone and the article's ``tz_assumed`` is true.
        dayfirst: how to read a slashed date such as ``03/04/2023`` (``True``: 3 April).
        language: the site's language as a CLDR code (``"de"``, ``"pt"``): its month,
            weekday and day-period names are tried first, and its short date order
            reads ``03/04/2023`` when ``dayfirst`` is ``None``.
        valid_from: the first day this version of the site applies to (inclusive).
        valid_until: the day from which it no longer applies (exclusive); see
            docs/sites.md for how versions are picked by the article's date.
    """

    name: ClassVar[str] = ""
    hosts: ClassVar[tuple[str, ...]] = ()
    timezone: ClassVar[str | None] = None
    dayfirst: ClassVar[bool | None] = None
    language: ClassVar[str | None] = None
    valid_from: ClassVar[dt.date | None] = None
    valid_until: ClassVar[dt.date | None] = None

    @property
    def label(self) -> str:
        """The name shown in messages: ``name``, or the class name."""
        return self.name or type(self).__name__

    def credit(self, line: str) -> bool | None:
        """Whether the line after the image gap is the lead photo's credit.

        Args:
            line: the candidate line, without surrounding spaces. The layout rules
                (an image gap before it, more body after it) already hold.

        Returns:
            ``True`` to take it as the credit (kept as written), ``False`` to leave
            it to the body, ``None`` to let the generic rule decide.
        """
        return None

    def authors(self, names: str) -> Sequence[Author] | None:
        """Split the text after ``By`` into authors.

        Returns:
            The authors, in order (empty: the line is not a byline), or ``None``
            for the generic rule.
        """
        return None

    def date(self, text: str) -> dt.date | None:
        """Read the dateline's text (label removed).

        Returns:
            A `datetime.date`, or a `datetime.datetime` (a naive one gets the
            site's ``timezone``), or ``None`` for the generic reader, which already
            honours ``dayfirst`` and ``timezone``.
        """
        return None

    def block(self, block: Block, index: int) -> type[Block] | None:
        """Reclassify a body block.

        Args:
            block: the block as the generic scanner typed it.
            index: its position in the body (0 is the first block).

        Returns:
            The class the block should have, such as `newsdump.Related` for a
            callout in the site's wording or `newsdump.Boilerplate` for a
            newsletter promo or reading-time line; ``None`` to keep it. The block
            keeps its Markdown, so the file is written back unchanged.
        """
        return None

    def finish(self, article: Article) -> Article:
        """A final pass over the parsed article.

        It may change values (``attrs.evolve``) but not which fields and blocks
        exist: what the file says stays where it is, and the text is written back
        exactly as it was read.
        """
        return article
