"""Small invented dumps for the dump and command-line tests, built in a temporary folder."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

TOWNS = ("Harbourside", "Millbrook", "Stonehaven", "Larchmere", "Fenwick", "Oakridge")


def article_text(number: int) -> str:
    """An invented dump file in the reference layout; ``number`` varies every field."""
    town = TOWNS[number % len(TOWNS)]
    return (
        f"\n\n# {town} Council Votes on Bridge Repair {number}\n\n"
        f"By [Ada Quill](#) and [Bo Fenn](#)\n\nMarch {number % 28 + 1}, 2024\n\n\n\n"
        f"Cam Doyle/Valley Post\n\nThe council of {town} met on a wet evening.\n\n"
        f"**Related article: [Ferry Fares Frozen {number}](#)**\n\n"
        f"Original url:\n\n<https://www.valley{number % 3}.example/news/bridge-{number}>"
    )


def files(count: int) -> dict[str, bytes]:
    """``count`` dump files under two subfolders, by their path inside the dump."""
    return {
        f"{'a' if n % 2 else 'b'}/{n:03}_{n * 7919:016x}.txt": article_text(n).encode()
        for n in range(count)
    }


def write_folder(root: Path, members: dict[str, bytes]) -> Path:
    """A folder tree holding ``members``."""
    for name, data in members.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A deflated zip archive of ``members``, in the order given."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def write_tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    """A tar archive of ``members`` (``mode`` picks the compression)."""
    with tarfile.open(path, mode) as archive:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def write_jsonl(path: Path, members: dict[str, bytes]) -> Path:
    """A JSON Lines file with one ``{"name", "text"}`` object per member."""
    lines = (json.dumps({"name": n, "text": d.decode()}) for n, d in members.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def in_walk_order(members: dict[str, bytes]) -> dict[str, bytes]:
    """``members`` in the order read_dump walks a folder: depth first, by name."""
    return dict(sorted(members.items(), key=lambda item: item[0].split("/")))
