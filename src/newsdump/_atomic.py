"""Files read without following links, and written whole or not at all.

A write goes to a temporary file in the target's folder (so that the rename cannot cross
file systems), is flushed to the disk, takes the mode of the file it replaces, and is
renamed over the target in one step (`os.replace`). A reader of the target sees the old
bytes or the new ones, never a part; a write that fails (a full disk, a file size limit,
Ctrl-C) removes its temporary file and leaves the target as it was. Only a process killed
outright (``kill -9``, a power cut) can leave a temporary file behind: it is named
``.NAME.XXXXXXXX.tmp`` beside the target, never the target itself.

`read_file` reads a regular file without following a symbolic link and returns its
`Identity` (device, inode, size, modification time); `replace_file` with ``expect=`` writes
only while the file at that path is still that one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from typing import IO, Any, NamedTuple

__all__ = [
    "FileChangedError",
    "Identity",
    "atomic_text_writer",
    "atomic_writer",
    "identity",
    "read_file",
    "replace_file",
]

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)
)
# What open() with O_NOFOLLOW sets errno to for a link (ELOOP on Linux, EMLINK on FreeBSD).
_LINK_ERRNOS = {errno.ELOOP, getattr(errno, "EMLINK", errno.ELOOP)}
LINK_REASON = "a symbolic link (not followed)"


class Identity(NamedTuple):
    """Which file a path led to, and its state: equal identities mean an unchanged file."""

    device: int
    inode: int
    size: int
    mtime_ns: int


class FileChangedError(OSError):
    """The file at a path is no longer the one that was read: it was not written."""


def identity(status: os.stat_result) -> Identity:
    """The `Identity` of a ``stat`` result."""
    return Identity(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def read_file(path: str | os.PathLike[str], most: int) -> tuple[bytes, Identity]:
    """The bytes of a regular file (at most ``most`` + 1 of them) and its identity.

    A symbolic link is not followed.

    Raises:
        OSError: the file cannot be opened or read; a symbolic link (``ELOOP``, with the
            reason ``a symbolic link (not followed)``) or not a regular file.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno in _LINK_ERRNOS and os.path.islink(path):
            raise OSError(errno.ELOOP, LINK_REASON, os.fspath(path)) from None
        raise
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
        chunks = []
        left = most + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks), identity(status)
    finally:
        os.close(fd)


def replace_file(
    path: str | os.PathLike[str], data: bytes, *, expect: Identity | None = None
) -> None:
    """Write ``data`` as the whole of ``path`` in one step, keeping the file's mode.

    Args:
        path: the file to write (created when ``expect`` is ``None`` and it is missing).
        data: its new bytes.
        expect: the identity the file had when it was read: the write is refused when the
            path is now a symbolic link or another file, or the file changed since.

    Raises:
        FileChangedError: ``expect`` does not match (nothing was written).
        OSError: the temporary file cannot be made or written, or the file is read-only
            (no write permission, for this user or for anyone): nothing was written.
    """
    with atomic_writer(path, expect=expect) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_writer(
    path: str | os.PathLike[str], *, expect: Identity | None = None
) -> Iterator[IO[bytes]]:
    """A binary file to write the whole of ``path`` into, put in its place on success.

    If the block raises (including `KeyboardInterrupt`), the temporary file is removed
    and ``path`` is left as it was. See `replace_file` for ``expect`` and the errors.
    """
    with _atomic(path, expect, "wb", None) as handle:
        yield handle


@contextlib.contextmanager
def atomic_text_writer(
    path: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str | None = ""
) -> Iterator[IO[str]]:
    """`atomic_writer` for text, with the ``encoding`` and ``newline`` of `open`."""
    with _atomic(path, None, "w", encoding, newline) as handle:
        yield handle


@contextlib.contextmanager
def _atomic(
    path: str | os.PathLike[str],
    expect: Identity | None,
    mode: str,
    encoding: str | None,
    newline: str | None = None,
) -> Iterator[IO[Any]]:
    target = os.fspath(path)
    permissions = _mode_for(target, expect)
    folder, base = os.path.split(os.path.abspath(target))
    # The name is chosen before the file is made, so that a Ctrl-C that lands as it is
    # made (after the file exists, before its name is known) still finds it to remove.
    temporary = os.path.join(folder, f".{base}.{secrets.token_hex(8)}.tmp")
    try:
        fd = _create(temporary, target)
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            _chmod(handle.fileno(), temporary, permissions)
            os.fsync(handle.fileno())
        if expect is not None:
            _recheck(target, expect)
        os.replace(temporary, target)
    except _NameTakenError:
        raise OSError(errno.EEXIST, "a temporary file of that name exists", target) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


class _NameTakenError(Exception):
    """The temporary file's name was taken (not by this write: not ours to remove)."""


def _create(temporary: str, target: str) -> int:
    """A new file at ``temporary``, readable and writable by its owner alone."""
    try:
        return os.open(temporary, _CREATE_FLAGS, 0o600)
    except FileExistsError:
        raise _NameTakenError from None
    except OSError as exc:  # a folder that cannot be written in: name the file meant
        raise OSError(exc.errno, exc.strerror, target) from None


_CREATE_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _mode_for(target: str, expect: Identity | None) -> int:
    """The permission bits the new file gets: the old file's, or the umask's for a new one."""
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        if expect is not None:
            raise FileChangedError(errno.ENOENT, "removed since it was read", target) from None
        return 0o666 & ~_umask()
    if expect is not None:
        _same(target, status, expect)
    if stat.S_ISLNK(status.st_mode):
        raise OSError(errno.ELOOP, LINK_REASON, target)
    mode = stat.S_IMODE(status.st_mode)
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "read-only", target)
    return mode


def _same(target: str, status: os.stat_result, expect: Identity) -> None:
    if stat.S_ISLNK(status.st_mode):
        raise FileChangedError(errno.ELOOP, "replaced by a symbolic link since it was read", target)
    if identity(status) != expect:
        raise FileChangedError(errno.EAGAIN, "changed since it was read", target)


def _recheck(target: str, expect: Identity) -> None:
    """Check again, just before the rename, that the file is still the one read."""
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        raise FileChangedError(errno.ENOENT, "removed since it was read", target) from None
    _same(target, status, expect)


def _chmod(fd: int, temporary: str, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:  # Windows before Python 3.13
        os.chmod(temporary, mode)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable where the system allows syncing a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
