"""The limits that keep a hostile dump from exhausting memory, disk or time.

They live with the parser's own limits in `newsdump._limits`: one class, one place.
Every archive limit counts what is actually decompressed, never what headers claim.
"""

from __future__ import annotations

from newsdump._limits import Limits, MiB

__all__ = ["Limits", "MiB"]
