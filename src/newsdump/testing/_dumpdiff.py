"""`diff_dumps` and `assert_no_regressions`: two dumps compared from Python and in tests."""

from __future__ import annotations

import os
from collections.abc import Iterable

import attrs

from newsdump._dump._reader import DumpEntry, read_dump
from newsdump._wording import plural
from newsdump.model import Article
from newsdump.sites._registry import SiteLike
from newsdump.testing._diff import (
    DIFF_FIELDS,
    ArticleDiff,
    Change,
    DumpDiff,
    FieldChange,
    Snapshot,
    compare_snapshots,
    snapshot,
)
from newsdump.testing._diff_render import to_text
from newsdump.testing._sites import reading_sites

__all__ = ["DumpLike", "assert_no_regressions", "diff_dumps", "entry_snapshot"]

DumpLike = str | os.PathLike[str] | Iterable[DumpEntry | Article]
"""A dump's path (anything `newsdump.read_dump` reads), or its entries or articles."""

_SHOWN = 20  # articles listed in an assert_no_regressions failure (all are counted)


def entry_snapshot(entry: DumpEntry) -> Snapshot:
    """The `Snapshot` of a dump entry (index 0: the caller numbers them)."""
    return snapshot(0, entry.name, entry.article if entry.error is None else entry.error)


def diff_dumps(
    old: DumpLike,
    new: DumpLike,
    *,
    sites: Iterable[SiteLike] | None = None,
    workers: int = 1,
    pattern: str = "*.txt",
) -> DumpDiff:
    """Compare two dumps article by article: what a change to a scraper did to its output.

    Articles are paired by URL, then by their name in the dump, then by headline; each
    pair is compared field by field (see `DIFF_FIELDS`), and unpaired ones are removed
    or added. A file that does not read counts as removed (``article`` lost).

    Args:
        old: the dump before the change: a path that `newsdump.read_dump` reads
            (folder, archive, JSON Lines, one file), or an iterable of `DumpEntry` or
            `Article` (named ``#1``, ``#2`` ... in order).
        new: the dump after the change, likewise.
        sites: the sites to parse paths with (default: the built-in and the installed
            ones, as the command line reads).
        workers: processes that parse each dump path (as for `read_dump`).
        pattern: the file names to read in folders and archives.

    Returns:
        A `DumpDiff`: the articles that differ, with their `FieldChange` s, and a
        summary row of counts per field.

    Raises:
        OSError: a dump path is missing or cannot be opened.
        DumpError: a dump is not what its name says.

    Examples:
        >>> from newsdump.testing import make_article
        >>> before = [make_article(headline="Ferry Fares Frozen")]
        >>> after = [make_article(headline="Ferry Fares Frozen Again", credit=None)]
        >>> diff = diff_dumps(before, after)
        >>> [(c.field, str(c.kind)) for c in diff.articles[0].changes]
        [('headline', 'changed'), ('credit', 'lost')]
    """
    chosen = reading_sites() if sites is None else tuple(sites)
    old_snaps = _snapshots(old, chosen, workers, pattern)
    new_snaps = _snapshots(new, chosen, workers, pattern)
    return compare_snapshots(old_snaps, new_snaps, (_name(old), _name(new)))


def _snapshots(
    dump: DumpLike, sites: tuple[SiteLike, ...] | None, workers: int, pattern: str
) -> list[Snapshot]:
    if isinstance(dump, str | os.PathLike):
        # read_dump, not map_dump(entry_snapshot): articles come back from workers in
        # their flat form, and a snapshot made here is a few attribute reads (map_dump
        # pickling blocks made the diff 1.65x the reading, bench_diff at 5,000).
        entries = read_dump(dump, sites=sites, workers=workers, pattern=pattern)
        found: Iterable[Snapshot] = map(entry_snapshot, entries)
    else:
        found = (_item_snapshot(item, index) for index, item in enumerate(dump))
    return number(found)


def number(snapshots: Iterable[Snapshot]) -> list[Snapshot]:
    """The snapshots with their index set to their position (the dump's order)."""
    return [
        snap if snap.index == index else attrs.evolve(snap, index=index)
        for index, snap in enumerate(snapshots)
    ]


def _item_snapshot(item: DumpEntry | Article, index: int) -> Snapshot:
    if isinstance(item, Article):
        return snapshot(index, f"#{index + 1}", item)
    return entry_snapshot(item)


def _name(dump: DumpLike) -> str:
    if isinstance(dump, str | os.PathLike):
        return os.fspath(dump)
    return "(articles)"


def assert_no_regressions(
    old: DumpLike,
    new: DumpLike,
    *,
    allow: Iterable[str] = (),
    sites: Iterable[SiteLike] | None = None,
    workers: int = 1,
    pattern: str = "*.txt",
) -> DumpDiff:
    """Assert that the new dump lost and changed nothing of the old one's, but what is allowed.

    A regression is a change of kind ``lost`` (a field gone, an article removed or
    unreadable) or ``changed`` (a value replaced, authors reordered, a date moved).
    Gains (a field found that was missing, an article added) never fail.

    Args:
        old: the dump before the change (as for `diff_dumps`).
        new: the dump after it.
        allow: what may change: a field of `DIFF_FIELDS` (``"body"``), or a field and a
            kind (``"credit:lost"``, ``"authors:changed"``).
        sites: the sites to parse paths with (default: as the command line).
        workers: processes that parse each dump path.
        pattern: the file names to read in folders and archives.

    Returns:
        The `DumpDiff`, for further checks.

    Raises:
        AssertionError: the regressions, article by article, and the summary table.
        ValueError: ``allow`` names a field or kind that does not exist.
    """
    __tracebackhide__ = True  # pytest shows the test's line and the report
    allowed = _allowed(allow)
    diff = diff_dumps(old, new, sites=sites, workers=workers, pattern=pattern)
    failing = tuple(
        kept for article in diff.articles if (kept := _regressions(article, allowed)) is not None
    )
    if failing:
        count = sum(len(a.changes) for a in failing)
        shown = attrs.evolve(diff, articles=failing)
        report = to_text(shown, limit=_SHOWN)
        raise AssertionError(f"{plural(count, 'regression')}:\n{report}")
    return diff


def _allowed(allow: Iterable[str]) -> frozenset[tuple[str, str | None]]:
    kinds = {str(kind) for kind in Change}
    allowed: set[tuple[str, str | None]] = set()
    for item in [allow] if isinstance(allow, str) else allow:
        field, _, kind = item.partition(":")
        if field not in DIFF_FIELDS or (kind and kind not in kinds):
            fields = ", ".join(DIFF_FIELDS)
            raise ValueError(f"cannot allow {item!r}: give a field ({fields}), or field:kind")
        allowed.add((field, kind or None))
    return frozenset(allowed)


def _regressions(
    article: ArticleDiff, allowed: frozenset[tuple[str, str | None]]
) -> ArticleDiff | None:
    kept = tuple(c for c in article.changes if _fails(c, allowed))
    if not kept:
        return None
    return attrs.evolve(article, changes=kept)


def _fails(change: FieldChange, allowed: frozenset[tuple[str, str | None]]) -> bool:
    if change.kind is Change.GAINED:
        return False
    return (change.field, None) not in allowed and (change.field, str(change.kind)) not in allowed
