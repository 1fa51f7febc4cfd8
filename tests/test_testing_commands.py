"""The kit's commands, ``golden update PATH`` and ``new-site HOST``, on a parser built here."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdump import dumps, loads
from newsdump.sites import Site
from newsdump.testing import expected_path, make_dump
from newsdump.testing._commands import register
from newsdump.testing._scaffold import normalise_host, scaffold


def run(*argv: str) -> int:
    """Parse ``argv`` with a parser holding only the kit's commands and run the handler."""
    parser = argparse.ArgumentParser(prog="newsdump")
    register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return int(args.handler(args))


def test_golden_update_writes_and_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every dump under a folder gets its JSON; a second run reports nothing changed."""
    dump = tmp_path / "site" / "case.txt"
    dump.parent.mkdir()
    dump.write_text(make_dump(), encoding="utf-8")
    assert run("golden", "update", str(tmp_path)) == 0
    assert f"created {expected_path(dump)}" in capsys.readouterr().out
    dump.write_text(make_dump(headline="Changed"), encoding="utf-8")
    assert run("golden", "update", str(dump)) == 0
    assert f"updated {expected_path(dump)} (headline)" in capsys.readouterr().out


def test_golden_update_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path that does not exist exits 2 with a message, not a traceback."""
    assert run("golden", "update", str(tmp_path / "nope")) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_golden_update_refuses_an_expected_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Giving the JSON instead of the dump is a usage error, not a new golden file."""
    json_file = tmp_path / "case.expected.json"
    json_file.write_text("{}", encoding="utf-8")
    assert run("golden", "update", str(json_file)) == 2
    assert "give its dump" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.expected.json"]


def test_golden_update_bad_bytes_fail_that_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that does not decode is reported with its position and exits 1."""
    (tmp_path / "bad.txt").write_bytes(b"\n\n# Caf\xe9\n")
    assert run("golden", "update", str(tmp_path)) == 1
    assert "invalid-encoding" in capsys.readouterr().err


def test_golden_without_action_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    """``newsdump golden`` alone shows its usage and exits 2."""
    assert run("golden") == 2
    assert "update" in capsys.readouterr().err


def test_new_site_writes_a_failing_golden_test(tmp_path: Path) -> None:
    """The scaffold's test runs and fails, asking for the site's real expected fields."""
    assert run("new-site", "https://www.News.Example.com/x", "--root", str(tmp_path)) == 0
    folder = tmp_path / "tests" / "fixtures" / "sites" / "news_example_com"
    assert json.loads((folder / "example.expected.json").read_text("utf-8"))["site"] == (
        "news.example.com"
    )
    test = tmp_path / "tests" / "test_site_news_example_com.py"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 1, done.stdout
    assert "TODO: the headline as the site shows it" in done.stdout


def test_new_site_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second scaffold for the same host exits 1 unless --force is given."""
    assert run("new-site", "example.org", "--root", str(tmp_path)) == 0
    assert run("new-site", "example.org", "--root", str(tmp_path)) == 1
    assert "exists (use --force" in capsys.readouterr().err
    assert run("new-site", "example.org", "--root", str(tmp_path), "--force") == 0


@pytest.mark.parametrize("host", ["", "not a host", "localhost", "bad-.com", "a_b.com"])
def test_new_site_refuses_bad_hosts(host: str, tmp_path: Path) -> None:
    """A value that is not a host name exits 2."""
    assert run("new-site", host, "--root", str(tmp_path)) == 2


def test_host_normalisation() -> None:
    """Scheme, path, case and ``www.`` are dropped."""
    assert normalise_host("HTTPS://www.Example.co.uk/news/1") == "example.co.uk"


def test_quirk_module_follows_the_sites_protocol(tmp_path: Path) -> None:
    """With ``newsdump.sites`` a quirk module is planned, and it is a working `Site`."""
    (tmp_path / "src" / "newsdump" / "sites").mkdir(parents=True)
    plan = scaffold("news.example.org", tmp_path)
    quirk = tmp_path / "src" / "newsdump" / "sites" / "news_example_org.py"
    assert "add 'news_example_org' to _BUILTIN_MODULES" in plan.steps[-1]
    namespace: dict[str, object] = {}
    exec(compile(plan.files[quirk], str(quirk), "exec"), namespace)
    sites = namespace["SITES"]
    assert isinstance(sites, tuple)
    site = sites[0]
    assert isinstance(site, type)
    assert issubclass(site, Site)
    assert site.hosts == ("news.example.org",)
    text = make_dump(url="https://news.example.org/a")
    assert dumps(loads(text, sites=[site], site="news_example_org")) == text


def test_quirk_module_only_when_sites_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``newsdump.sites`` only the golden pair and the test are planned."""
    monkeypatch.setitem(sys.modules, "newsdump.sites", None)
    plan = scaffold("example.org", tmp_path)
    assert sorted(p.name for p in plan.files) == [
        "example.expected.json",
        "example.txt",
        "test_site_example_org.py",
    ]
    assert "entry-points" not in " ".join(plan.steps)
