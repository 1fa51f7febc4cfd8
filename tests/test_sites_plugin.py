"""A third-party site package, installed for real through its entry point, changes results."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsdump
from newsdump import Boilerplate, PluginError
from newsdump.sites import ENTRY_POINT_GROUP, list_sites, load_sites

EXAMPLE = Path(__file__).parent / "plugin_example"
TEXT = (
    "\n\n# Ferry Timetable Changes\n\nBy [Mira Kalnins](#)\n\n2025-03-04 09:30\n\n"
    "The island ferry leaves earlier from Monday.\n\n"
    "*Get the Harbour Bulletin in your inbox every morning.*\n\n"
    "Original url:\n\n<https://harbourtownherald.example/2025/03/04/ferry>"
)


def _install(target: Path, entry: str) -> None:
    """Write the package and a dist-info folder declaring ``entry`` into ``target``."""
    shutil.copytree(EXAMPLE / "newsdump_harbourtown", target / "newsdump_harbourtown")
    info = target / "newsdump_harbourtown-1.0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: newsdump-harbourtown\nVersion: 1.0.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\nharbourtown = {entry}\n", encoding="utf-8"
    )


@pytest.fixture
def plugin_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory on sys.path where a test installs the example package."""
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    sys.modules.pop("newsdump_harbourtown", None)


def test_installed_site_is_discovered_and_changes_the_result(plugin_path: Path) -> None:
    """Installed through the entry point, the site is found and applies to its host."""
    _install(plugin_path, "newsdump_harbourtown:HarbourTownHerald")
    found = load_sites(builtin=False)
    assert [site.label for site in found] == ["harbourtown"]
    article = newsdump.Parser(sites=load_sites()).loads(TEXT)
    assert article.tz_assumed
    assert str(article.published) == "2025-03-04 09:30:00+02:00"
    assert isinstance(article.body[1], Boilerplate)
    assert "Harbour Bulletin" not in article.text
    assert newsdump.dumps(article) == TEXT


def test_list_sites_lists_it_with_its_version(plugin_path: Path) -> None:
    """list_sites() names the entry point, its package and version, without importing it."""
    _install(plugin_path, "newsdump_harbourtown:HarbourTownHerald")
    listed = {info.name: info for info in list_sites()}
    info = listed["harbourtown"]
    assert (info.distribution, info.version, info.builtin) == (
        "newsdump-harbourtown",
        "1.0.0",
        False,
    )
    assert "newsdump_harbourtown" not in sys.modules
    assert listed["themoscowtimes"].builtin


def test_not_installed_it_is_not_found() -> None:
    """Without the package on the path, nothing is discovered and the generic rules apply."""
    assert "harbourtown" not in {site.label for site in load_sites(builtin=False)}
    article = newsdump.Parser(sites=load_sites()).loads(TEXT)
    assert not article.tz_assumed
    assert "Harbour Bulletin" in article.text


def test_default_loads_does_not_use_installed_sites(plugin_path: Path) -> None:
    """Installed sites apply only when asked for: newsdump.loads uses the built-in ones."""
    _install(plugin_path, "newsdump_harbourtown:HarbourTownHerald")
    assert not newsdump.loads(TEXT).tz_assumed


def test_broken_entry_point_is_a_plugin_error(plugin_path: Path) -> None:
    """An entry point that cannot be imported raises PluginError naming it."""
    _install(plugin_path, "newsdump_harbourtown:NoSuchClass")
    with pytest.raises(PluginError, match="harbourtown"):
        load_sites(builtin=False)


def _break(plugin_path: Path, old: str, new: str) -> None:
    module = plugin_path / "newsdump_harbourtown" / "__init__.py"
    module.write_text(module.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "attribute"),
    [
        ('hosts = ("harbourtownherald.example",)', "hosts = (None,)", "hosts"),
        ('timezone = "Europe/Riga"', 'timezone = "Europe/Riga"\n    dayfirst = "true"', "dayfirst"),
        (
            'timezone = "Europe/Riga"',
            'timezone = "Europe/Riga"\n    valid_from = "2020-01-01"',
            "valid_from",
        ),
    ],
)
def test_malformed_installed_site_is_named_by_discovery_and_check(
    plugin_path: Path,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    attribute: str,
) -> None:
    """load_sites(builtin=False) raises PluginError naming the entry point and the
    attribute; `newsdump check` says so and exits 2, with no traceback."""
    from newsdump.cli import main
    from newsdump.cli._common import installed_sites

    _install(plugin_path, "newsdump_harbourtown:HarbourTownHerald")
    _break(plugin_path, old, new)
    with pytest.raises(PluginError, match=f"harbourtown.*{attribute}"):
        load_sites(builtin=False)
    dump = plugin_path / "dump"
    dump.mkdir()
    (dump / "001_0000000000000001.txt").write_text(TEXT, encoding="utf-8")
    installed_sites.cache_clear()
    try:
        code = main(["check", str(dump)])
    finally:
        installed_sites.cache_clear()
    _, err = capsys.readouterr()
    assert code == 2
    assert "harbourtown" in err
    assert attribute in err
    assert "Traceback" not in err
