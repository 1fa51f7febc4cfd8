"""Where the files of a dump come from: a folder tree, one file, or JSON Lines.

Each source yields *items* in a deterministic order: ``(name, payload)`` where ``name`` is
the file's path inside the dump and ``payload`` is what to parse: the file's bytes, a
`pathlib.Path` to read (so that worker processes read folder files themselves), already
decoded text (a JSON line), or the `DumpError` that stands for the file.
Archives (zip, tar) are in `newsdump._dump._archives`.
"""

from __future__ import annotations

import fnmatch
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from newsdump._api import _decode
from newsdump._dump._limits import Limits
from newsdump.errors import DumpError, NewsdumpError

__all__ = ["CHUNK", "Item", "Payload", "iter_folder", "iter_jsonl", "read_limited", "read_path"]

Payload = bytes | str | Path | NewsdumpError
Item = tuple[str, Payload]
CHUNK = 1 << 16


def read_limited(stream: object, name: str, limits: Limits, compressed: int | None = None) -> bytes:
    """Read a stream to its end, refusing more than ``max_bytes`` or a bomb's ratio.

    Args:
        stream: an object with ``read(size)`` giving bytes.
        name: the file's name inside the dump, for errors.
        limits: the limits to enforce, on the bytes actually read.
        compressed: the compressed size the bytes come from, when the ratio applies.

    Raises:
        DumpError: ``too-large`` or ``bomb``.
    """
    read = getattr(stream, "read")  # noqa: B009 (any object with read)
    chunks: list[bytes] = []
    total = 0
    while chunk := read(CHUNK):
        total += len(chunk)
        if total > limits.max_bytes:
            raise DumpError(
                f"larger than max_bytes={limits.max_bytes}", code="too-large", name=name
            )
        if compressed is not None and limits.is_bomb(total, compressed):
            raise DumpError(
                f"expands {total // max(compressed, 1)}x (max_ratio={limits.max_ratio:g})",
                code="bomb",
                name=name,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def read_path(path: Path, name: str, limits: Limits) -> bytes:
    """The bytes of a regular file, without following a symlink put in its place.

    Raises:
        DumpError: the file cannot be read (``unreadable``), is not a regular file, or is
            larger than the limit.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DumpError(exc.strerror or str(exc), code="unreadable", name=name) from None
    with open(fd, "rb", closefd=True) as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DumpError("not a regular file", code="not-a-file", name=name)
        try:
            return read_limited(handle, name, limits)
        except OSError as exc:
            raise DumpError(exc.strerror or str(exc), code="unreadable", name=name) from None


def iter_folder(root: Path, pattern: str) -> Iterator[Item]:
    """The files under ``root`` whose name matches ``pattern``, depth first, sorted by name.

    Symbolic links (to matching files, or to folders) and special files are error
    entries, never followed or opened; a subfolder that cannot be listed is an ``unreadable`` entry.
    """
    yield from _walk(root, "", pattern)


def _walk(folder: Path, prefix: str, pattern: str) -> Iterator[Item]:
    try:
        with os.scandir(folder) as listing:
            names = sorted(entry.name for entry in listing)
    except OSError as exc:
        yield prefix.rstrip("/"), DumpError(exc.strerror or str(exc), code="unreadable")
        return
    for base in names:
        path = folder / base
        name = prefix + base
        try:
            mode = os.lstat(path).st_mode
        except OSError as exc:
            yield name, DumpError(exc.strerror or str(exc), code="unreadable", name=name)
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path, name + "/", pattern)
        elif fnmatch.fnmatchcase(base, pattern) or (stat.S_ISLNK(mode) and path.is_dir()):
            yield name, _file_payload(path, name, mode)


def _file_payload(path: Path, name: str, mode: int) -> Payload:
    if stat.S_ISLNK(mode):
        return DumpError("a symbolic link (not followed)", code="link", name=name)
    if not stat.S_ISREG(mode):
        return DumpError("not a regular file", code="not-a-file", name=name)
    return path


def iter_jsonl(path: Path, limits: Limits) -> Iterator[Item]:
    """One item per non-blank line: a JSON string, or an object with ``text`` (and ``name``).

    A line's name is the object's ``name`` when it has one, else ``#`` and its line number.
    """
    with open(path, "rb") as handle:
        number = 0
        while line := handle.readline(limits.max_bytes + 1):
            number += 1
            if len(line) > limits.max_bytes and not line.endswith(b"\n"):
                _skip_line(handle)
                reason = f"line longer than max_bytes={limits.max_bytes}"
                yield f"#{number}", DumpError(reason, code="too-large", name=f"#{number}")
            elif line.strip():
                yield _json_item(line, number)


def _skip_line(handle: object) -> None:
    readline = getattr(handle, "readline")  # noqa: B009
    while (rest := readline(CHUNK)) and not rest.endswith(b"\n"):
        pass


def _json_item(line: bytes, number: int) -> Item:
    name = f"#{number}"
    try:
        value = json.loads(_decode(line, "utf-8", "strict", name))
    except NewsdumpError as exc:
        return name, exc
    except ValueError as exc:
        return name, DumpError(f"not JSON: {exc}", code="invalid-record", name=name)
    if isinstance(value, dict):
        name = value["name"] if isinstance(value.get("name"), str) else name
        value = value.get("text")
    if not isinstance(value, str):
        reason = 'expected a JSON string or an object with a "text" string'
        return name, DumpError(reason, code="invalid-record", name=name)
    return name, value
