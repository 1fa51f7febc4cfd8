"""``newsdump new-site HOST``: a failing golden test for a new site, and a site module.

The site-module template is kept here, in one place, and written only when the
sites package (``newsdump.sites``) is installed, so it can follow that package's
protocol.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from pathlib import Path

from attrs import frozen

__all__ = ["SITE_TEMPLATE", "Scaffold", "host_slug", "normalise_host", "scaffold"]

_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}")

_DUMP = """\


# TODO: Paste a Dump Your Scraper Wrote for {host}

By [TODO Author](#)

May 2, 2024

TODO: replace this file with a real dump of an article from {host}, then write
what it should parse to in example.expected.json (or run `pytest --newsdump-update`
once the result is right, and review the diff).

Original url:

<https://{host}/todo-article>"""

_TEST = '''\
"""Golden tests for {host}: every case.txt beside its case.expected.json."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdump.testing import find_golden
from newsdump.testing.pytest_plugin import Golden

CASES = find_golden(Path(__file__).parent / "fixtures" / "sites" / "{slug}")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_{slug}_golden(path: Path, golden: Golden) -> None:
    """Each {host} dump parses to its expected fields and writes back exactly."""
    golden.check(path)
'''

_TEST_WITH_SITE = '''\
"""Golden tests for {host}: every case.txt beside its case.expected.json, read with its site."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsdump import Parser
from newsdump.sites import load_sites
from newsdump.testing import find_golden
from newsdump.testing.pytest_plugin import Golden

HERE = Path(__file__).parent
CASES = find_golden(HERE / "fixtures" / "sites" / "{slug}")
SITE_MODULE = HERE / "{site_module}"  # the site module: these tests run it, registered or not


def _parser() -> Parser:
    """The site first, then the built-in and installed ones (the command line's)."""
    spec = importlib.util.spec_from_file_location("{slug}_site", SITE_MODULE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Parser(sites=[*module.SITES, *load_sites()])


PARSER = _parser()


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_{slug}_golden(path: Path, golden: Golden) -> None:
    """Each {host} dump parses to its expected fields with its site, and writes back."""
    golden.check(path, parser=PARSER)
'''

SITE_TEMPLATE = '''\
"""The site ``{host}``.

TODO: list what {host} does differently from the generic rules (docs/sites.md).
"""

from __future__ import annotations

from newsdump.sites import Site

__all__ = ["SITES", "{cls}"]


class {cls}(Site):
    """TODO: one line on how {host} differs."""

    name = "{slug}"
    hosts = ("{host}",)
    # timezone = "Europe/..."   # the zone naive times are in
    # dayfirst = True           # how to read 03/04/2023


SITES = ({cls},)
'''
"""The site module for a new site (the `newsdump.sites.Site` protocol); ``{host}``,
``{slug}`` (the module name) and ``{cls}`` (the class name) are filled in."""


@frozen
class Scaffold:
    """What `scaffold` plans: the files by path with their contents, and the next steps."""

    files: dict[Path, str]
    steps: tuple[str, ...] = ()


def normalise_host(host: str) -> str:
    """``HOST`` in lower case without a scheme, path or leading ``www.``.

    Raises:
        ValueError: it is not a host name such as ``example.com``.
    """
    name = host.strip().lower()
    name = re.sub(r"^[a-z][a-z0-9+.-]*://", "", name).split("/")[0]
    name = name.removeprefix("www.")
    if not _HOST.fullmatch(name):
        raise ValueError(f"not a host name: {host!r} (expected something like example.com)")
    return name


def host_slug(host: str) -> str:
    """A Python identifier for a host: ``news.example.com`` -> ``news_example_com``."""
    return re.sub(r"[^a-z0-9]+", "_", host).strip("_")


def scaffold(host: str, root: Path, *, site_module: Path | None = None) -> Scaffold:
    """The files for a new site: a golden pair, a failing test, and maybe a site module.

    Args:
        host: the site's host name (normalised with `normalise_host`).
        root: the project folder (the tests go to ``root/tests``).
        site_module: where the site module goes; it is written only when ``newsdump.sites``
            is importable, and the test then reads the site's dumps with it (loaded
            from its file, so before it is registered). Default:
            ``root/src/newsdump/sites`` if that folder exists, else ``root``.
    """
    name = normalise_host(host)
    slug = host_slug(name)
    tests = root / "tests"
    folder = tests / "fixtures" / "sites" / slug
    files = {
        folder / "example.txt": _DUMP.format(host=name),
        folder / "example.expected.json": _expected(name),
    }
    test = tests / f"test_site_{slug}.py"
    files[test] = _TEST.format(host=name, slug=slug)
    steps = [
        f"replace {folder / 'example.txt'} with a dump your scraper wrote for {name}",
        "state what it should parse to in example.expected.json; the test fails until then",
    ]
    if _sites_available():
        where = site_module or _default_site_module(root)
        module = where / f"{slug}.py"
        files[module] = SITE_TEMPLATE.format(host=name, slug=slug, cls=_class_name(slug))
        relative = Path(os.path.relpath(module, tests)).as_posix()
        files[test] = _TEST_WITH_SITE.format(host=name, slug=slug, site_module=relative)
        steps.append(_registration(module, slug, root))
    return Scaffold(files, tuple(steps))


def _class_name(slug: str) -> str:
    return "".join(part.capitalize() for part in slug.split("_")) or "Site"


def _registration(module: Path, slug: str, root: Path) -> str:
    if module.parent == root / "src" / "newsdump" / "sites":
        return f"add {slug!r} to _BUILTIN_MODULES in src/newsdump/sites/_discovery.py"
    return f'register it: [project.entry-points."newsdump.sites"] {slug} = "<package>.{slug}:SITES"'


def _sites_available() -> bool:
    try:
        return importlib.util.find_spec("newsdump.sites") is not None
    except (ImportError, ValueError):
        return False


def _default_site_module(root: Path) -> Path:
    package = root / "src" / "newsdump" / "sites"
    return package if package.is_dir() else root


def _expected(host: str) -> str:
    """An expected JSON that fails until someone states what the site's dump should give."""
    record = {
        "headline": "TODO: the headline as the site shows it",
        "authors": [{"name": "TODO: each author", "url": None}],
        "url": f"https://{host}/todo-article",
        "site": host,
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
