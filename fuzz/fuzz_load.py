"""Fuzz `newsdump.load` on bytes: only ParseError escapes; surrogateescape round-trips.

.venv/bin/python fuzz/fuzz_load.py -max_total_time=600 fuzz/corpus/load
"""

from __future__ import annotations

import contextlib
import io

from _harness import ParseError, main, newsdump


def check(data: bytes) -> None:
    """One input: the raw bytes of a file."""
    with contextlib.suppress(ParseError):  # anything else escapes and is a crash
        newsdump.load(io.BytesIO(data))
    article = newsdump.load(io.BytesIO(data), errors="surrogateescape")
    out = io.BytesIO()
    newsdump.dump(article, out)
    assert out.getvalue() == data


if __name__ == "__main__":
    main(check)
