"""``newsdump check``, ``stats`` and ``export``: whole dumps from the command line.

The functions named ``_..._result`` run where each file is parsed (in worker processes
with ``--workers``) and return small tuples, so that only those travel back.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from newsdump._atomic import atomic_text_writer, atomic_writer
from newsdump._dump._reader import DumpEntry
from newsdump._export.columns import table_row, utc_text
from newsdump._export.records import ROW_COLUMNS, formula_safe, json_record, row
from newsdump._terminal import json_safe, shown, utf8_safe
from newsdump._wording import error_code, install_hint, plural
from newsdump.arrow import ParquetSink
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
from newsdump.cli._dups import add_dedupe_option, dropped_copies
from newsdump.errors import NewsdumpError, ParseError, Severity, _reason_of

__all__ = ["add_check", "add_export", "add_stats"]

# (line, column, code, message, severity value)
Problem = tuple[int, int, str, str, str]


def add_check(commands: Any) -> None:
    """Register ``newsdump check``."""
    parser = commands.add_parser("check", help="lint every file of dumps")
    add_dump_options(parser)
    parser.add_argument("--strict", action="store_true", help="warnings fail too")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=_check)


def _problems(entry: DumpEntry) -> tuple[str, list[Problem]]:
    """The file's name and what is wrong with it, as plain tuples."""
    if entry.error is not None:
        return entry.name, [_error_problem(entry.error)]
    assert entry.article is not None
    return entry.name, [
        (d.line, d.column, d.code, d.message, d.severity.value) for d in entry.article.diagnostics
    ]


def _error_problem(error: NewsdumpError) -> Problem:
    if isinstance(error, ParseError):
        return (error.line, error.column, error.code, error.message, "error")
    reason = _reason_of(error)
    return (1, 1, error_code(error), str(reason), "error")


def _status(problems: list[Problem], strict: bool) -> str:
    severities = {problem[4] for problem in problems}
    if Severity.ERROR.value in severities:
        return "failed"
    if Severity.WARNING.value in severities:
        return "failed" if strict else "warning"
    return "ok"


def _check(args: argparse.Namespace) -> int:
    counts: Counter[str] = Counter()
    as_json = args.format == "json"
    if as_json:
        sys.stdout.write('{"problems": [')
    first = True
    for dump, (name, problems) in results(_problems, args):
        status = _status(problems, args.strict)
        counts[status] += 1
        where = label(dump, name)
        if as_json and problems:
            sys.stdout.write(("\n  " if first else ",\n  ") + _json_problems(where, problems))
            first = False
        elif problems:
            for line, column, code, message, _ in problems:
                print(f"{shown(where)}:{line}:{column}: {shown(code)} {shown(message)}")
    total = sum(counts.values())
    summary = {"files": total, "ok": counts["ok"], "warnings": counts["warning"]}
    summary["failed"] = counts["failed"]
    if as_json:
        sys.stdout.write(f'\n], "summary": {json.dumps(summary)}}}\n')
    elif not args.quiet:
        say(
            f"{plural(total, 'file')}: {counts['ok']} ok, {counts['warning']} with warnings, "
            f"{counts['failed']} failed{tally_of(args).filtered()}"
        )
    return EXIT_FAILED if counts["failed"] else EXIT_OK


def _json_problems(where: str, problems: list[Problem]) -> str:
    items = [
        {"line": line, "column": column, "code": code, "message": message, "severity": severity}
        for line, column, code, message, severity in problems
    ]
    return json_safe(json.dumps({"path": where, "diagnostics": items}, ensure_ascii=False))


def add_export(commands: Any) -> None:
    """Register ``newsdump export``."""
    parser = commands.add_parser(
        "export", help="one record per article: JSON Lines, JSON, CSV, Parquet"
    )
    add_dump_options(parser)
    add_dedupe_option(parser)
    parser.add_argument("--format", choices=("jsonl", "json", "csv", "parquet"), default="jsonl")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here, not to stdout (whole or not at all: FILE is replaced when done)",
    )
    parser.add_argument(
        "--no-csv-escape",
        dest="csv_escape",
        action="store_false",
        help="CSV: keep cells that start with = + - @ (or tab, CR) as they are; by default "
        "they get a ' in front so that a spreadsheet does not run them as formulas",
    )
    parser.add_argument(
        "--row-group-size",
        type=int,
        default=10_000,
        metavar="N",
        help="Parquet: rows per row group (default 10000); memory holds one group",
    )
    parser.set_defaults(handler=_export)


