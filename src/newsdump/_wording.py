"""How newsdump's messages word things: a count with its noun, an install hint, an
error's short code.

Dependency-free, so that every layer (the dump reader, the command line, the testing kit,
the optional integrations) words them one way.
"""

from __future__ import annotations

__all__ = ["error_code", "install_hint", "plural"]


def plural(count: int, one: str, many: str = "") -> str:
    """``1 file``, ``2 files``: a count and its noun (``many`` when not just ``one`` + s)."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def install_hint(extra: str) -> str:
    """How to install an optional extra, the one way every message says it.

    ``install_hint("arrow")``: ``pip install 'newsdump[arrow]' (or '.[arrow]' from a
    checkout)``.
    """
    return f"pip install 'newsdump[{extra}]' (or '.[{extra}]' from a checkout)"


def error_code(error: BaseException) -> str:
    """The short code of an error (``error`` when it has none)."""
    code = getattr(error, "code", None)
    return code if isinstance(code, str) else "error"
