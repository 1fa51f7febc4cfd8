"""Postmedia's Canadian papers (``nationalpost.com``, ``financialpost.com`` and others).

- Their pages repeat an ``## Article content`` heading between sections: boilerplate.
- Shopping stories start with an affiliate disclaimer set in italics: boilerplate.
- Times are Eastern time, ``America/Toronto``.
"""

from __future__ import annotations

from newsdump.model import Block, Boilerplate, Heading, Paragraph
from newsdump.sites._base import Site

__all__ = ["SITES", "Postmedia"]

_DISCLAIMER_WORDS = ("commission", "affiliate")


class Postmedia(Site):
    """Postmedia: ``Article content`` headings and affiliate disclaimers."""

    name = "postmedia"
    hosts = (
        "nationalpost.com",
        "financialpost.com",
        "ottawacitizen.com",
        "theprovince.com",
        "vancouversun.com",
        "calgaryherald.com",
        "edmontonjournal.com",
        "montrealgazette.com",
        "torontosun.com",
        "canada.com",
    )
    timezone = "America/Toronto"

    def block(self, block: Block, index: int) -> type[Block] | None:
        """``## Article content`` and italic affiliate disclaimers are boilerplate."""
        kind = type(block)
        # The substring test first: working out .text runs the inline parser.
        if kind is Heading and "content" in block.markdown and block.text == "Article content":
            return Boilerplate
        if kind is Paragraph and block.markdown.startswith(("*", "_")):
            lower = block.markdown.lower()
            if any(word in lower for word in _DISCLAIMER_WORDS):
                return Boilerplate
        return None


SITES = (Postmedia,)
