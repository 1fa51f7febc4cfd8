"""Build the sdist and the wheel, install each into a fresh virtual environment, smoke-test it.

``python -m build`` builds the sdist and then the wheel from the sdist, so a file missing
from the sdist breaks the wheel too. Each artifact is installed, with its dependencies
only, into its own new virtual environment, and there, outside the repository, the
installed package must import from the environment (not from ``src/``), report the
version in ``src/newsdump/_version.py``, parse the example dump, write it back byte for
byte, survive ``to_dict``/``from_dict`` and the canonical form, and run as the
``newsdump`` command. Exits non-zero, saying which step failed, when anything fails.

    .venv/bin/python scripts/smoke_wheel.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "001_3f9a0c2b7d41e865.txt"
HEADLINE = "Harbour Town Opens Floating Library for Island Schools"

SMOKE = """
import pathlib, sys
import newsdump

assert pathlib.Path(newsdump.__file__).is_relative_to(sys.prefix), newsdump.__file__
assert newsdump.__version__ == sys.argv[1], (newsdump.__version__, sys.argv[1])
path = pathlib.Path(sys.argv[2])
article = newsdump.load(path, strict=True)
assert article.headline == sys.argv[3], article.headline
assert article.site and article.authors and article.published and article.body
assert newsdump.dumps(article).encode("utf-8") == path.read_bytes(), "round trip"
assert newsdump.from_dict(newsdump.to_dict(article)) == article, "to_dict round trip"
canonical = newsdump.dumps(article, canonical=True)
assert newsdump.loads(canonical) == article, "canonical round trip"
assert newsdump.format_text(canonical) == canonical, "canonical fixed point"
assert newsdump.schema()["title"] == "newsdump article record", "the JSON Schema ships"
assert "pyarrow" not in sys.modules, "import newsdump imports pyarrow"
print("ok", newsdump.__version__, newsdump.__file__)
"""


def run(*command: str | Path, cwd: Path | None = None) -> str:
    """Run a command; on failure print its output and stop with its exit code."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode:
        print(f"smoke: failed: {' '.join(map(str, command))}", file=sys.stderr)
        print(done.stdout + done.stderr, file=sys.stderr)
        raise SystemExit(done.returncode)
    return done.stdout


def version() -> str:
    """The version, from its single place."""
    text = (ROOT / "src" / "newsdump" / "_version.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if not match:
        raise SystemExit("smoke: no __version__ in src/newsdump/_version.py")
    return match.group(1)


def build(out: Path, expected: str) -> tuple[Path, Path]:
    """Build the sdist and the wheel into ``out``; returns them."""
    run(sys.executable, "-m", "build", "--outdir", out, ROOT)
    wheels, sdists = sorted(out.glob("*.whl")), sorted(out.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        raise SystemExit(f"smoke: expected one wheel and one sdist, got {wheels + sdists}")
    wheel, sdist = wheels[0], sdists[0]
    for artifact in (wheel, sdist):
        if f"-{expected}" not in artifact.name:
            raise SystemExit(f"smoke: {artifact.name} does not carry version {expected}")
    check_wheel(wheel)
    return wheel, sdist


def check_wheel(wheel: Path) -> None:
    """The wheel holds the typed package and nothing of the repository's tooling."""
    names = zipfile.ZipFile(wheel).namelist()
    needed_files = (
        "newsdump/__init__.py",
        "newsdump/py.typed",
        "newsdump/model.py",
        "newsdump/article.schema.json",  # newsdump.schema() reads it
    )
    for needed in needed_files:
        if needed not in names:
            raise SystemExit(f"smoke: {wheel.name} lacks {needed}")
    stray = [n for n in names if n.split("/")[0] in {"tests", "docs", "benchmarks", "scripts"}]
    if stray:
        raise SystemExit(f"smoke: {wheel.name} ships {stray[:5]}")


def smoke(artifact: Path, work: Path, expected: str) -> None:
    """Install ``artifact`` into a new virtual environment and exercise it outside the repo."""
    env = work / ("venv-wheel" if artifact.suffix == ".whl" else "venv-sdist")
    run(sys.executable, "-m", "venv", env)
    bin_dir = env / ("Scripts" if sys.platform == "win32" else "bin")
    run(bin_dir / "python", "-m", "pip", "install", "-q", artifact)
    here = work / "run"
    here.mkdir(exist_ok=True)
    example = shutil.copy(EXAMPLE, here / EXAMPLE.name)
    print(run(bin_dir / "python", "-c", SMOKE, expected, example, HEADLINE, cwd=here).strip())
    shown = run(bin_dir / "newsdump", "show", example, cwd=here)
    if HEADLINE not in shown:
        raise SystemExit(f"smoke: `newsdump show` printed {shown!r}")


def main() -> int:
    """Build, install and smoke-test both artifacts; returns the exit code."""
    expected = version()
    with tempfile.TemporaryDirectory(prefix="newsdump-smoke-") as tmp:
        work = Path(tmp)
        wheel, sdist = build(work / "dist", expected)
        for artifact in (wheel, sdist):
            print(f"smoke: {artifact.name}")
            smoke(artifact, work, expected)
    print("smoke: the wheel and the sdist install into fresh environments and work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
