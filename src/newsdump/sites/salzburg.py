"""Salzburger Nachrichten (``sn.at``).

- The credit carries a label: ``Bild: SN/APA/Photographer`` (also ``Bilder:``,
  ``Foto:``, ``Grafik:``); it is the credit whatever its length, kept as written.
- A ``Lesedauer: 4 Minuten`` line near the top of the body is boilerplate.
- Dates are day first (``06.01.2026``) in Austrian time, ``Europe/Vienna``.
"""

from __future__ import annotations

import re

from newsdump.model import Block, Boilerplate, Paragraph
from newsdump.sites._base import Site

__all__ = ["SITES", "SalzburgerNachrichten"]

_LABEL = re.compile(r"(?:Bild|Bilder|Foto|Fotos|Grafik|Video): *\S")
_READING_TIME = re.compile(r"Lesedauer: *(?:ca\. *)?\d{1,3} *Minuten?\.?")


class SalzburgerNachrichten(Site):
    """Salzburger Nachrichten: labelled credits, reading-time lines, Vienna time."""

    name = "salzburg"
    hosts = ("sn.at",)
    timezone = "Europe/Vienna"
    dayfirst = True

    def credit(self, line: str) -> bool | None:
        """``Bild: ...`` is the credit."""
        return True if _LABEL.match(line) and "](" not in line else None

    def block(self, block: Block, index: int) -> type[Block] | None:
        """``Lesedauer: N Minuten`` is boilerplate."""
        if index < 4 and type(block) is Paragraph and _READING_TIME.fullmatch(block.markdown):
            return Boilerplate
        return None


SITES = (SalzburgerNachrichten,)
