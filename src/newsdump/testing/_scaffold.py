"""``newsdump new-site HOST``: a failing golden test for a new site, and a quirk module.

The quirk-module template is kept here, in one place, and written only when the
site-quirk package (``newsdump.sites``) is installed, so it can follow that package's
protocol.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from attrs import frozen

__all__ = ["QUIRK_TEMPLATE", "Scaffold", "host_slug", "normalise_host", "scaffold"]

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

CASES = find_golden(Path(__file__).parent / "fixtures" / "sites" / "{host}")


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_{slug}_golden(path: Path, golden: Golden) -> None:
    """Each {host} dump parses to its expected fields and writes back exactly."""
    golden.check(path)
'''

QUIRK_TEMPLATE = '''\
"""Site quirks for {host}."""

from __future__ import annotations

# TODO: adapt to the newsdump.sites protocol; see docs/sites.md.
HOSTS = ("{host}",)
'''
"""The quirk module written for a new site; ``{host}`` is filled in."""


@frozen
class Scaffold:
    """The files `scaffold` writes, by path, with their contents."""

    files: dict[Path, str]


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


def scaffold(host: str, root: Path, *, quirks: Path | None = None) -> Scaffold:
    """The files for a new site: a golden pair, a failing test, and maybe a quirk module.

    Args:
        host: the site's host name (normalised with `normalise_host`).
        root: the project folder (the tests go to ``root/tests``).
        quirks: where the quirk module goes; it is written only when ``newsdump.sites``
            is importable. Default: ``root/src/newsdump/sites`` if that folder exists,
            else ``root``.
    """
    name = normalise_host(host)
    slug = host_slug(name)
    tests = root / "tests"
    folder = tests / "fixtures" / "sites" / name
    files = {
        folder / "example.txt": _DUMP.format(host=name),
        folder / "example.expected.json": _expected(name),
        tests / f"test_site_{slug}.py": _TEST.format(host=name, slug=slug),
    }
    if _sites_available():
        where = quirks or _default_quirks(root)
        files[where / f"{slug}.py"] = QUIRK_TEMPLATE.format(host=name)
    return Scaffold(files)


def _sites_available() -> bool:
    try:
        return importlib.util.find_spec("newsdump.sites") is not None
    except (ImportError, ValueError):
        return False


def _default_quirks(root: Path) -> Path:
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
