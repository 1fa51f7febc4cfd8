"""Plain-text pieces the scanner already has for blocks it handed to markdown-it-py.

When the body scanner needs markdown-it-py's block parser for a run of lines (a
deep list, quotes, HTML), the tokens it gets back already say what each block's
plain text is made of. Keeping those pieces beside the block spares ``.text`` a
second block parse of the same lines. The pieces are held weakly (they go with
the block) and used once: the block caches its text.

Pieces depend on the block's Markdown only, so equal blocks may share them; they
are kept only for blocks read with the default limits, from a run of lines that
defines no link references and holds no NUL (which markdown-it-py's own parse
would replace before reading).

Blocks that are only link reference definitions also keep the references they define
(`keep_references`), read by the scanner's own recognizer; `Article.text` takes the
body's references from them without parsing the definitions again. Those are read
as often as asked (an article's text may be worked out many times).

The block that holds the rest of a body past ``Limits.max_body_lines`` is marked too
(`keep_rest`): its text is its Markdown as written, and it defines no references.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdump._model.plain import Pieces, References

__all__ = ["keep", "keep_references", "keep_rest", "references", "rest_line", "take"]

_PIECES: weakref.WeakKeyDictionary[object, tuple[Pieces | None]] = weakref.WeakKeyDictionary()
_REFERENCES: weakref.WeakKeyDictionary[object, References] = weakref.WeakKeyDictionary()
_REST: weakref.WeakKeyDictionary[object, int] = weakref.WeakKeyDictionary()


def keep(block: object, pieces: Pieces | None) -> None:
    """Keep a block's pieces (``None``: its text is its Markdown, kept verbatim)."""
    _PIECES[block] = (pieces,)


def take(block: object) -> tuple[Pieces | None] | None:
    """The block's pieces in a 1-tuple, forgotten as they are given; None if none were kept."""
    return _PIECES.pop(block, None)


def keep_references(block: object, found: References) -> None:
    """Keep the references of a block that is only link reference definitions."""
    _REFERENCES[block] = found


def references(block: object) -> References | None:
    """The references kept for a block of definitions only; None if none were kept."""
    return _REFERENCES.get(block)


def keep_rest(block: object, line: int) -> None:
    """Mark the block that keeps the rest of a body unread, from 0-based ``line`` on."""
    _REST[block] = line
    keep(block, None)


def rest_line(block: object) -> int | None:
    """The 0-based line a block of the unread rest of a body starts on; None for others."""
    return _REST.get(block)
