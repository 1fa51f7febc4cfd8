"""``newsdump fmt``: rewrite dump files into the canonical form, or report which would change."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsdump._api import dumps, load
from newsdump._cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    error_code,
    installed_sites,
    results,
    say,
)
from newsdump._dump._reader import DumpEntry
from newsdump.errors import DumpError, NewsdumpError

__all__ = ["add_fmt"]


def add_fmt(commands: Any) -> None:
    """Register ``newsdump fmt``."""
    parser = commands.add_parser("fmt", help="rewrite files into the canonical form")
    parser.add_argument("files", nargs="+", metavar="FILE", help="dump files or folders of them")
    parser.add_argument("--check", action="store_true", help="only report what would change")
    parser.add_argument("--workers", type=int, default=1, help="processes (0: one per core)")
    parser.add_argument("--pattern", default="*.txt", help="file names to read in folders")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress or summary")
    parser.set_defaults(handler=_fmt)


def _canonical(entry: DumpEntry) -> tuple[str, str | None, NewsdumpError | None]:
    """The canonical text when it differs from the file's, else ``None``."""
    if entry.article is None:
        return entry.name, None, entry.error
    new = dumps(entry.article, canonical=True)
    return entry.name, (None if new == dumps(entry.article) else new), None


def _fmt(args: argparse.Namespace) -> int:
    for given in args.files:
        if not os.path.exists(given):
            raise UsageError(f"cannot read {given}: No such file or directory")
    changed = same = failed = 0
    for path, new, error in _outcomes(args):
        if error is not None:
            failed += 1
            say(f"{path}: {error_code(error)} {getattr(error, 'reason', error)}")
        elif new is None:
            same += 1
        else:
            changed += 1
            if args.check:
                print(f"would reformat {path}")
            else:
                path.write_bytes(new.encode("utf-8"))
    if not args.quiet:
        verb = "would be reformatted" if args.check else "reformatted"
        say(f"{changed} files {verb}, {same} already canonical, {failed} failed")
    return EXIT_FAILED if failed or (args.check and changed) else EXIT_OK


def _outcomes(args: argparse.Namespace) -> Iterator[tuple[Path, str | None, Any]]:
    # A file named on the command line is a dump file, whatever its name or bytes; a
    # folder is searched with --pattern. Archives are never rewritten.
    for given in args.files:
        root = Path(given)
        if root.is_dir():
            for _, (name, new, error) in results(_canonical, args, [given]):
                yield root / name, new, error
        else:
            name, new, error = _canonical(_load_file(root))
            yield root, new, error


def _load_file(path: Path) -> DumpEntry:
    try:
        return DumpEntry(path.name, load(path, sites=installed_sites()))
    except NewsdumpError as exc:
        return DumpEntry(path.name, None, exc)
    except OSError as exc:
        return DumpEntry(path.name, None, DumpError(exc.strerror or str(exc), code="unreadable"))
