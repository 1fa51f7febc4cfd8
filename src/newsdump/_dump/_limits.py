"""The limits that keep a hostile dump from exhausting memory, disk or time: one place.

Every limit counts what is actually decompressed, never what an archive's headers claim.
"""

from __future__ import annotations

from attrs import frozen

__all__ = ["Limits"]

MiB = 1024 * 1024


@frozen(kw_only=True)
class Limits:
    """How much a dump may hold before the reader refuses it.

    The defaults are safe for untrusted dumps and roomy for news: an article is a few
    kilobytes, and text compresses between three and twenty times.

    Attributes:
        max_bytes: the largest file (archive member, JSON line) read, in bytes after
            decompression. A larger one is skipped with a ``too-large`` error entry.
        max_ratio: the largest expansion ratio (bytes out per compressed byte in) an
            archive member, or a compressed tar stream, may reach once it has produced
            ``ratio_floor`` bytes. Beyond it the reader stops with a ``bomb`` error entry.
        ratio_floor: how many decompressed bytes any member or stream may produce before
            its ratio is judged (small files compress well and harm nobody).
        max_members: the most entries a dump may yield (a guard against millions of
            empty members); the rest is reported as one ``too-large`` error entry.
    """

    max_bytes: int = 16 * MiB
    max_ratio: float = 100.0
    ratio_floor: int = 4 * MiB
    max_members: int = 50_000_000

    def __attrs_post_init__(self) -> None:
        if self.max_bytes < 0 or self.ratio_floor < 0 or self.max_members < 0:
            raise ValueError("limits must not be negative")
        if self.max_ratio < 1:
            raise ValueError("max_ratio must be at least 1")

    def is_bomb(self, produced: int, consumed: int) -> bool:
        """Whether ``produced`` bytes out of ``consumed`` compressed ones look like a bomb."""
        return produced > self.ratio_floor and produced > self.max_ratio * max(consumed, 1)
