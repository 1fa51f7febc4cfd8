"""The Funke papers (``waz.de``, ``morgenpost.de``, ``abendblatt.de`` and others).

- An ``Auch interessant`` heading introduces a teaser the dump no longer holds:
  boilerplate (the paragraph under it is the article's own text).
- A list of service links (the paper's app, newsletter and social media
  channels) sits in the body: boilerplate.
- Dates are day first in German time, ``Europe/Berlin``.
"""

from __future__ import annotations

from newsdump.model import Block, Boilerplate, Heading, ListBlock
from newsdump.sites._base import Site

__all__ = ["SITES", "Funke"]

_SERVICE_WORDS = ("newsletter", "news-app", "social media", "whatsapp", "push-nachrichten")


class Funke(Site):
    """Funke: teaser headings and service-link lists, German time."""

    name = "funke"
    hosts = (
        "waz.de",
        "morgenpost.de",
        "abendblatt.de",
        "braunschweiger-zeitung.de",
        "nrz.de",
        "wr.de",
        "thueringer-allgemeine.de",
    )
    timezone = "Europe/Berlin"
    dayfirst = True

    def block(self, block: Block, index: int) -> type[Block] | None:
        """``Auch interessant`` headings and service-link lists are boilerplate."""
        kind = type(block)
        # The substring test first: working out .text runs the inline parser.
        if kind is Heading and "interessant" in block.markdown and block.text == "Auch interessant":
            return Boilerplate
        if kind is ListBlock and "](" in block.markdown:
            items = block.markdown.lower().split("\n- ")
            if all(any(word in item for word in _SERVICE_WORDS) for item in items):
                return Boilerplate
        return None


SITES = (Funke,)
