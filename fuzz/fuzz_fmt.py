"""Fuzz `newsdump fmt`'s canonical form: it never raises, reads back as the same article
(law 4), and is a fixed point of `format_text`.

.venv/bin/python fuzz/fuzz_fmt.py -max_total_time=600 -dict=fuzz/fmt.dict fuzz/corpus/fmt
"""

from __future__ import annotations

import atheris
from _harness import main, newsdump


def check(data: bytes) -> None:
    """One input: the text is drawn as Unicode (surrogates included) from the bytes."""
    text = atheris.FuzzedDataProvider(data).ConsumeUnicode(len(data))
    article = newsdump.loads(text)  # lenient: never raises
    canonical = newsdump.dumps(article, canonical=True)  # never raises
    again = newsdump.loads(canonical)
    assert again == article, (text, canonical)  # law 4: the same article
    assert newsdump.format_text(canonical) == canonical, (text, canonical)  # a fixed point
    assert newsdump.dumps(again, canonical=True) == canonical, (text, canonical)


if __name__ == "__main__":
    main(check)
