"""The documentation runs: every example in docs/ and README.md executes and shows true output."""

from __future__ import annotations

import argparse
import contextlib
import doctest
import importlib
import io
import os
import pkgutil
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from attrs import frozen
from markdown_it import MarkdownIt

import newsdump

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]

RUN = {"python"}  # executed, in order, in one namespace per page
DOCTEST = {"pycon"}  # executed as doctests in the same namespace: their output is checked
# Shell sessions: each `$ newsdump ...` line runs in the page's working directory (a copy of
# examples/ plus what the page's python blocks wrote) and the lines under it are its output.
CONSOLE = {"console"}
# Shown, never run; any other fence language fails a test, so nothing is skipped by accident.
SHOWN = {"", "text", "sh", "bash", "shell", "toml", "yaml", "json", "markdown", "diff"}
OUTPUT_TITLE = 'title="Output"'  # a ```text block with this title is the previous block's stdout
DOCTEST_FLAGS = doctest.ELLIPSIS


@frozen
class Fence:
    """One fenced code block of a page."""

    page: str
    line: int
    lang: str
    info: str
    code: str

    @property
    def where(self) -> str:
        """``page:line`` of the opening fence, for messages."""
        return f"{self.page}:{self.line}"


def fences(path: Path) -> list[Fence]:
    """The fenced code blocks of a Markdown page, in order (CommonMark's reading)."""
    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    return [
        Fence(name, t.map[0] + 1 if t.map else 0, t.info.split(" ")[0], t.info, t.content)
        for t in tokens
        if t.type == "fence"
    ]


