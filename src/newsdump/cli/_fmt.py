"""``newsdump fmt``: rewrite dump files into the canonical form, or report which would change.

Each file is read without following a symbolic link, and its identity (device, inode,
size, modification time) is kept with its new text. It is written only while it is still
that file (`newsdump._atomic.replace_file`): through a temporary file in its folder,
renamed over it, with its mode kept. A file that cannot be read, changed since it was
read, or cannot be written is named on stderr, counted, and left as it was; the run goes
on with the rest.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from newsdump._api import dumps
from newsdump._atomic import FileChangedError, Identity, read_file, replace_file
from newsdump._dump._pool import cpu_count, ordered_map
from newsdump._dump._sources import iter_folder
from newsdump._limits import DEFAULT_LIMITS
from newsdump._terminal import shown
from newsdump._wording import error_code, plural
from newsdump.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    count_read,
    dump_size,
    installed_sites,
    left_behind,
    say,
)
from newsdump.cli._progress import Progress
from newsdump.errors import NewsdumpError, ParseError, _reason_of

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


class _Outcome(NamedTuple):
    """What reading one file gave: its new text (``None``: already canonical) or a problem."""

    path: str
    new: str | None = None
    read_as: Identity | None = None
    problem: str | None = None  # ": code reason" or ":line:column: code message", after the path


class _Counts:
    def __init__(self) -> None:
        self.changed = self.same = self.failed = self.unwritten = 0


def _fmt(args: argparse.Namespace) -> int:
    for given in args.files:
        if not os.path.lexists(given):
            raise UsageError(f"cannot read {given}: No such file or directory")
    if args.workers < 0:
        raise UsageError(f"workers must be 0 or more, not {args.workers}")
    installed_sites()  # a broken site package is a usage error, before any work
    counts = _Counts()
    if not args.check:
        left_behind(
            args,
            lambda: (
                f"{plural(counts.changed, 'file')} reformatted so far, "
                "every other file left as it was"
            ),
        )
    with Progress("newsdump", quiet=args.quiet) as progress:
        progress.total_from(functools.partial(_total, args.files, args.pattern))
        for outcome in _outcomes(args):
            progress.update()
            count_read(args)
            _handle(outcome, args.check, counts)
    if not args.quiet:
        verb = "would be reformatted" if args.check else "reformatted"
        unwritten = f", {counts.unwritten} not written" if counts.unwritten else ""
        say(
            f"{plural(counts.changed, 'file')} {verb}, {counts.same} already canonical{unwritten}, "
            f"{counts.failed} failed"
        )
    bad = counts.failed or counts.unwritten or (args.check and counts.changed)
    return EXIT_FAILED if bad else EXIT_OK


def _total(given: list[str], pattern: str) -> int | None:
    """The files fmt will read: one for each file named, a folder's listing for each folder."""
    sizes = [dump_size(path, pattern) if Path(path).is_dir() else 1 for path in given]
    return None if None in sizes else sum(size or 0 for size in sizes)


def _handle(outcome: _Outcome, check: bool, counts: _Counts) -> None:
    if outcome.problem is not None:
        counts.failed += 1
        say(f"{shown(outcome.path)}{shown(outcome.problem)}")
    elif outcome.new is None:
        counts.same += 1
    elif check:
        counts.changed += 1
        print(f"would reformat {shown(outcome.path)}")
    else:
        problem = _write(outcome)
        if problem is None:
            counts.changed += 1
        else:
            counts.unwritten += 1
            say(f"{shown(outcome.path)}: {problem}")


def _write(outcome: _Outcome) -> str | None:
    """Write the new text; what went wrong when it could not be written, else ``None``."""
    assert outcome.new is not None
    try:
        replace_file(outcome.path, outcome.new.encode("utf-8"), expect=outcome.read_as)
    except FileChangedError as exc:
        return f"not written: {exc.strerror}; left alone"
    except OSError as exc:
        return f"not written: {exc.strerror or exc}; left as it was"
    return None


def _outcomes(args: argparse.Namespace) -> Iterator[_Outcome]:
    # A file named on the command line is a dump file, whatever its name or bytes; a
    # folder is searched with --pattern. Archives are never rewritten.
    count = cpu_count() if args.workers == 0 else args.workers
    for given in args.files:
        if Path(given).is_dir():
            yield from _folder(given, args.pattern, count)
        else:
            yield _format_one(given, given)


def _folder(given: str, pattern: str, workers: int) -> Iterator[_Outcome]:
    # Absolute (not normalised): workers may not share this process's working folder.
    root = os.path.join(os.getcwd(), given)
    shown_root = Path(given)
    listed = iter_folder(Path(given), pattern)
    items = ((str(shown_root / name), name, payload) for name, payload in listed)
    work = functools.partial(_format_batch, root)
    if workers <= 1:
        return (outcome for item in items for outcome in work([item]))
    return ordered_map(work, items, workers)


def _format_batch(root: str, batch: Iterable[tuple[str, str, Any]]) -> list[_Outcome]:
    """Read and format a batch of a folder's items (in a worker process with --workers)."""
    outcomes = []
    for path, name, payload in batch:
        if isinstance(payload, NewsdumpError):
            outcomes.append(_Outcome(path, problem=_problem(payload)))
        else:
            outcomes.append(_format_one(os.path.join(root, name), path))
    return outcomes


def _format_one(source: str, path: str) -> _Outcome:
    """Read the file at ``source`` (named ``path`` in messages) and format it."""
    try:
        data, read_as = read_file(source, DEFAULT_LIMITS.max_bytes)
    except OSError as exc:
        code = "link" if os.path.islink(source) else "unreadable"
        return _Outcome(path, problem=f": {code} {exc.strerror or exc}")
    stream = io.BytesIO(data)
    stream.name = path
    try:
        article = installed_sites.parser().load(stream)
    except NewsdumpError as exc:
        return _Outcome(path, problem=_problem(exc))
    empty = next((d for d in article.diagnostics if d.code == "empty-input"), None)
    if empty is not None:
        # Nothing to format: left as it is, and failed, as check counts it (docs/cli.md).
        return _Outcome(path, problem=f":{empty}")
    new = dumps(article, canonical=True)
    return _Outcome(path, None if new == dumps(article) else new, read_as)


def _problem(error: NewsdumpError) -> str:
    """What follows the path when a file cannot be read: its position too, as check prints."""
    if isinstance(error, ParseError):
        return f":{error.line}:{error.column}: {error.code} {error.message}"
    return f": {error_code(error)} {_reason_of(error)}"
