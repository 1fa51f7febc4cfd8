"""What every harness shares: starting atheris, and the checks on what may escape.

A harness module defines ``check(data: bytes) -> None``, which raises
`AssertionError` (or lets any unexpected exception escape) when a property
breaks, and ends with ``main(check)``. libFuzzer's own options go on the command
line (see README.md).

Importing this module also puts ``tests/`` on ``sys.path``: the dump harnesses take
their hostile names, tar pieces and reading checks from ``tests/_hostile.py``, the
very ones the Hypothesis fuzz tests use.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

with atheris.instrument_imports():
    import newsdump
    from newsdump import ParseError

__all__ = ["ParseError", "check_error_position", "main", "newsdump"]


def check_error_position(error: ParseError, text: str) -> None:
    """A strict error points at a line and column inside ``text``."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert 1 <= error.line <= max(len(lines), 1), (error.line, len(lines))
    width = len(lines[error.line - 1]) if lines else 0
    assert 1 <= error.column <= width + 1, (error.column, width)


def main(check: Callable[[bytes], None]) -> None:
    """Run ``check`` under libFuzzer with the command line's options."""
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