def run_python(fence: Fence, namespace: dict[str, Any]) -> str:
    """Execute a ```python block in ``namespace``; returns what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(fence.code, fence.where, "exec"), namespace)
    return out.getvalue()


def run_pycon(fence: Fence, namespace: dict[str, Any]) -> None:
    """Run a ```pycon block as a doctest in ``namespace`` and fail with its report."""
    test = doctest.DocTestParser().get_doctest(
        fence.code, namespace, fence.where, fence.page, fence.line
    )
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
    result = runner.run(test, out=report.write, clear_globs=False)
    namespace.update(test.globs)  # DocTest ran on a copy: later blocks see its names
    assert result.failed == 0, report.getvalue()


def console_sessions(fence: Fence) -> list[tuple[str, str]]:
    """The ``(command, expected output)`` pairs of a ```console block, in order."""
    sessions: list[tuple[str, list[str]]] = []
    for line in fence.code.splitlines():
        if line.startswith("$ "):
            sessions.append((line[2:], []))
        else:
            assert sessions, f"{fence.where}: output before the first '$ ' command"
            sessions[-1][1].append(line)
    assert sessions, f"{fence.where}: a console block without a command"
    return [(command, "\n".join(out)) for command, out in sessions]


def run_newsdump(command: str) -> str:
    """Run a ``newsdump ...`` command line in the working directory: stdout and stderr."""
    words = shlex.split(command)
    assert words[0] == "newsdump", f"only newsdump commands are run, not {command!r}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "80"}  # stderr and stdout in order
    done = subprocess.run(
        [sys.executable, "-m", "newsdump", *words[1:]],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        text=True,
        timeout=120,
        check=False,
    )
    return done.stdout


def run_console(fence: Fence) -> None:
    """Run each command of a ```console block; its output must match (``...`` elides)."""
    checker = doctest.OutputChecker()
    for command, expected in console_sessions(fence):
        got = run_newsdump(command)
        want = expected.rstrip("\n") + "\n"
        assert checker.check_output(want, got.rstrip("\n") + "\n", DOCTEST_FLAGS), (
            f"{fence.where}: $ {command}\nexpected:\n{want}got:\n{got}"
        )


def run_page(path: Path) -> None:
    """Run a page's blocks in order in one fresh namespace, checking shown output."""
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    printed: str | None = None
    for fence in fences(path):
        if fence.lang in RUN:
            printed = run_python(fence, namespace)
        elif fence.lang in DOCTEST:
            run_pycon(fence, namespace)
            printed = None
        elif fence.lang in CONSOLE:
            run_console(fence)
            printed = None
        elif OUTPUT_TITLE in fence.info:
            assert printed is not None, f"{fence.where}: output block after no python block"
            assert printed.rstrip("\n") == fence.code.rstrip("\n"), fence.where
            printed = None


@pytest.fixture
def in_scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working directory holding a copy of ``examples/``."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
@pytest.mark.usefixtures("in_scratch")
def test_page_examples_run(path: Path) -> None:
    """Every python block of the page runs and every output it shows is what the code gives."""
    run_page(path)


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_every_block_has_a_known_language(path: Path) -> None:
    """No block is skipped by accident: each is run, checked, or shown on purpose."""
    for fence in fences(path):
        assert fence.lang in RUN | DOCTEST | CONSOLE | SHOWN, (
            f"{fence.where}: unknown fence {fence.info!r}"
        )


def test_home_page_shows_real_output() -> None:
    """The home page's example is run and its output block is checked, not just shown."""
    blocks = fences(DOCS / "index.md")
    assert any(f.lang == "python" for f in blocks)
    assert any(OUTPUT_TITLE in f.info for f in blocks)


def test_a_wrong_output_block_fails(tmp_path: Path) -> None:
    """The checker itself catches an output block that drifted from the code."""
    page = tmp_path / "page.md"
    page.write_text('```python\nprint(1 + 1)\n```\n\n```text title="Output"\n3\n```\n')
    with pytest.raises(AssertionError):
        run_page(page)


def test_names_carry_over_between_blocks(tmp_path: Path) -> None:
    """Blocks of one page share a namespace, whichever kind defined the name."""
    page = tmp_path / "page.md"
    page.write_text(
        "```pycon\n>>> a = 2\n```\n\n```python\nb = a + 1\n```\n\n```pycon\n>>> b\n3\n```\n"
    )
    run_page(page)


def test_a_wrong_pycon_block_fails(tmp_path: Path) -> None:
    """The checker itself catches a doctest block whose shown value is wrong."""
    page = tmp_path / "page.md"
    page.write_text("```pycon\n>>> 1 + 1\n3\n```\n")
    with pytest.raises(AssertionError, match="Expected"):
        run_page(page)


def nav_pages() -> list[str]:
    """The page files named in mkdocs.yml's nav."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = config.split("\nnav:\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^\s*- (?:[^:\n]+:\s*)?([\w./-]+\.md)\s*$", nav, re.M)


def test_every_page_is_in_the_nav() -> None:
    """Each docs/*.md page is in mkdocs.yml's nav, and each nav entry exists."""
    listed = nav_pages()
    pages = sorted(p.name for p in DOCS.glob("*.md"))
    assert sorted(set(listed)) == sorted(listed), "a page is listed twice"
    assert [p for p in pages if p not in listed] == [], "add these pages to the nav"
    assert [p for p in listed if p not in pages] == [], "the nav names missing pages"


def modules() -> list[ModuleType]:
    """Every module of the newsdump package but ``__main__`` (importing it runs the CLI)."""
    found = pkgutil.walk_packages(newsdump.__path__, "newsdump.")
    names = [m.name for m in found if not m.name.endswith(".__main__")]
    return [newsdump, *(importlib.import_module(name) for name in sorted(names))]


def public_modules() -> list[ModuleType]:
    """The modules of newsdump whose dotted names have no part starting with ``_``."""
    return [m for m in modules() if not any(p.startswith("_") for p in m.__name__.split("."))]


def test_public_modules_declare_their_names() -> None:
    """Each public module says what it offers in ``__all__`` (what the reference shows)."""
    found = {m.__name__ for m in public_modules()}
    wanted = {"newsdump", "newsdump.sites", "newsdump.dask", "newsdump.arrow", "newsdump.cli"}
    wanted |= {"newsdump.testing", "newsdump.testing.strategies", "newsdump.errors"}
    assert wanted <= found
    assert [m.__name__ for m in public_modules() if not hasattr(m, "__all__")] == []


@pytest.mark.parametrize("module", public_modules(), ids=lambda m: m.__name__)
def test_api_reference_covers_the_public_api(module: ModuleType) -> None:
    """Each name in a public module's ``__all__`` has an entry in docs/api.md.

    A name that ``newsdump`` itself exports (the model and the errors) may be documented
    once, as ``newsdump.NAME``.
    """
    reference = (DOCS / "api.md").read_text(encoding="utf-8")
    entries = set(re.findall(r"^::: ([\w.]+)$", reference, re.M))
    listed = {  # a module rendered with ``members: [A, B]`` documents A and B
        f"{name}.{member.strip()}"
        for name, members in re.findall(
            r"^::: ([\w.]+)\n(?:    .*\n)*?      members: \[([^\]]*)\]$", reference, re.M
        )
        for member in members.split(",")
    }

    def documented(name: str) -> bool:
        if f"{module.__name__}.{name}" in entries | listed:
            return True
        top = getattr(newsdump, name, None)
        return top is getattr(module, name) and f"newsdump.{name}" in entries

    public = [name for name in module.__all__ if not name.startswith("_")]
    assert [name for name in public if not documented(name)] == []


def test_changelog_page_includes_the_changelog() -> None:
    """The site's changelog page is the repository's CHANGELOG.md, included, not copied."""
    page = (DOCS / "changelog.md").read_text(encoding="utf-8")
    assert '--8<-- "CHANGELOG.md"' in page
    assert "\n## [Unreleased]\n" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("module", modules(), ids=lambda m: m.__name__)
def test_docstring_examples_run(module: ModuleType) -> None:
    """The examples in the docstrings (shown in the API reference) pass as doctests."""
    runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
    report = io.StringIO()
    for test in doctest.DocTestFinder().find(module, module.__name__):
        runner.run(test, out=report.write)
    assert runner.failures == 0, report.getvalue()


def test_readme_runs_as_a_plain_doctest() -> None:
    """``python -m doctest README.md`` passes: no fence is read as expected output."""
    result = doctest.testfile(
        str(ROOT / "README.md"), module_relative=False, optionflags=DOCTEST_FLAGS, verbose=False
    )
    assert result.attempted > 0
    assert result.failed == 0


def cli_commands() -> list[str]:
    """The commands ``newsdump --help`` lists, read from the command line's own parser."""
    from newsdump.cli import _parser

    parser = _parser()
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return [name for action in found for name in action.choices]


def test_cli_page_has_a_section_per_command() -> None:
    """Each command of ``newsdump --help`` has its ``## `newsdump COMMAND ...``` section."""
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^## `newsdump ([\w-]+)", page, re.M))
    commands = cli_commands()
    assert {"show", "check", "golden", "new-site"} <= set(commands)
    assert sorted(set(commands) - sections) == []
    assert sorted(sections - set(commands)) == [], "a section for a command that is gone"