def _json_result(entry: DumpEntry) -> tuple[str, str | None, NewsdumpError | None]:
    """The entry's JSON record without its name, serialised (a string travels cheaply).

    The name, which shows the dump too, is put in front where the dump is known
    (`_named`)."""
    if entry.article is None:
        return entry.name, None, entry.error
    data = json_record(entry.name, entry.article)
    del data["name"]
    return entry.name, json.dumps(data, ensure_ascii=False), None


def _named(where: str, text: str) -> str:
    """A serialised record with ``name`` first: ``{"name": where, ...the rest}``."""
    return '{"name": ' + json.dumps(where, ensure_ascii=False) + ", " + text[1:]


def _table_result(entry: DumpEntry) -> tuple[str, tuple[Any, ...] | None, NewsdumpError | None]:
    """The entry's Parquet row: the values of the table columns, in order."""
    if entry.article is None:
        return entry.name, None, entry.error
    return entry.name, table_row(entry.name, entry.article), None


def _row_result(entry: DumpEntry) -> tuple[str, list[Any] | None, NewsdumpError | None]:
    """The entry's CSV row, as a list in column order."""
    if entry.article is None:
        return entry.name, None, entry.error
    values = row(entry.name, entry.article)
    values["published_utc"] = utc_text(values["published_utc"])
    return entry.name, [values[column] for column in ROW_COLUMNS], None


def _export(args: argparse.Namespace) -> int:
    if args.format == "parquet":
        return _export_parquet(args)
    if not args.output:
        return _write_export(args, sys.stdout)
    # Into a temporary file, renamed over FILE when done: an error or Ctrl-C on the way
    # leaves yesterday's FILE as it was.
    kept = f"{args.output} left as it was"
    left_behind(args, lambda: kept)
    try:
        with atomic_text_writer(args.output) as out:
            return _write_export(args, out)
    except UsageError as exc:
        raise UsageError(f"{exc}; {kept}") from None


def _export_parquet(args: argparse.Namespace) -> int:
    if not args.output:
        raise UsageError("--format parquet writes a file: give it with -o FILE")
    if args.row_group_size < 1:
        raise UsageError("--row-group-size must be at least 1")
    if importlib.util.find_spec("pyarrow") is None:
        raise UsageError(f"--format parquet needs pyarrow: {install_hint('arrow')}")
    kept = f"{args.output} left as it was"
    left_behind(args, lambda: kept)
    try:
        with (
            atomic_writer(args.output) as binary,
            ParquetSink(binary, row_group_size=args.row_group_size) as sink,
        ):
            return _write_export(args, sink)
    except UsageError as exc:
        raise UsageError(f"{exc}; {kept}") from None


def _write_export(args: argparse.Namespace, out: Any) -> int:
    written = failed = 0
    if not args.output:
        left_behind(args, lambda: _on_stdout(args.format, written))
    # --dedupe: a first pass over the dumps finds the copies to leave out.
    drop = dropped_copies(args) if args.dedupe else frozenset()
    for dump, name, value, error in _export_values(args):
        if label(dump, name) in drop:
            continue
        if error is not None:
            failed += 1
            say_unreadable(label(dump, name), error)
            continue
        written += 1
        _emit(args, out, value, written == 1)
    if args.format == "json":
        out.write("\n]\n" if written else "[]\n")
    tally = tally_of(args)  # failed: unreadable (left out), or a diagnostic of severity error
    if not args.quiet:
        unread = f", {tally.unreadable} unreadable and left out" if tally.unreadable else ""
        left = f", {plural(len(drop), 'copy', 'copies')} left out" if args.dedupe else ""
        files = plural(tally.files, "file")
        say(
            f"exported {plural(written, 'article')} from {files} "
            f"({tally.failed} failed{unread}{left}{tally.filtered()})"
        )
    return EXIT_FAILED if tally.failed else EXIT_OK


def _on_stdout(kind: str, written: int) -> str:
    """What an interrupted export to stdout left there."""
    if not written:
        return "nothing was written"
    unclosed = " (the JSON array is not closed)" if kind == "json" else ""
    return f"{plural(written, 'record')} written to stdout{unclosed}"


