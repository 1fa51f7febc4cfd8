"""BR24, Bayerischer Rundfunk (``br.de``).

- The body ends with promos set in italics for the BR24 newsletter, and with a
  line pointing to a programme "bei BR24": boilerplate.
- Dates are day first in German time, ``Europe/Berlin``.
"""

from __future__ import annotations

import re

from newsdump.model import Block, Boilerplate, Paragraph
from newsdump.sites._base import Site

__all__ = ["BR24", "SITES"]

_PROGRAMME = re.compile(r"Das ist (?:die|der|das) \[[^\[\]\n]+\]\([^()\s]*\) bei BR24\.?")


class BR24(Site):
    """BR24: newsletter and programme promos, German time."""

    name = "br24"
    hosts = ("br.de",)
    timezone = "Europe/Berlin"
    dayfirst = True

    def block(self, block: Block, index: int) -> type[Block] | None:
        """An italic newsletter promo, or a programme pointer, is boilerplate."""
        if type(block) is not Paragraph:
            return None
        markdown = block.markdown
        if markdown.startswith(("*", "_")) and "Newsletter" in markdown:
            return Boilerplate
        return Boilerplate if _PROGRAMME.fullmatch(markdown) else None


SITES = (BR24,)
