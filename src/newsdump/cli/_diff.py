"""``newsdump diff OLD NEW``: what a change to a scraper did to its output, field by field.

Both dumps are read as every command reads them (folders, archives, JSON Lines, with
the built-in and installed sites); articles are paired by URL, then name, then
headline (`newsdump.testing.diff_dumps` does the same from Python).

Exit codes: 0 compared (whatever changed); 1 ``--fail-on`` found what it names;
2 usage errors and unreadable dumps.
"""

from __future__ import annotations

import argparse
from typing import Any

from newsdump._dump._reader import _identity as read_entry
from newsdump.cli._common import EXIT_FAILED, EXIT_OK, add_now_option, results
from newsdump.testing._diff import Change, DumpDiff, compare_snapshots
from newsdump.testing._diff_render import FORMATS, render
from newsdump.testing._dumpdiff import entry_snapshot, number

__all__ = ["add_diff", "failed"]


def add_diff(commands: Any) -> None:
    """Add ``diff`` to the command line's subparsers."""
    diff = commands.add_parser(
        "diff", help="what changed between two dumps, article by article and field by field"
    )
    diff.add_argument("old", metavar="OLD", help="the dump before (folder, archive or .jsonl)")
    diff.add_argument("new", metavar="NEW", help="the dump after")
    diff.add_argument(
        "--format", choices=tuple(FORMATS), default="text", help="text (default), json, markdown"
    )
    diff.add_argument(
        "--fail-on",
        choices=("lost", "changed"),
        help="exit 1 if a field or article was lost (lost), or if anything differs (changed)",
    )
    diff.add_argument(
        "--limit", type=_count, default=None, help="list at most N articles (all are counted)"
    )
    diff.add_argument(
        "--workers", type=int, default=1, help="processes that parse (0: one per core)"
    )
    diff.add_argument("--pattern", default="*.txt", help="file names to read (default *.txt)")
    diff.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    add_now_option(diff)
    diff.set_defaults(handler=_diff)


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def failed(diff: DumpDiff, fail_on: str | None) -> bool:
    """Whether ``--fail-on`` finds what it names: a lost field or article, or any change."""
    if fail_on == "lost":
        return any(True for _ in diff.changes(Change.LOST))
    if fail_on == "changed":
        return bool(diff.articles)
    return False


def _diff(args: argparse.Namespace) -> int:
    # Whole entries, snapshotted here: they travel back from workers in a flat form
    # that is cheaper than pickled snapshots (bench_diff).
    old = number(entry_snapshot(e) for _, e in results(read_entry, args, [args.old]))
    new = number(entry_snapshot(e) for _, e in results(read_entry, args, [args.new]))
    diff = compare_snapshots(old, new, (args.old, args.new))
    print(render(diff, args.format, args.limit))
    return EXIT_FAILED if failed(diff, args.fail_on) else EXIT_OK
