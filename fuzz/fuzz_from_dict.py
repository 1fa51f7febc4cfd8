"""Fuzz `newsdump.from_dict` on JSON: only ParseError escapes; what it reads round-trips.

.venv/bin/python fuzz/fuzz_from_dict.py -max_total_time=600 fuzz/corpus/from_dict
"""

from __future__ import annotations

import json

from _harness import ParseError, main, newsdump


def check(data: bytes) -> None:
    """One input: JSON text; inputs that are not JSON are skipped."""
    try:
        record = json.loads(data)
    except (ValueError, RecursionError):
        return
    try:
        article = newsdump.from_dict(record)
    except ParseError:
        return
    assert newsdump.from_dict(newsdump.to_dict(article)) == article


if __name__ == "__main__":
    main(check)
