"""CommonMark link reference definitions of a body, for reference-style links.

``[text][label]`` in one block links to ``[label]: /url`` wherever the body defines it,
so an article's text and links (`newsdump.model.Article.text`, ``.links``,
``.headline_text``) resolve them against the whole body: each block that may hold
definitions is read on its own, in order, the first definition of a label winning.
Built on the model's classes; `newsdump.model` imports this module where it is used.
"""

from __future__ import annotations

import re
from typing import Any

from newsdump._limits import keep_verbatim
from newsdump._model.pieces import keep_references, references, rest_line
from newsdump._model.plain import References, block_parse, markdown_parser, simple_definitions
from newsdump.model import Block, ListBlock, Quote, Verbatim

__all__ = ["body_references", "quiet_text"]

_DEFINITION = re.compile(r" {0,3}\[")


def body_references(body: tuple[Block, ...]) -> tuple[dict[str, Any] | None, set[int]]:
    """Link reference definitions of the body, for resolving reference-style links, and
    the ids of the blocks that are only definitions (they show no text whatever the
    references).

    Each verbatim block that may hold definitions is read on its own, in order, the
    first definition of a label winning (as in one parse of them all, blank lines
    between): from what the scanner kept, else by `simple_definitions`, else by
    markdown-it-py's block parser. A list or a quote with ``]:`` in it is read by the
    block parser too: a definition inside a container counts for the whole document,
    as in CommonMark.
    """
    found: dict[str, Any] = {}
    quiet: set[int] = set()
    for block in body:
        if isinstance(block, ListBlock | Quote):
            own = _own_references(block.markdown)[0] if "]:" in block.markdown else {}
        elif not isinstance(block, Verbatim) or not _DEFINITION.match(block.markdown):
            continue
        elif rest_line(block) is not None:
            continue  # the rest of a body past Limits.max_body_lines: kept, not read
        elif (kept := references(block)) is not None:
            own = kept
            quiet.add(id(block))
        else:
            own, only = _own_references(block.markdown)
            if only:
                keep_references(block, own)
                quiet.add(id(block))
        for label, reference in own.items():
            found.setdefault(label, reference)
    return ({"references": found} if found else None), quiet


def _own_references(markdown: str) -> tuple[References, bool]:
    """The references a block defines, and whether it is only definitions."""
    found = simple_definitions(markdown.split("\n"))
    if found is not None:
        return found, True
    env: dict[str, Any] = {}
    tokens: list[Any] = []
    source = markdown.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    block_parse(markdown_parser(), source, env, tokens)
    found = {
        label: {"title": reference["title"], "href": reference["href"]}
        for label, reference in env.get("references", {}).items()
    }
    return found, not tokens


def quiet_text(block: Block) -> str:
    """The text of a block that is only definitions: none, unless limits keep it verbatim."""
    return block.markdown if keep_verbatim(block.markdown, block._limits) else ""
