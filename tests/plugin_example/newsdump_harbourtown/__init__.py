"""Site quirks for the Harbour Town Herald, an invented paper: an example plugin."""

from __future__ import annotations

from newsdump import Block, Boilerplate, Paragraph
from newsdump.sites import Site

__all__ = ["HarbourTownHerald"]


class HarbourTownHerald(Site):
    """The Herald publishes in Riga time and closes with a bulletin promo."""

    name = "harbourtown"
    hosts = ("harbourtownherald.example",)
    timezone = "Europe/Riga"

    def block(self, block: Block, index: int) -> type[Block] | None:
        """``*Get the Harbour Bulletin ...*`` is boilerplate."""
        if type(block) is Paragraph and block.markdown.startswith("*Get the Harbour Bulletin"):
            return Boilerplate
        return None
