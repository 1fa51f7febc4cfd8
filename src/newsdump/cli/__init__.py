"""The ``newsdump`` command line: a thin layer over the library.

Commands: ``show``, ``check``, ``export``, ``fmt``, ``stats``, ``diff``, ``dups``, ``golden``
and ``new-site`` (see docs/cli.md). Each is added by a ``register(commands)`` callable in
`COMMANDS`, a tuple that nothing changes at run time: `main` builds its parser from it, or
from the ``commands`` it is given (``main(argv, commands=(*COMMANDS, register))``).

Exit codes: 0 success; 1 the input had problems (a file failed); 2 usage errors,
missing or unreadable paths and dumps; 130 interrupted.

Everything printed is valid UTF-8 with its control characters escaped (`newsdump._terminal`);
when lone surrogates had to be escaped, a warning at the end says so.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from newsdump._export.columns import SCHEMA_VERSION
from newsdump._export.dicts import to_dict
from newsdump._terminal import SURROGATE_NOTE, json_safe, shown, shown_lines, surrogates_escaped
from newsdump._version import __version__
from newsdump._wording import plural
from newsdump.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_now_option,
    interruption,
    now_of,
    say,
)
from newsdump.cli._diff import add_diff
from newsdump.cli._dump import add_check, add_export, add_stats
from newsdump.cli._dups import add_dups
from newsdump.cli._fmt import add_fmt
from newsdump.cli._show import read_shown
from newsdump.errors import NewsdumpError
from newsdump.model import Article
from newsdump.testing._commands import register as add_testing_commands

__all__ = ["COMMANDS", "EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "Register", "main"]

Register = Callable[[Any], None]
"""A command's ``register(commands)``: adds one subcommand to argparse's subparsers."""


def _add_show(commands: Any) -> None:
    show = commands.add_parser("show", help="print the fields of one dump file")
    show.add_argument("file", help="a dump file, or a file in an archive (DUMP.zip/NAME)")
    show.add_argument("--json", action="store_true", help="print the article as JSON")
    show.add_argument("--strict", action="store_true", help="fail on any format problem")
    add_now_option(show)
    show.set_defaults(handler=_show)


COMMANDS: tuple[Register, ...] = (
    _add_show,
    add_check,
    add_export,
    add_fmt,
    add_stats,
    add_diff,
    add_dups,
    add_testing_commands,  # golden update, new-site
)
"""The built-in commands. Each adds one subcommand to the ``commands`` subparsers
(``commands.add_parser(...)``) and sets ``handler``, a function of the parsed arguments
that returns the exit code. A tuple: to run more commands, pass them to `main`."""


def main(argv: Sequence[str] | None = None, *, commands: Sequence[Register] = COMMANDS) -> int:
    """Run the command line; returns the exit code.

    Args:
        argv: the arguments (``sys.argv[1:]`` when ``None``).
        commands: the commands to offer, `COMMANDS` by default; ``(*COMMANDS, register)``
            adds one.
    """
    parser = _parser(commands)
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    _never_fail_to_encode()
    surrogates_escaped()  # count this run's only
    try:
        return _run(handler, args)
    finally:
        if surrogates_escaped():
            say(f"newsdump: warning: {SURROGATE_NOTE}")


def _run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return int(handler(args))
    except UsageError as exc:
        say(f"newsdump: {shown(str(exc))}")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # writing the output: -o into a folder that is not there
        where = shown(str(exc.filename or "the output"))
        say(f"newsdump: cannot write {where}: {shown(str(exc.strerror or exc))}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        say(shown(interruption(args)))
        return 130


def _never_fail_to_encode() -> None:
    """A last guard: a character the terminal's encoding lacks is escaped, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def _parser(registers: Sequence[Register] = COMMANDS) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdump", description="Read, check and convert scraped news dump files."
    )
    parser.add_argument("--version", action="version", version=f"newsdump {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    for register in registers:
        register(commands)
    return parser


def _show(args: argparse.Namespace) -> int:
    try:
        now = now_of(args, _file_of(args.file))
        article = read_shown(args.file, strict=args.strict, now=now, language=args.language)
    except NewsdumpError as exc:
        say(f"newsdump: {shown_lines(str(exc))}")
        return EXIT_FAILED
    if args.json:
        # A record of article.schema.json (newsdump.schema()), with the diagnostics
        record: dict[str, object] = {"schema_version": SCHEMA_VERSION, **to_dict(article)}
        record["diagnostics"] = [
            {
                "code": d.code,
                "message": d.message,
                "line": d.line,
                "column": d.column,
                "severity": d.severity.value,
            }
            for d in article.diagnostics
        ]
        print(json_safe(json.dumps(record, ensure_ascii=False, indent=2)))
    else:
        print(_summary(article, args.file))
    return EXIT_OK


def _file_of(path: str) -> str:
    """The file on disk that ``show`` reads for ``path``: the dump of ``DUMP/NAME``."""
    parts = path.split("/")
    for cut in range(len(parts), 0, -1):
        if os.path.lexists("/".join(parts[:cut])):
            return "/".join(parts[:cut])
    return path


def _summary(article: Article, name: str) -> str:
    published = article.published
    kind = type(published).__name__ if published is not None else "none"
    if article.tz_assumed:
        kind += ", zone assumed"
    rows = [
        ("headline", article.headline),
        ("authors", ", ".join(a.name for a in article.authors) or None),
        ("published", f"{published.isoformat()} ({kind})" if published else None),
        ("date_text", article.date_text),
        ("credit", article.credit),
        ("url", article.url),
        ("site", article.site),
    ]
    lines = [shown(name)]
    lines += [f"  {key:<10} {'-' if value is None else shown(value)}" for key, value in rows]
    lines += [f"  {'related':<10} {shown(link.text)}" for link in article.related]
    counts = Counter(type(block).__name__ for block in article.body)
    shape = ", ".join(f"{n} {kind}" for kind, n in counts.most_common())
    lines.append(f"  {'body':<10} {plural(len(article.body), 'block')} ({shape or 'empty'})")
    lines.append(f"  {'words':<10} {len(article.text.split())}")
    lines += [f"  {shown(name)}:{shown(str(d))}" for d in article.diagnostics]
    return "\n".join(lines)
