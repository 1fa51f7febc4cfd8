"""Dumps for data work from the command line (issue 19): re-reading exports, archives in
``show``, what "failed" means, ``--version``, empty dumps, plurals; and the quirk registry
built once per read_dump call."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import newsdump
from _dumps import files, write_folder
from newsdump._cli_common import installed_sites
from newsdump.cli import main
from newsdump.sites import _registry
from newsdump.sites._discovery import builtin


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of the command line."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _count_registries(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    built: list[int] = []
    real = _registry.Registry.__init__

    def counting(self: _registry.Registry, sites: object) -> None:
        built.append(1)
        real(self, sites)  # type: ignore[arg-type]

    monkeypatch.setattr(_registry.Registry, "__init__", counting)
    return built


def test_read_dump_builds_the_quirk_registry_once_per_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_dump(sites=...) builds one registry for the call, not one per file."""
    root = write_folder(tmp_path, files(6))
    sites = builtin()
    built = _count_registries(monkeypatch)
    entries = list(newsdump.read_dump(root, sites=sites))
    assert len(entries) == 6
    assert all(e.ok for e in entries)
    assert len(built) == 1
    list(newsdump.read_dump(root, sites=sites))
    assert len(built) == 2  # a new call, a new registry: quirks may differ between calls


def test_read_dump_with_sites_parses_as_loads_does(tmp_path: Path) -> None:
    """The shared parser gives the articles loads gives with the same quirks."""
    members = files(4)
    root = write_folder(tmp_path, members)
    for entry in newsdump.read_dump(root, sites=()):
        assert entry.article == newsdump.loads(members[entry.name].decode(), sites=())


def test_installed_sites_is_built_once_and_sees_a_change(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's quirks are loaded once, and again when the entry points change."""
    from newsdump import _cli_common

    installed_sites.cache_clear()
    first = installed_sites.parser()
    assert installed_sites.parser() is first
    assert installed_sites() == first.sites
    monkeypatch.setattr(_cli_common, "_entry_points", lambda: (("x", "y:Z", "x 1"),))
    monkeypatch.setattr(_cli_common.time, "monotonic", lambda: sys.float_info.max)
    assert installed_sites.parser() is not first
    installed_sites.cache_clear()