def _export_values(args: argparse.Namespace) -> Iterator[tuple[str, str, Any, Any]]:
    # The name shows where the file is, the dump's path too: the same in every format.
    if args.format == "csv":
        for dump, (name, values, error) in results(_row_result, args):
            yield dump, name, values and [label(dump, name), *values[1:]], error
    elif args.format == "parquet":
        for dump, (name, row_values, error) in results(_table_result, args):
            yield dump, name, row_values and (label(dump, name), *row_values[1:]), error
    else:
        for dump, (name, text, error) in results(_json_result, args):
            yield dump, name, text and _named(label(dump, name), text), error


def _emit(args: argparse.Namespace, out: Any, value: Any, first: bool) -> None:
    kind = args.format
    if kind == "parquet":
        out.add(value)
    elif kind == "csv":
        writer = csv.writer(out)
        if first:
            writer.writerow(ROW_COLUMNS)
        writer.writerow(_cells(value, args.csv_escape))
    elif kind == "json":
        out.write(("[\n" if first else ",\n") + json_safe(value))
    else:
        out.write(json_safe(value) + "\n")


def _cells(values: Iterable[Any], escape: bool) -> list[Any]:
    """A CSV row's cells: valid UTF-8, and (``escape``) never read as a formula."""
    cells = [utf8_safe(value) if isinstance(value, str) else value for value in values]
    return [formula_safe(cell) for cell in cells] if escape else cells


def add_stats(commands: Any) -> None:
    """Register ``newsdump stats``."""
    parser = commands.add_parser("stats", help="counts by site, dates, missing fields")
    add_dump_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--top", type=int, default=10, help="how many sites and codes to list")
    parser.set_defaults(handler=_stats)


Facts = tuple[bool, str | None, str | None, tuple[bool, bool, bool, bool], list[str]]


def _facts(entry: DumpEntry) -> Facts:
    """Whether it parsed, site, day, which of byline/date/trailer/site it has, codes found."""
    article = entry.article
    if article is None:
        assert entry.error is not None
        return False, None, None, (False, False, False, False), [error_code(entry.error)]
    published = article.published
    day = published.isoformat()[:10] if published is not None else None
    present = (
        bool(article.authors),
        published is not None,
        article.url is not None,
        article.site is not None,
    )
    return True, article.site, day, present, [d.code for d in article.diagnostics]


def _stats(args: argparse.Namespace) -> int:
    sites: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    missing: Counter[str] = Counter({"byline": 0, "date": 0, "trailer": 0, "site": 0})
    first: str | None = None
    last: str | None = None
    files = 0
    for _, (ok, site, day, present, found) in results(_facts, args):
        files += 1
        codes.update(found)
        if ok:
            # An article without a site is no site of its own: ``without site`` counts it.
            sites.update([site] if site is not None else [])
            missing.update(field for field, has in zip(missing, present, strict=True) if not has)
        if day is not None:
            first = day if first is None else min(first, day)
            last = day if last is None else max(last, day)
    failed = tally_of(args).failed  # unreadable, or a diagnostic of severity error
    report = {
        "files": files,
        "failed": failed,
        "sites": len(sites),
        "first_date": first,
        "last_date": last,
        "without": dict(missing),
        "top_sites": dict(sites.most_common(args.top)),
        "top_diagnostics": dict(codes.most_common(args.top)),
    }
    if args.format == "json":
        print(json_safe(json.dumps(report, ensure_ascii=False, indent=2)))
    else:
        print(_stats_text(report))
    return EXIT_FAILED if failed else EXIT_OK


def _stats_text(report: dict[str, Any]) -> str:
    lines = [
        f"files            {report['files']}",
        f"failed           {report['failed']}",
        f"sites            {report['sites']}",
        f"dates            {report['first_date'] or '-'} to {report['last_date'] or '-'}",
    ]
    lines += [f"without {field:<8} {n}" for field, n in report["without"].items()]
    for title, key in (("top sites:", "top_sites"), ("top diagnostics:", "top_diagnostics")):
        if report[key]:  # a heading only over something
            lines.append(title)
            lines += [f"  {n:>7}  {shown(name)}" for name, n in report[key].items()]
    return "\n".join(lines)
