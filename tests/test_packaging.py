"""Release readiness: the README's commands, CI and the package metadata agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import newsdump
from newsdump.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def readme_commands() -> list[str]:
    """The shell commands of the README's ```sh blocks, in order."""
    return [block.strip() for block in re.findall(r"^```sh\n(.*?)^```$", README, re.M | re.S)]


def test_readme_starts_with_the_two_commands() -> None:
    """The README's first two blocks are the run command and the test command."""
    head = README.split("\n## ", 1)[0]
    first, second = readme_commands()[:2]
    assert head.index(first) < head.index(second) < head.index("```pycon")
    assert "newsdump show examples/" in first
    assert ".venv/bin/pytest" in second


def test_ci_runs_exactly_the_readme_test_command() -> None:
    """``.ci/run`` runs the README's test command, character for character."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in script.splitlines() if line and not line.startswith("#")]
    assert commands[-1] == readme_commands()[1]
    assert "set -euo pipefail" in commands


def test_readme_run_command_works(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's first command shows the example that exists in the repository."""
    path = readme_commands()[0].rsplit(" ", 1)[1]
    assert main(["show", str(ROOT / path)]) == 0
    assert "Harbour Town Opens Floating Library" in capsys.readouterr().out


def test_version_has_one_place() -> None:
    """The version is read from ``_version.py`` by the build, never written in pyproject."""
    assert "version" in PROJECT["dynamic"]
    assert "version" not in PROJECT
    assert re.fullmatch(r"\d+\.\d+\.\d+((a|b|rc)\d+)?(\.dev\d+)?", newsdump.__version__)


def test_python_versions_agree() -> None:
    """``requires-python`` and the classifiers both say Python 3.11 to 3.13."""
    assert PROJECT["requires-python"] == ">=3.11"
    versions = [
        c.rsplit(" ", 1)[1]
        for c in PROJECT["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert versions == ["3.11", "3.12", "3.13"]


def test_metadata_is_complete() -> None:
    """Description, licence, readme, URLs and the runtime dependencies are declared."""
    assert PROJECT["description"]
    assert PROJECT["readme"] == "README.md"
    assert PROJECT["license"] == "MIT"
    assert (ROOT / "LICENSE").is_file()
    assert {"Documentation", "Changelog", "Source"} <= set(PROJECT["urls"])
    runtime = {re.split(r"[<>=\[ ]", d, maxsplit=1)[0] for d in PROJECT["dependencies"]}
    assert runtime == {"attrs", "python-dateutil", "markdown-it-py"}
    assert {"test", "lint", "docs"} <= set(PROJECT["optional-dependencies"])


def test_docs_quote_the_test_command_exactly() -> None:
    """Wherever the docs show the full check command, it is the README's, unchanged."""
    command = readme_commands()[1]
    for page in sorted((ROOT / "docs").glob("*.md")):
        for line in page.read_text(encoding="utf-8").splitlines():
            if line.startswith("python3 -m venv --clear"):
                assert line == command, page.name


def test_readme_links_resolve() -> None:
    """Every relative link of the README names a file in the repository."""
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", README)
    local = [t for t in targets if "://" not in t]
    assert local, "the README links to the docs"
    assert [t for t in local if not (ROOT / t).is_file()] == []


def requirement_name(requirement: str) -> str:
    """A requirement without its version: ``dask[bag]>=2024.1`` is ``dask[bag]``."""
    return re.split(r"[<>=!~;\s]", requirement, maxsplit=1)[0]


def extras_table() -> dict[str, list[str]]:
    """docs/installation.md's extras table: each extra and the packages it says it installs."""
    page = (ROOT / "docs" / "installation.md").read_text(encoding="utf-8")
    section = page.split("## Optional extras", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([\w-]+)` \| ([^|]+) \|", section, re.M)
    return {extra: re.findall(r"`([^`]+)`", installs) for extra, installs in rows}


def test_installation_page_lists_every_extra_and_its_packages() -> None:
    """The extras table says what pyproject.toml says: every extra, every package, in order."""
    declared = {
        extra: [requirement_name(r) for r in requirements]
        for extra, requirements in PROJECT["optional-dependencies"].items()
    }
    table = extras_table()
    assert {"cli", "dask", "testing", "test"} <= set(table)
    assert sorted(table) == sorted(declared)
    assert {extra: table[extra] for extra in declared} == declared


def install_hints() -> list[tuple[str, str, str]]:
    """Each ``pip install 'newsdump[EXTRA]'`` of the sources, docs and README, and what follows."""
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    files += sorted((ROOT / "src" / "newsdump").rglob("*.py"))
    found = []
    for path in files:
        # Backticks and line breaks (in docs and docstrings) do not change what is said.
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8").replace("`", ""))
        text = text.replace('" "', "")  # a message split over two string literals
        for match in re.finditer(r"pip install 'newsdump\[([\w,-]+)\]'", text):
            found.append((path.name, match[1], text[match.end() : match.end() + 60]))
    return found


def test_install_hints_say_one_true_thing() -> None:
    """Each hint names a real extra and says how to install it from a checkout, the same way."""
    hints = install_hints()
    assert {"dask", "arrow", "dups", "testing", "cli"} <= {extra for _, extra, _ in hints}
    extras = set(PROJECT["optional-dependencies"])
    for where, extra, after in hints:
        assert set(extra.split(",")) <= extras, (where, extra)
        assert f"'.[{extra}]' from a checkout" in after, (where, extra, after)
