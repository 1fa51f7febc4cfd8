"""Fuzz `newsdump.loads`: lenient never raises and round-trips; strict raises only ParseError.

.venv/bin/python fuzz/fuzz_loads.py -max_total_time=600 fuzz/corpus/loads
"""

from __future__ import annotations

import atheris
from _harness import ParseError, check_error_position, main, newsdump


def check(data: bytes) -> None:
    """One input: the text is drawn as Unicode (surrogates included) from the bytes."""
    text = atheris.FuzzedDataProvider(data).ConsumeUnicode(len(data))
    article = newsdump.loads(text)
    assert newsdump.dumps(article) == text
    try:
        newsdump.loads(text, strict=True)
    except ParseError as error:
        check_error_position(error, text)
    _ = article.text  # plain text must not raise either


if __name__ == "__main__":
    main(check)
