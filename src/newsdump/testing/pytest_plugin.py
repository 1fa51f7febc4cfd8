"""The newsdump pytest plugin: golden pairs as tests, ``--newsdump-update``, and fixtures.

pytest loads it through the ``pytest11`` entry point wherever newsdump and pytest are
installed together (``pip install 'newsdump[testing]'``, or ``'.[testing]'`` from a
checkout). It stays inert until configured: it adds one command-line flag, one ini
option and three fixtures, and collects nothing unless ``newsdump_golden`` names
folders::

    [tool.pytest.ini_options]
    newsdump_golden = ["tests/golden"]

Every ``*.txt`` file under those folders (and inside the paths pytest collects)
becomes a test comparing it with its ``*.expected.json``; ``pytest --newsdump-update``
writes the expected JSON from what the parser reads now (creating missing folders) and
reports what changed. Dumps are read as the command line reads them: with the built-in
sites and the installed ones (``newsdump.sites`` entry points); the ``golden``
fixture's checks take ``parser=`` or ``sites=`` to choose others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from newsdump._api import Parser, dumps
from newsdump._wording import plural
from newsdump.errors import NewsdumpError
from newsdump.model import Article
from newsdump.sites._registry import SiteLike
from newsdump.testing._builders import make_article as _make_article
from newsdump.testing._builders import make_dump as _make_dump
from newsdump.testing._golden import (
    GoldenChange,
    assert_golden,
    assert_matches_golden,
    update_golden,
)

__all__ = ["Golden", "GoldenFile", "GoldenItem"]

_CHANGES = pytest.StashKey[list[GoldenChange]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--newsdump-update`` and the ``newsdump_golden`` ini option."""
    group = parser.getgroup("newsdump", "newsdump golden files")
    group.addoption(
        "--newsdump-update",
        action="store_true",
        default=False,
        help="write the expected JSON of golden files from what newsdump reads now",
    )
    parser.addini(
        "newsdump_golden",
        type="paths",
        default=[],
        help="folders whose case.txt + case.expected.json pairs are collected as tests",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Start the list of golden files that ``--newsdump-update`` changed."""
    config.stash[_CHANGES] = []


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect a ``*.txt`` file under a configured golden folder as a golden test."""
    if file_path.suffix != ".txt":
        return None
    folders: list[Path] = parent.config.getini("newsdump_golden")
    if not any(file_path.is_relative_to(folder) for folder in folders):
        return None
    collector: GoldenFile = GoldenFile.from_parent(parent, path=file_path)
    return collector


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Say which expected-JSON files ``--newsdump-update`` wrote, and which fields changed."""
    if not config.getoption("newsdump_update", False):
        return
    changes = [c for c in config.stash.get(_CHANGES, []) if c.status != "unchanged"]
    terminalreporter.section("newsdump golden files")
    for change in changes:
        path = change.path
        shown = path.relative_to(config.rootpath) if path.is_relative_to(config.rootpath) else path
        terminalreporter.write_line(str(attrs.evolve(change, path=shown)))
    terminalreporter.write_line(f"{plural(len(changes), 'golden file')} written")


class GoldenFile(pytest.File):
    """A dump file under a golden folder: one test against its expected JSON."""

    def collect(self) -> Iterator[GoldenItem]:
        """The one golden test of this file."""
        yield GoldenItem.from_parent(self, name=self.path.stem)


class GoldenItem(pytest.Item):
    """The test that a dump file parses to its expected JSON and writes back exactly."""

    def runtest(self) -> None:
        """Compare, or with ``--newsdump-update`` write the expected JSON."""
        if self.config.getoption("newsdump_update"):
            self.config.stash[_CHANGES].append(update_golden(self.path))
        else:
            assert_golden(self.path)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str | Any:
        """The field-by-field report, without a traceback into the kit."""
        error = excinfo.value
        if isinstance(error, AssertionError):
            return f"{error}\n(run pytest --newsdump-update to accept the new result)"
        if isinstance(error, NewsdumpError):
            return str(error)
        if isinstance(error, OSError):
            return f"cannot read {self.path}: {error}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the test comes from, for pytest's report."""
        return self.path, 0, f"newsdump golden: {self.name}"


class Golden:
    """Golden checks for one test: paths are relative to the test file's folder.

    With ``--newsdump-update`` the checks write the expected JSON instead of comparing.
    """

    def __init__(self, base: Path, update: bool, changes: list[GoldenChange]) -> None:
        self.base = base
        self.update = update
        self._changes = changes

    def check(
        self,
        dump: Path | str,
        *,
        parser: Parser | None = None,
        sites: Iterable[SiteLike] | None = None,
    ) -> None:
        """Assert a golden pair: the dump file ``dump`` against ``<stem>.expected.json``.

        ``parser`` reads it with its sites, or ``sites`` names the sites (default:
        the built-in sites and the installed ones, as the command line reads).
        """
        __tracebackhide__ = True  # a failure shows the test's line and the field diff
        path = self.base / dump
        if self.update:
            self._changes.append(update_golden(path, parser=parser, sites=sites))
        else:
            assert_golden(path, parser=parser, sites=sites)

    def check_dump(
        self,
        dump: str | Article,
        expected: Path | str,
        *,
        parser: Parser | None = None,
        sites: Iterable[SiteLike] | None = None,
    ) -> None:
        """Assert that a dump text (what a scraper wrote) matches an expected JSON file.

        ``parser`` and ``sites`` are as for `check`.
        """
        __tracebackhide__ = True
        path = self.base / expected
        if self.update:
            text = dump if isinstance(dump, str) else dumps(dump)
            self._changes.append(update_golden(text, path, parser=parser, sites=sites))
        else:
            assert_matches_golden(dump, path, parser=parser, sites=sites)


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Golden checks relative to the test file, honouring ``--newsdump-update``."""
    update = bool(request.config.getoption("newsdump_update"))
    return Golden(request.path.parent, update, request.config.stash[_CHANGES])


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """The `newsdump.testing.make_article` builder."""
    return _make_article


@pytest.fixture
def make_dump() -> Callable[..., str]:
    """The `newsdump.testing.make_dump` builder."""
    return _make_dump
