"""Golden files: a dump (``case.txt``) beside the JSON it should parse to (``case.expected.json``).

The JSON is `newsdump.to_dict` of the article plus its plain ``text`` and its
``diagnostics`` as ``"line:column: code"`` strings, so a golden file pins the
fields, what a reader sees, and what the parser noticed.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from attrs import frozen

from newsdump._api import Parser, dumps
from newsdump._export.dicts import to_dict
from newsdump.model import Article
from newsdump.sites._registry import SiteLike
from newsdump.testing._report import text_diff
from newsdump.testing._sites import choose_parser

__all__ = [
    "GoldenChange",
    "assert_golden",
    "assert_matches_golden",
    "expected_path",
    "find_golden",
    "golden_record",
    "update_golden",
]

SUFFIX = ".expected.json"


def golden_record(article: Article) -> dict[str, Any]:
    """What a golden JSON file holds for ``article``."""
    record = to_dict(article)
    record["text"] = article.text
    record["diagnostics"] = [f"{d.line}:{d.column}: {d.code}" for d in article.diagnostics]
    return record


def expected_path(dump: Path) -> Path:
    """The expected-JSON file of a dump file: ``case.txt`` -> ``case.expected.json``."""
    return dump.with_name(dump.stem + SUFFIX)


def find_golden(folder: Path) -> list[Path]:
    """The dump files (``*.txt``) under ``folder``, recursively, in sorted order."""
    return sorted(p for p in folder.rglob("*.txt") if p.is_file())


@frozen
class GoldenChange:
    """What `update_golden` did to one expected-JSON file.

    Attributes:
        path: the expected-JSON file.
        status: ``created``, ``updated`` or ``unchanged``.
        fields: the top-level keys whose values changed, in file order.
    """

    path: Path
    status: str
    fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        changed = f" ({', '.join(self.fields)})" if self.fields else ""
        return f"{self.status} {self.path}{changed}"


def update_golden(
    dump: Path | str,
    expected: Path | str | None = None,
    *,
    parser: Parser | None = None,
    sites: Iterable[SiteLike] | None = None,
) -> GoldenChange:
    """Write the expected JSON of a dump file (or text) from what the parser reads now.

    Missing folders on the way to the JSON file are created.

    Args:
        dump: a dump file's path; with ``expected`` given, the dump's text instead.
        expected: where the JSON goes (default: beside the dump file).
        parser: reads the dump with its sites (default: the built-in sites and
            the installed ones, as the command line reads).
        sites: the sites to read with instead of the default (not with ``parser``).

    Raises:
        ParseError: the dump file's bytes do not decode.
        OSError: a file cannot be read or written.
        PluginError: an installed site package cannot be loaded.
    """
    __tracebackhide__ = True
    article, target = _read(dump, expected, choose_parser(parser, sites))
    new = golden_record(article)
    old = _load_json(target) if target.exists() else None
    if old == new:
        return GoldenChange(target, "unchanged")
    _write(target, new)
    if old is None:
        return GoldenChange(target, "created")
    return GoldenChange(target, "updated", tuple(_changed_keys(old, new)))


def assert_golden(
    dump: Path | str,
    *,
    update: bool = False,
    parser: Parser | None = None,
    sites: Iterable[SiteLike] | None = None,
) -> None:
    """Assert that a dump file parses to its expected JSON and writes back byte for byte.

    Args:
        dump: the dump file (``case.txt``); its JSON is ``case.expected.json`` beside it.
        update: write the expected JSON from the current result instead of comparing.
        parser: reads the dump with its sites (default: the built-in sites and
            the installed ones, as the command line reads).
        sites: the sites to read with instead of the default (not with ``parser``).

    Raises:
        AssertionError: a field-by-field report of what differs, or of a lost byte.
    """
    __tracebackhide__ = True  # pytest shows the caller's line and the report, not the kit
    path = Path(dump)
    if update:
        update_golden(path, parser=parser, sites=sites)
        return
    article = choose_parser(parser, sites).load(path)
    problems = _compare(golden_record(article), expected_path(path))
    written = dumps(article).encode(_encoding(article))
    if written != path.read_bytes():
        problems.append("the file does not write back byte for byte")
    if problems:
        raise AssertionError(f"golden mismatch for {path}:\n" + "\n".join(problems))


def assert_matches_golden(
    dump: str | Article,
    expected: Path | str,
    *,
    update: bool = False,
    parser: Parser | None = None,
    sites: Iterable[SiteLike] | None = None,
) -> None:
    """Assert that a dump text (what a scraper wrote) or an article matches an expected JSON.

    Args:
        dump: the dump text, or the article parsed from it.
        expected: the expected-JSON file (with ``update``, missing folders are created).
        update: write the expected JSON from ``dump`` instead of comparing.
        parser: reads a text with its sites (default: the built-in sites and
            the installed ones, as the command line reads).
        sites: the sites to read with instead of the default (not with ``parser``).

    Raises:
        AssertionError: a field-by-field report of what differs.
    """
    __tracebackhide__ = True
    target = Path(expected)
    article = dump if isinstance(dump, Article) else choose_parser(parser, sites).loads(dump)
    if update:
        _write(target, golden_record(article))
        return
    problems = _compare(golden_record(article), target)
    if problems:
        raise AssertionError(f"golden mismatch for {target}:\n" + "\n".join(problems))


def _read(dump: Path | str, expected: Path | str | None, parser: Parser) -> tuple[Article, Path]:
    if expected is None:
        path = Path(dump)
        return parser.load(path), expected_path(path)
    return parser.loads(str(dump)), Path(expected)


def _encoding(article: Article) -> str:
    layout = article._layout
    return (layout.encoding if layout else None) or "utf-8"


def _write(target: Path, record: dict[str, Any]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)  # the first update of a new folder
    target.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None


def _compare(actual: dict[str, Any], target: Path) -> list[str]:
    if not target.exists():
        return [f"- no expected JSON at {target}: run `pytest --newsdump-update` to write it"]
    expected = _load_json(target)
    if not isinstance(expected, dict):
        return [f"- {target} is not a JSON object: fix it or regenerate it"]
    return list(_differences(expected, actual))


def _changed_keys(old: Any, new: dict[str, Any]) -> Iterator[str]:
    old = old if isinstance(old, dict) else {}
    keys = list(new) + [k for k in old if k not in new]
    return (k for k in keys if old.get(k, _MISSING) != new.get(k, _MISSING))


_MISSING = object()


def _differences(expected: dict[str, Any], actual: dict[str, Any]) -> Iterator[str]:
    for key in _changed_keys(expected, actual):
        want, got = expected.get(key, _MISSING), actual.get(key, _MISSING)
        if key == "text" and isinstance(want, str) and isinstance(got, str):
            yield f"- text:\n{_indent(text_diff(want, got))}"
        elif key == "body" and isinstance(want, list) and isinstance(got, list):
            yield f"- body:\n{_indent(_list_diff(want, got))}"
        else:
            yield f"- {key}:\n    expected {_show(want)}\n    actual   {_show(got)}"


def _list_diff(want: list[Any], got: list[Any]) -> str:
    show = [json.dumps(item, ensure_ascii=False) + "\n" for item in want]
    have = [json.dumps(item, ensure_ascii=False) + "\n" for item in got]

    diff = difflib.unified_diff(show, have, "expected", "actual", n=1)
    return "".join(diff).rstrip("\n")


def _show(value: object) -> str:
    if value is _MISSING:
        return "(absent)"
    return json.dumps(value, ensure_ascii=False)


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())
