"""The documentation runs: every example in docs/ and README.md executes and shows true output."""

from __future__ import annotations

import contextlib
import doctest
import importlib
import io
import pkgutil
import re
import shutil
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
# Shown, never run; any other fence language fails a test, so nothing is skipped by accident.
SHOWN = {"", "text", "console", "sh", "bash", "shell", "toml", "yaml", "json", "markdown", "diff"}
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
        assert fence.lang in RUN | DOCTEST | SHOWN, f"{fence.where}: unknown fence {fence.info!r}"


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


def test_api_reference_covers_the_public_api() -> None:
    """Each name in ``newsdump.__all__`` has an entry in docs/api.md."""
    reference = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: newsdump\.(\w+)$", reference, re.M))
    public = {name for name in newsdump.__all__ if not name.startswith("_")}
    assert sorted(public - documented) == []


def test_changelog_page_includes_the_changelog() -> None:
    """The site's changelog page is the repository's CHANGELOG.md, included, not copied."""
    page = (DOCS / "changelog.md").read_text(encoding="utf-8")
    assert '--8<-- "CHANGELOG.md"' in page
    assert "\n## [Unreleased]\n" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def modules() -> list[ModuleType]:
    """Every module of the newsdump package but ``__main__`` (importing it runs the CLI)."""
    found = pkgutil.walk_packages(newsdump.__path__, "newsdump.")
    names = [m.name for m in found if not m.name.endswith(".__main__")]
    return [newsdump, *(importlib.import_module(name) for name in sorted(names))]


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
