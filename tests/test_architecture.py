"""The modules follow the import direction of docs/contributing.md, which lists every one.

The direction is read from the page itself ("Import direction": a numbered list, lowest
first, sibling groups of one layer parted by ``;``), so the page and this test cannot
disagree. Every import counts: at the top of a module, inside a function, under
``TYPE_CHECKING``, and ``importlib.import_module`` with a literal name.
"""

from __future__ import annotations

import ast
import graphlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "newsdump"
PAGE = ROOT / "docs" / "contributing.md"

# Imports against the direction, made inside a function so that neither module needs the
# other to load: the model's classes call on what is built on them.
DEFERRED = {
    ("model", "_model.flat"),  # pickling: the flat form is made of the classes
    ("model", "_model.references"),  # a body's link references are resolved on its blocks
}

# Imports against the direction that work in progress is removing, each with a comment
# "(issue N) removed when ..."; test_pending_imports_still_exist fails once one is gone, so
# the set only shrinks. (issue 17) The writer's imports of the parser were the last ones.
PENDING: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    """``newsdump/_parse/body.py`` as ``_parse.body``; the package itself is ``__init__``."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def target(dotted: str) -> str | None:
    """The newsdump module an absolute dotted name lives in, or None outside newsdump."""
    if dotted == "newsdump":
        return "__init__"
    if not dotted.startswith("newsdump."):
        return None
    name = dotted.removeprefix("newsdump.")
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name if name in MODULES else "__init__"


def imported(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The absolute dotted names one import statement of ``module`` brings in."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:
        here = ["newsdump", *([] if module == "__init__" else module.split("."))]
        if MODULES[module].name != "__init__.py":
            here.pop()
        here = here[: len(here) - node.level + 1]
        base = ".".join([*here, *([base] if base else [])])
    for alias in node.names:
        yield f"{base}.{alias.name}"


def dynamic_name(node: ast.Call) -> str | None:
    """The name ``importlib.import_module`` is given, when it is a literal string.

    ``sites._discovery`` imports the built-in sites by a formatted name: they are in its
    own group (``sites``), so the direction has nothing to say about them.
    """
    func = node.func
    named = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if named != "import_module" or not node.args:
        return None
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    return None


def imports(module: str) -> Iterator[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for each newsdump import of ``module``."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    functions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
    stack: list[tuple[ast.AST, bool]] = [(tree, False)]
    while stack:
        node, deferred = stack.pop()
        names: list[str] = []
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = list(imported(module, node))
        elif isinstance(node, ast.Call):
            names = [name for name in [dynamic_name(node)] if name]
        for name in names:
            found = target(name)
            if found is not None and found != module:
                yield found, getattr(node, "lineno", 0), deferred
        inside = deferred or isinstance(node, functions)
        stack.extend((child, inside) for child in ast.iter_child_nodes(node))


EDGES = {module: sorted(set(imports(module))) for module in MODULES}


def section(title: str) -> str:
    """The text of one ``###`` section of the contributing page."""
    text = PAGE.read_text(encoding="utf-8")
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^##)", text, re.M | re.S)
    assert match, f"docs/contributing.md has no '### {title}' section"
    return match.group(1)


def layers() -> list[list[set[str]]]:
    """The page's import direction: layers, lowest first, each a list of sibling groups."""
    items = re.findall(r"^\d+\. (.*(?:\n   .*)*)", section("Import direction"), re.M)
    assert items, "the import direction lists no layer"
    found = []
    for item in items:
        names = " ".join(item.split()).split(" — ")[0]
        groups = [set(re.findall(r"`([\w.]+)`", part)) for part in names.split(";")]
        assert all(groups), f"a group of {item!r} names no module"
        found.append(groups)
    return found


LAYERS = layers()
PLACES = {
    name: (rank, column)
    for rank, groups in enumerate(LAYERS)
    for column, group in enumerate(groups)
    for name in group
}


def place(module: str) -> tuple[int, int] | None:
    """(layer, group) of a module: its own entry, or its nearest package's."""
    name = module
    while name not in PLACES and "." in name:
        name = name.rsplit(".", 1)[0]
    return PLACES.get(name)


def test_every_module_has_a_place_and_every_place_a_module() -> None:
    """A new module must be put in a layer; a name no module has any more must go."""
    unplaced = [module for module in MODULES if place(module) is None]
    assert not unplaced, "put these in a layer of docs/contributing.md's import direction"
    stale = [
        name
        for name in PLACES
        if not any(module == name or module.startswith(name + ".") for module in MODULES)
    ]
    assert not stale


def test_imports_follow_the_direction() -> None:
    """A module imports from its own group and from lower layers, never up or sideways."""
    wrong = []
    for module, edges in EDGES.items():
        for imported_module, line, _ in edges:
            if (module, imported_module) in DEFERRED | PENDING:
                continue
            mine, theirs = place(module), place(imported_module)
            assert mine is not None
            assert theirs is not None
            if theirs[0] > mine[0] or (theirs[0] == mine[0] and theirs != mine):
                wrong.append(f"{MODULES[module].relative_to(SRC)}:{line} imports {imported_module}")
    assert not wrong, "\n".join(wrong)


def test_deferred_imports_are_inside_functions() -> None:
    """An import listed as deferred is never made when the module loads."""
    for module, imported_module in DEFERRED:
        lines = [
            (line, deferred) for name, line, deferred in EDGES[module] if name == imported_module
        ]
        assert lines, f"{module} no longer imports {imported_module}: drop it from DEFERRED"
        assert all(deferred for _, deferred in lines), (module, imported_module, lines)


def test_pending_imports_still_exist() -> None:
    """PENDING shrinks: an import that is gone comes off the list."""
    gone = [
        edge
        for edge in sorted(PENDING)
        if not any(name == edge[1] for name, _, _ in EDGES[edge[0]])
    ]
    assert not gone, f"remove from PENDING in tests/test_architecture.py: {gone}"


def test_no_import_cycle() -> None:
    """Apart from the deferred imports, the modules import one another in an order."""
    graph = {
        module: {name for name, _, _ in edges if (module, name) not in DEFERRED}
        for module, edges in EDGES.items()
    }
    graphlib.TopologicalSorter(graph).prepare()


def test_the_page_lists_every_module_once() -> None:
    """The module list names each file of src/newsdump, and nothing else."""
    listed = re.findall(r"^- `(newsdump/[\w/]+\.py)`", section("Modules"), re.M)
    files = {path.relative_to(SRC).as_posix() for path in MODULES.values()}
    assert len(listed) == len(set(listed)), "a module is listed twice"
    missing, gone = sorted(files - set(listed)), sorted(set(listed) - files)
    assert not missing, f"add a line to docs/contributing.md's module list for {missing}"
    assert not gone, f"docs/contributing.md's module list names modules that are gone: {gone}"


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("errors", "_model.lines"),
        ("_model.layout", "model"),
        ("model", "_parse.body"),
        ("sites", "_parse.document"),
        ("_parse.document", "_api"),
        ("_api", "_dump"),
        ("_dump", "arrow"),
        ("testing", "cli"),
    ],
)
def test_the_page_keeps_the_pipeline_order(low: str, high: str) -> None:
    """What the pipeline needs below stays below (a guard on the page's list itself)."""
    low_place, high_place = place(low), place(high)
    assert low_place is not None
    assert high_place is not None
    assert low_place[0] < high_place[0]
