"""The public façade: ``__all__`` is sorted, complete and importable."""

from __future__ import annotations

import subprocess
import sys

import newsdump


def test_all_is_sorted() -> None:
    """``__all__`` is kept in sorted order."""
    assert newsdump.__all__ == sorted(newsdump.__all__)


def test_all_is_complete() -> None:
    """Every public name of the package is in ``__all__`` and every listed name exists."""
    public = {
        name
        for name, value in vars(newsdump).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("newsdump")
    }
    assert public <= set(newsdump.__all__)
    for name in newsdump.__all__:
        assert hasattr(newsdump, name)


def test_py_typed_ships() -> None:
    """The package is marked as typed."""
    from importlib.resources import files

    assert files("newsdump").joinpath("py.typed").is_file()


def test_import_is_light() -> None:
    """Importing newsdump does not import markdown-it-py; it loads on first use."""
    code = "import sys, newsdump; print('markdown_it' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
