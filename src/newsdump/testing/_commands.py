"""The kit's commands: ``newsdump golden update PATH`` and ``newsdump new-site HOST``.

`register` adds them to the ``newsdump`` command line's subparsers; each handler
returns the exit code (0 done, 1 the input had problems, 2 usage errors and
unreadable paths), as the rest of the command line does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsdump._wording import plural
from newsdump.errors import NewsdumpError, PluginError
from newsdump.testing._golden import SUFFIX, find_golden, update_golden
from newsdump.testing._scaffold import scaffold
from newsdump.testing._sites import default_parser

__all__ = ["register"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``golden`` and ``new-site`` commands to the command line's subparsers."""
    golden = subparsers.add_parser("golden", help="work with golden files (case.txt + JSON)")
    actions = golden.add_subparsers(title="actions", metavar="ACTION")
    update = actions.add_parser(
        "update", help="rewrite the expected JSON of golden files from what newsdump reads now"
    )
    update.add_argument("paths", nargs="+", metavar="PATH", help="a dump file or a folder")
    update.set_defaults(handler=_golden_update)
    golden.set_defaults(handler=lambda _: _usage(golden))

    new_site = subparsers.add_parser(
        "new-site", help="write a failing golden test (and a site module) for a new site"
    )
    new_site.add_argument("host", metavar="HOST", help="the site's host, e.g. example.com")
    new_site.add_argument("--root", default=".", help="the project folder (default: .)")
    new_site.add_argument("--force", action="store_true", help="overwrite existing files")
    new_site.set_defaults(handler=_new_site)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _golden_update(args: argparse.Namespace) -> int:
    dumps: list[Path] = []
    for name in args.paths:
        path = Path(name)
        if not path.exists():
            print(f"newsdump: no such file or folder: {name}", file=sys.stderr)
            return EXIT_USAGE
        if path.name.endswith(SUFFIX):
            print(f"newsdump: {name} is an expected-JSON file; give its dump", file=sys.stderr)
            return EXIT_USAGE
        dumps += find_golden(path) if path.is_dir() else [path]
    try:
        parser = default_parser()  # the installed sites, as `newsdump show` reads
    except PluginError as exc:
        print(f"newsdump: {exc}", file=sys.stderr)
        return EXIT_USAGE
    failed = 0
    for dump in dumps:
        try:
            print(update_golden(dump, parser=parser))
        except (NewsdumpError, OSError) as exc:
            print(f"newsdump: {dump}: {exc}", file=sys.stderr)
            failed += 1
    written = len(dumps) - failed
    print(f"{plural(written, 'golden file')} checked, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


def _new_site(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"newsdump: no such folder: {args.root}", file=sys.stderr)
        return EXIT_USAGE
    try:
        plan = scaffold(args.host, root)
    except ValueError as exc:
        print(f"newsdump: {exc}", file=sys.stderr)
        return EXIT_USAGE
    existing = [path for path in plan.files if path.exists()]
    if existing and not args.force:
        for path in existing:
            print(f"newsdump: {path} exists (use --force to overwrite)", file=sys.stderr)
        return EXIT_FAILED
    for path, text in plan.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        print(f"wrote {path}")
    for step in plan.steps:
        print(f"next: {step}")
    return EXIT_OK
