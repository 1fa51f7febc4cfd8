"""AFP's fact-checking sites (``faktencheck.afp.com``, ``factcheck.afp.com`` and others).

- The body opens with a list of facts about the page: when it was published, the
  reading time and the authors again (``- Veröffentlicht am ...``, ``- 3 Minuten
  Lesezeit``, ``- Von: ...``). It repeats the header: boilerplate.
- Times are Paris time, ``Europe/Paris``.
"""

from __future__ import annotations

import re

from newsdump.model import Block, Boilerplate, ListBlock
from newsdump.sites._base import Site

__all__ = ["SITES", "AFPFactCheck"]

_META = re.compile(
    r"[-*] +(?:Veröffentlicht am|Aktualisiert am|Published on|Updated on|Publié le|Mis à jour le)\b"
)


class AFPFactCheck(Site):
    """AFP fact checks: the page-facts list at the top of the body."""

    name = "afp_factcheck"
    hosts = ("faktencheck.afp.com", "factcheck.afp.com", "factuel.afp.com", "factual.afp.com")
    timezone = "Europe/Paris"

    def block(self, block: Block, index: int) -> type[Block] | None:
        """A list that opens with the publication date, at the top, is boilerplate."""
        if index < 2 and type(block) is ListBlock and _META.match(block.markdown):
            return Boilerplate
        return None


SITES = (AFPFactCheck,)
