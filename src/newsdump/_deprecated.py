"""Names kept for one minor release after their replacement arrived.

Each use warns with a `DeprecationWarning` pointing at the caller's line and naming
the replacement. The names listed in docs/api.md ("Deprecated names") go in 0.2.
"""

from __future__ import annotations

import warnings

__all__ = ["REMOVED_IN", "warn_deprecated"]

REMOVED_IN = "0.2"
"""The release that removes the names deprecated in 0.1 (this version is 0.1.0.dev0)."""


def warn_deprecated(old: str, new: str, *, stacklevel: int = 2) -> None:
    """Warn that ``old`` is deprecated in favour of ``new``.

    ``stacklevel`` counts as for `warnings.warn` from the deprecated function itself:
    2 (the default) points at the line that called it.
    """
    warnings.warn(
        f"{old} is deprecated and will be removed in newsdump {REMOVED_IN}; use {new}",
        DeprecationWarning,
        stacklevel=stacklevel + 1,
    )
