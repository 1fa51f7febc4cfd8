"""The Moscow Times (``themoscowtimes.com``).

- The lead photo's credit is ``Photographer/Agency`` (``Valery Sharifulin/TASS``)
  or a source such as ``kremlin.ru``; a short line that ends like a sentence is
  the lede, not a credit.
- Agency copy is bylined with the agencies, sometimes joined by a slash
  (``By AFP/Reuters``): each agency is an author.
- Related articles are ``**Related article: [Title](#)**`` callouts; the title may
  also be set in italics (``**Related article:** *[Title](#)*``).
- Times are Moscow time: a naive time becomes aware in ``Europe/Moscow``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdump.model import Author, Block, Paragraph, Related
from newsdump.sites._base import Site

__all__ = ["SITES", "TheMoscowTimes"]

_AGENCIES = frozenset(
    {"AFP", "AP", "Bloomberg", "Interfax", "Reuters", "RIA Novosti", "TASS", "The Moscow Times"}
)
_SOURCES = frozenset({"kremlin.ru", "government.ru", "mos.ru", "pexels", "pixabay", "unsplash"})
_MARKUP = ("#", ">", "*", "_", "[", "!", "|", "<", "-", "+")
_RELATED = re.compile(
    r"\*\*Related articles?:?\*\*:? *(?:\*|_)\[[^\[\]\n]+\]\([^()\s]*\)(?:\*|_) *", re.IGNORECASE
)


class TheMoscowTimes(Site):
    """The Moscow Times: slashed credits, agency bylines, Moscow time."""

    name = "themoscowtimes"
    hosts = ("themoscowtimes.com",)
    timezone = "Europe/Moscow"

    def credit(self, line: str) -> bool | None:
        """``Photographer/Agency`` and known photo sources are credits; a short sentence is not."""
        if line.startswith(_MARKUP) or "](" in line:
            return None
        if "/" in line and not line.endswith((".", "!", "?")):
            return True
        if line.lower() in _SOURCES:
            return True
        return False if line.endswith((".", "!", "?")) else None

    def authors(self, names: str) -> Sequence[Author] | None:
        """``AFP/Reuters``: one author per agency."""
        if "/" not in names or "](" in names:
            return None
        parts = [" ".join(part.split()) for part in names.split("/")]
        if all(part in _AGENCIES for part in parts):
            return tuple(Author(part) for part in parts)
        return None

    def block(self, block: Block, index: int) -> type[Block] | None:
        """``**Related article:** *[Title](#)*`` is a related-article callout."""
        if type(block) is Paragraph and block.markdown.startswith("**Related"):
            return Related if _RELATED.fullmatch(block.markdown) else None
        return None


SITES = (TheMoscowTimes,)
