"""The Asahi Shimbun (``asahi.com``).

- The reporter's name stands alone at the top of the body, after the gap the
  lead image leaves, where the generic rule would take it for a photo credit.
  A name on its own is not a credit; at the top of the body it is the byline
  repeated, kept as boilerplate. Photo credits name the photographer with
  ``撮影`` or the source with ``提供``.
- Times are Japan time, ``Asia/Tokyo``.
"""

from __future__ import annotations

import re

from newsdump.model import Block, Boilerplate, Paragraph
from newsdump.sites._base import Site

__all__ = ["SITES", "Asahi"]

# A name: two to ten CJK or kana characters, optionally split by one space.
_NAME = re.compile(
    r"[\u3040-\u30ff\u3400-\u9fff々]{2,10}(?:[ \u3000][\u3040-\u30ff\u3400-\u9fff々]{1,8})?"
)


class Asahi(Site):
    """Asahi Shimbun: the reporter's name in the body, Japan time."""

    name = "asahi"
    hosts = ("asahi.com",)
    timezone = "Asia/Tokyo"

    def credit(self, line: str) -> bool | None:
        """A bare name is not a credit; ``...撮影`` and ``...提供`` are."""
        if _NAME.fullmatch(line):
            return False
        return True if line.endswith(("撮影", "提供")) else None

    def block(self, block: Block, index: int) -> type[Block] | None:
        """A bare name as the first block is the byline repeated."""
        if index == 0 and type(block) is Paragraph and _NAME.fullmatch(block.markdown):
            return Boilerplate
        return None


SITES = (Asahi,)
