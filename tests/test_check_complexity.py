"""scripts/check_complexity.py fails on what radon ranks too low and on mccabe noqa comments."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def checker() -> ModuleType:
    """The script, imported from its file (radon comes with the lint extra)."""
    pytest.importorskip("radon")
    path = ROOT / "scripts" / "check_complexity.py"
    spec = importlib.util.spec_from_file_location("check_complexity", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def branches(name: str, count: int) -> str:
    """A function of complexity ``count + 1``: one ``if`` per step."""
    lines = [f"def {name}(x: int) -> int:", "    total = 0"]
    for step in range(count):
        lines += [f"    if x == {step}:", f"        total += {step}"]
    return "\n".join([*lines, "    return total", ""])


def problems(checker: ModuleType, tmp_path: Path, source: str) -> list[str]:
    """The checker's findings on one module holding ``source``."""
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    found: list[str] = checker.check([path], [path])
    return found


def test_complexity_20_passes_and_21_fails(checker: ModuleType, tmp_path: Path) -> None:
    """C is complexity 11 to 20; 21 is D, the first rank that fails."""
    assert problems(checker, tmp_path, '"""Doc."""\n\n' + branches("worst_allowed", 19)) == []
    (found,) = problems(checker, tmp_path, '"""Doc."""\n\n' + branches("too_many", 20))
    assert ":3: too_many is complexity 21 (D)" in found


def test_a_method_above_c_fails(checker: ModuleType, tmp_path: Path) -> None:
    """Methods are ranked with their class's name."""
    method = "\n".join("    " + line for line in branches("busy", 22).splitlines())
    source = f'"""Doc."""\n\n\nclass Holder:\n    """Doc."""\n\n{method}\n'
    found = problems(checker, tmp_path, source)
    assert any("Holder.busy is complexity 23 (D)" in line for line in found)


def test_a_module_below_a_fails(checker: ModuleType, tmp_path: Path) -> None:
    """Many long, branching functions bring the maintainability index under 20."""
    source = "\n\n".join(branches(f"step_{n}", 15) for n in range(12))
    (found,) = problems(checker, tmp_path, source)
    assert "maintainability index" in found
    assert "(B)" in found or "(C)" in found


def test_a_mccabe_noqa_fails_wherever_it_is(checker: ModuleType, tmp_path: Path) -> None:
    """A comment silencing C901 (or all of C90) fails; the same words in a string do not."""
    marker = "noqa: C9" + "01"
    source = f'"""Doc."""\n\nNOTE = "{marker}"\n\n\ndef f() -> None:  # {marker}\n    pass\n'
    (found,) = problems(checker, tmp_path, source)
    assert ":6:" in found
    assert "silences mccabe" in found
    assert problems(checker, tmp_path, "# ruff: noqa: E501, C90\nX = 1\n")


def test_unreadable_code_fails(checker: ModuleType, tmp_path: Path) -> None:
    """A file radon cannot parse is a failure, not a silent skip."""
    assert problems(checker, tmp_path, "def broken(:\n")


def test_main_exit_status(checker: ModuleType, tmp_path: Path) -> None:
    """Exit 1 with the problems printed, 0 when clean."""
    bad = tmp_path / "bad.py"
    bad.write_text('"""Doc."""\n\n' + branches("too_many", 25), encoding="utf-8")
    good = tmp_path / "good.py"
    good.write_text('"""Doc."""\n\nX = 1\n', encoding="utf-8")
    assert checker.main([str(bad)]) == 1
    assert checker.main([str(good)]) == 0


def test_ruff_checks_mccabe_at_10_everywhere() -> None:
    """pyproject selects C90 at complexity 10 and ignores it for no file."""
    ruff = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]
    lint = ruff["lint"]
    assert "C90" in lint["select"]
    assert lint["mccabe"]["max-complexity"] == 10
    ignored = [*lint.get("ignore", []), *lint.get("extend-ignore", [])]
    for codes in lint.get("per-file-ignores", {}).values():
        ignored += codes
    assert not [code for code in ignored if code.startswith("C9")]
