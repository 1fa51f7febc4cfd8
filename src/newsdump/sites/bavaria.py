"""Deprecated: BR24's site is `newsdump.sites.br24` now, and its name is ``"br24"``.

The module still imports until 0.2; reading ``BR24`` or ``SITES`` from it warns with a
`DeprecationWarning` and gives `newsdump.sites.br24`'s.
"""

from __future__ import annotations

from typing import Any

from newsdump._deprecated import warn_deprecated

__all__: list[str] = []

_MOVED = ("BR24", "SITES")


def __getattr__(name: str) -> Any:
    """``BR24`` and ``SITES``, from `newsdump.sites.br24`, with a warning."""
    if name not in _MOVED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from newsdump.sites import br24

    warn_deprecated(f"newsdump.sites.bavaria.{name}", f"newsdump.sites.br24.{name}")
    return getattr(br24, name)
