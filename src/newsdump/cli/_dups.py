"""``newsdump dups``: the syndicated copies of dumps, as a group table; ``export --dedupe``.

Each file is parsed and signed where it is read (in worker processes with ``--workers``):
only its `Signature` travels back, and the groups are made here.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

import attrs

from newsdump._atomic import atomic_text_writer, atomic_writer
from newsdump._dups import (
    DEFAULT_SHINGLE,
    DEFAULT_THRESHOLD,
    CopyGroup,
    Signature,
    check_options,
    group_copies,
    sign,
)
from newsdump._export.records import formula_safe
from newsdump._terminal import json_safe, shown, utf8_safe
from newsdump._wording import install_hint, plural
from newsdump.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_dump_options,
    label,
    left_behind,
    results,
    say,
    say_unreadable,
    tally_of,
)

__all__ = ["GROUP_COLUMNS", "add_dedupe_option", "add_dups", "dropped_copies"]

GROUP_COLUMNS = ("group", "name", "match", "similarity", "site", "published")
"""The group table's columns: one row per member, the kept member first in its group."""


def add_dups(commands: Any) -> None:
    """Register ``newsdump dups``."""
    parser = commands.add_parser("dups", help="group syndicated copies: exact and near")
    add_dump_options(parser)
    parser.add_argument("--format", choices=("csv", "json", "parquet"), default="csv")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write here, not to stdout (parquet: required)"
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"least similarity of near copies (default {DEFAULT_THRESHOLD})",
    )
    parser.add_argument("--shingle", type=int, default=DEFAULT_SHINGLE, help="words per shingle")
    parser.add_argument(
        "--exact", action="store_true", help="exact copies only (no datasketch needed)"
    )
    parser.set_defaults(handler=_dups)


def add_dedupe_option(parser: argparse.ArgumentParser) -> None:
    """``export --dedupe[=near|exact]``."""
    parser.add_argument(
        "--dedupe",
        nargs="?",
        const="near",
        choices=("near", "exact"),
        help="keep one article of each group of copies, as `newsdump dups` groups them: "
        "the earliest published, then the fullest text, then the shortest name "
        "(--dedupe=exact needs no datasketch)",
    )


def find_groups(
    args: argparse.Namespace, *, near: bool, threshold: float, shingle: int, report: bool = True
) -> tuple[list[CopyGroup], int, int]:
    """The groups of copies of ``args.dumps``, the files read and the files that failed.

    Failed files are named on stderr when ``report`` (not for ``export --dedupe``'s first
    pass: the export names them).

    Raises:
        UsageError: a bad option, datasketch missing for near copies, an unreadable dump.
    """
    try:
        options = check_options(threshold, shingle, 128, near)
    except (ValueError, ImportError) as exc:
        raise UsageError(str(exc)) from None
    groups = group_copies(_signed(args, functools.partial(sign, options), report), threshold)
    tally = tally_of(args)  # failed as `check` counts it: unreadable, or an error diagnostic
    return groups, tally.files, tally.failed


def _signed(args: argparse.Namespace, func: Any, report: bool) -> Iterator[Signature]:
    for dump, signature in results(func, args):
        where = label(dump, signature.name)
        if report and signature.error is not None:
            say_unreadable(where, signature.error)
        elif report and signature.problems:  # read, so grouped, but failed as `check` has it
            say(f"{shown(where)}: failed: {shown(', '.join(signature.problems))}")
        # A member is named as `check` and `export` name it: the dump, then the name in it.
        yield attrs.evolve(signature, name=where)


def dropped_copies(args: argparse.Namespace) -> frozenset[str]:
    """``export --dedupe``: the files to leave out, named as `label` names them."""
    groups, _, _ = find_groups(
        args,
        near=args.dedupe == "near",
        threshold=DEFAULT_THRESHOLD,
        shingle=DEFAULT_SHINGLE,
        report=False,
    )
    return frozenset(m.name for group in groups for m in group.copies)


def _dups(args: argparse.Namespace) -> int:
    if args.format == "parquet" and not args.output:
        raise UsageError("--format parquet needs -o FILE")
    # Nothing is written until every file is read; then -o FILE whole or not at all.
    kept = f"{args.output} left as it was" if args.output else "nothing was written"
    left_behind(args, lambda: kept)
    groups, files, failed = find_groups(
        args, near=not args.exact, threshold=args.threshold, shingle=args.shingle
    )
    if args.format == "parquet":
        _write_parquet(args.output, groups)
    elif args.output:
        with atomic_text_writer(args.output) as out:
            _write(args.format, out, groups)
    else:
        left_behind(args, lambda: "the group table on stdout is cut short")
        _write(args.format, sys.stdout, groups)
    if not args.quiet:
        copies = sum(len(group.copies) for group in groups)
        exact = sum(group.exact for group in groups)
        say(
            f"{plural(files, 'file')}: {plural(len(groups), 'group')} of copies ({exact} exact, "
            f"{len(groups) - exact} near), {plural(copies, 'copy', 'copies')} beside the kept "
            f"ones; {failed} failed"
        )
    return EXIT_FAILED if failed else EXIT_OK


def rows(groups: list[CopyGroup]) -> Iterator[tuple[Any, ...]]:
    """The group table's rows, in the order of `GROUP_COLUMNS`."""
    for group in groups:
        for m in group.members:
            yield group.id, m.name, m.match, round(m.similarity, 4), m.site, m.published


def _write(kind: str, out: IO[str], groups: list[CopyGroup]) -> None:
    if kind == "csv":
        writer = csv.writer(out)
        writer.writerow(GROUP_COLUMNS)
        for values in rows(groups):
            cells = [utf8_safe(v) if isinstance(v, str) else v for v in values]
            writer.writerow([formula_safe(cell) for cell in cells])
        return
    records = [
        {
            "group": group.id,
            "exact": group.exact,
            "members": [
                dict(zip(GROUP_COLUMNS[1:], values[1:], strict=True)) for values in rows([group])
            ],
        }
        for group in groups
    ]
    out.write(json_safe(json.dumps(records, ensure_ascii=False, indent=2)) + "\n")


def _write_parquet(path: str, groups: list[CopyGroup]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(f"--format parquet needs pyarrow: {install_hint('arrow')}") from None
    safe = ([utf8_safe(v) if isinstance(v, str) else v for v in values] for values in rows(groups))
    columns = list(zip(*safe, strict=True)) or [()] * len(GROUP_COLUMNS)
    types = (pa.int64(), pa.string(), pa.string(), pa.float64(), pa.string(), pa.string())
    table = pa.table(
        {
            name: pa.array(list(values), type=kind)
            for name, values, kind in zip(GROUP_COLUMNS, columns, types, strict=True)
        }
    )
    with atomic_writer(path) as out:
        pq.write_table(table, out, compression="zstd")
