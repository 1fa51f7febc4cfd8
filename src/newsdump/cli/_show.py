"""What ``newsdump show`` reads: one file, or one file inside an archive or JSON Lines dump.

A path as ``check`` prints it (``dump.zip/2025/x.txt``, ``dumps.jsonl/#3``) names a file
in a dump; a dump itself, or a folder, is a usage error that says what to do instead.
"""

from __future__ import annotations

import datetime as dt
import io
import os

from newsdump._api import Parser
from newsdump._atomic import read_file
from newsdump._dump._reader import DumpEntry, kind_of, read_dump, read_member
from newsdump._limits import DEFAULT_LIMITS
from newsdump.cli._common import UsageError, installed_sites
from newsdump.errors import DumpError
from newsdump.model import Article

__all__ = ["read_shown"]

_KINDS = {"zip": "a zip archive", "tar": "a tar archive", "jsonl": "a JSON Lines dump"}


def read_shown(
    path: str,
    *,
    strict: bool = False,
    now: dt.datetime | None = None,
    language: str | None = None,
) -> Article:
    """The article ``show`` prints for ``path``.

    Raises:
        UsageError: the path is missing, unreadable, a folder or a whole dump, or names
            no file of the dump it is in.
        NewsdumpError: the file's own error (bad encoding; with ``strict``, the format).
    """
    if not os.path.lexists(path):
        return _member(path, strict, now, language)
    if os.path.isdir(path) and not os.path.islink(path):
        raise UsageError(
            f"{path} is a folder: show reads one file (name one in it), "
            "check, export and stats read whole dumps"
        )
    # Read as every command reads a file: a symbolic link is not followed.
    try:
        data, _ = read_file(path, DEFAULT_LIMITS.max_bytes)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    kind = kind_of(path)
    if kind in _KINDS:
        raise UsageError(
            f"{path} is {_KINDS[kind]}: show reads one file; name one of its files as check "
            f"prints it ({path}/NAME), or use check, export or stats for the whole dump"
        )
    stream = io.BytesIO(data)
    stream.name = path
    if now is not None or language is not None:  # the shared parsers have neither
        return Parser(installed_sites(), strict=strict, now=now, language=language).load(stream)
    return installed_sites.parser(strict=strict).load(stream)


def _member(path: str, strict: bool, now: dt.datetime | None, language: str | None) -> Article:
    """The file ``NAME`` of ``DUMP/NAME``, where DUMP is an archive or JSON Lines file."""
    parts = path.split("/")
    for cut in range(len(parts) - 1, 0, -1):
        dump = "/".join(parts[:cut])
        if os.path.isfile(dump) and not os.path.islink(dump):
            return _read_member(dump, "/".join(parts[cut:]), strict, now, language)
        if os.path.lexists(dump):
            break
    raise UsageError(f"cannot read {path}: No such file or directory")


def _read_member(
    dump: str, name: str, strict: bool, now: dt.datetime | None, language: str | None
) -> Article:
    try:
        kind = kind_of(dump)
        if kind not in _KINDS:
            raise UsageError(f"cannot read {dump}/{name}: {dump} is not an archive or JSON Lines")
        if now is None and language is None:
            entry = read_member(dump, name, strict=strict, sites=installed_sites())
        else:
            entry = _member_at(dump, name, strict, now, language)
    except OSError as exc:
        raise UsageError(f"cannot read {dump}: {exc.strerror or exc}") from None
    except DumpError as exc:
        raise UsageError(f"cannot read {dump}: {exc.reason}") from None
    if entry is None:
        raise UsageError(f"{dump} has no file named {name}")
    return entry.unwrap()


def _member_at(
    dump: str, name: str, strict: bool, now: dt.datetime | None, language: str | None
) -> DumpEntry | None:
    """`read_member` with a reference time or a language for datelines (which it does
    not take): the dump's files of the same base name are read, the one named kept."""
    base = name.rsplit("/", 1)[-1]
    pattern = "".join(f"[{c}]" if c in "*?[" else c for c in base)  # fnmatch, escaped
    found = read_dump(
        dump,
        strict=strict,
        sites=installed_sites(),
        pattern=pattern,
        now=now,
        language=language,
    )
    return next((entry for entry in found if entry.name == name), None)
