"""The atheris harnesses in ``fuzz/`` stay runnable: each imports, and its ``check``
holds on a few hundred inputs, with a stand-in for atheris (which CI does not install).

The stand-in's `FuzzedDataProvider` draws its choices from a generator seeded by the
input's bytes: not coverage-guided, but every harness's recipes, shared pieces
(``tests/_hostile.py``) and properties run. The dump harnesses also run over their own
seed corpora (``--seeds``).
"""

from __future__ import annotations

import random
import runpy
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
HARNESSES = sorted(path.name for path in FUZZ.glob("fuzz_*.py"))
INPUTS = 200


class FakeDataProvider:
    """atheris' `FuzzedDataProvider`, as far as the harnesses use it."""

    def __init__(self, data: bytes) -> None:
        self._random = random.Random(data)

    def ConsumeBool(self) -> bool:  # noqa: N802 - atheris' names
        return self._random.random() < 0.5

    def ConsumeIntInRange(self, low: int, high: int) -> int:  # noqa: N802
        return self._random.randint(low, high)

    def ConsumeBytes(self, count: int) -> bytes:  # noqa: N802
        return self._random.randbytes(count)

    def PickValueInList(self, values: list[Any]) -> Any:  # noqa: N802
        return self._random.choice(values)

    def ConsumeUnicode(self, count: int) -> str:  # noqa: N802
        return "".join(chr(self._random.randint(0, 0x10FFFF)) for _ in range(count))

    def ConsumeUnicodeNoSurrogates(self, count: int) -> str:  # noqa: N802
        return "".join(chr(self._random.randint(0x20, 0xD7FF)) for _ in range(count))


class _Instrumented:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_: object) -> None:
        return None


@pytest.fixture
def harness(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], dict[str, Any]]]:
    """Run a harness file as a module (not as a script): its globals, ``check`` among them."""
    stub = types.ModuleType("atheris")
    vars(stub).update(
        FuzzedDataProvider=FakeDataProvider,
        instrument_imports=_Instrumented,
        Setup=lambda argv, check: None,
        Fuzz=lambda: None,
    )
    monkeypatch.setitem(sys.modules, "atheris", stub)
    monkeypatch.setattr(sys, "path", [str(FUZZ), *sys.path])
    before = set(sys.modules)
    yield lambda name: runpy.run_path(str(FUZZ / name), run_name="harness")
    for name in set(sys.modules) - before:  # _harness, fuzz_read_dump: fresh next time
        del sys.modules[name]


@pytest.mark.parametrize("name", HARNESSES)
def test_harness_check_holds(harness: Callable[[str], dict[str, Any]], name: str) -> None:
    """Each harness's ``check`` raises nothing on inputs of every size."""
    check = harness(name)["check"]
    inputs = random.Random(name)
    for _ in range(INPUTS):
        check(inputs.randbytes(inputs.randint(0, 1500)))


@pytest.mark.parametrize("name", ["fuzz_read_dump.py", "fuzz_read_dump_tar_jsonl.py"])
def test_dump_harness_seeds_hold(
    harness: Callable[[str], dict[str, Any]], name: str, tmp_path: Path
) -> None:
    """``--seeds`` writes a corpus, and ``check`` holds on each of its inputs."""
    module = harness(name)
    module["write_seeds"](tmp_path)
    seeds = sorted(tmp_path.iterdir())
    assert seeds
    for seed in seeds:
        module["check"](seed.read_bytes())