def test_cli_page_runs_its_sessions() -> None:
    """The command line page shows sessions, and they are run (not merely shown)."""
    blocks = [f for f in fences(DOCS / "cli.md") if f.lang in CONSOLE]
    commands = [c.split()[1] for f in blocks for c, _ in console_sessions(f)]
    assert {"show", "check", "export", "stats", "diff", "dups", "golden", "new-site"} <= set(
        commands
    )


def test_a_wrong_console_output_fails(in_scratch: Path) -> None:
    """The console runner catches a session whose shown output drifted from the command's."""
    page = in_scratch / "page.md"
    page.write_text("```console\n$ newsdump check examples/\n2 files: 2 ok\n```\n")
    with pytest.raises(AssertionError, match="expected"):
        run_page(page)
    page.write_text("```console\n$ newsdump check examples/\n1 file: 1 ok...\n```\n")
    run_page(page)


def test_a_console_block_runs_only_newsdump(tmp_path: Path) -> None:
    """A ```console block is for newsdump sessions; anything else is a ```sh block."""
    page = tmp_path / "page.md"
    page.write_text("```console\n$ rm -rf /tmp/x\n```\n")
    with pytest.raises(AssertionError, match="only newsdump commands"):
        run_page(page)


TRAILER = "Original url:\n\n<https://a.example/x>"


def byline_table() -> dict[str, list[str]]:
    """docs/format.md's table of the words for "by": each row's languages and its words."""
    page = (DOCS / "format.md").read_text(encoding="utf-8")
    section = page.split("### Byline", 1)[1].split("### Dateline", 1)[0]
    rows = re.findall(r"^\| ([a-z][^|]*) \| ([^|]+) \|$", section, re.M)
    return {langs: re.findall(r"`([^`]+)`", words) for langs, words in rows}


def test_format_page_lists_the_words_for_by_that_the_parser_reads() -> None:
    """The byline table holds exactly the parser's words for "by", and each reads a byline."""
    from newsdump._parse.byline import BY_WORDS

    # Shown in the table but not a word before names: `Per` (a first name in Catalan),
    # and Korean's `기자`, written after the names (with its example).
    shown = {w for words in byline_table().values() for w in words}
    shown -= {"Per", "기자", "홍길동·김철수 기자"}
    assert shown == {w for words in BY_WORDS.values() for w in words}
    for word in sorted(shown):
        text = f"\n\n# Harbour News\n\n{word} [Ann Lee](#)\n\nBody.\n\n{TRAILER}"
        assert [a.name for a in newsdump.loads(text).authors] == ["Ann Lee"], word
