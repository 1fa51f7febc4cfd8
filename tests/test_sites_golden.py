"""Golden pairs per built-in site: invented articles in each site's style, and their JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsdump
from newsdump.sites import load_sites
from newsdump.testing import golden_record as record

SITES = Path(__file__).parent / "fixtures" / "sites"
CASES = sorted(SITES.glob("*/*.txt"))


def test_every_builtin_site_has_golden_cases() -> None:
    """Each built-in site module has at least one golden case in its own folder."""
    folders = {path.parent.name for path in CASES}
    modules = {type(site).__module__.rsplit(".", 1)[1] for site in load_sites(plugins=False)}
    assert modules <= folders


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_site_golden(path: Path) -> None:
    """With the built-in sites the fields equal the JSON, and the file round-trips exactly."""
    article = newsdump.load(path)
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert record(article) == expected
    assert newsdump.dumps(article).encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_site_golden_needs_its_site(path: Path) -> None:
    """Without sites the same file reads differently: each case shows what its site adds."""
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    generic = newsdump.load(path, sites=[])
    assert record(generic) != expected
    assert newsdump.dumps(generic).encode("utf-8") == path.read_bytes()
