"""Inputs for the benchmarks: the shared corpus when it is there, and synthetic dumps."""

from __future__ import annotations

import random
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
_WORDS = [
    "harbour",
    "council",
    "ferry",
    "island",
    "school",
    "winter",
    "bridge",
    "market",
    "river",
    "vote",
    "timetable",
    "volunteer",
    "library",
    "orchard",
    "festival",
    "crossing",
    "mayor",
    "budget",
    "storm",
    "coast",
]


def corpus_texts() -> list[str]:
    """The shared corpus's dump texts, or an empty list when it is absent."""
    folder = SHARED / "corpus" / "dumps"
    if not folder.is_dir():
        return []
    return [p.read_bytes().decode("utf-8") for p in sorted(folder.glob("*.txt"))]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 20))]
    if rng.random() < 0.3:
        at = rng.randrange(len(words))
        words[at] = f"[{words[at]}](#)"
    if rng.random() < 0.1:
        words[0] = f"*{words[0]}*"
    return " ".join(words).capitalize() + "."


def synthetic_dump(rng: random.Random, size: int = 5000) -> str:
    """An invented dump of about ``size`` characters in the reference layout."""
    head = (
        f"\n\n# {' '.join(rng.choice(_WORDS) for _ in range(7)).title()}\n\n"
        f"By [{rng.choice(_WORDS).title()} {rng.choice(_WORDS).title()}](#)\n\n"
        f"July {rng.randint(1, 28)}, 2023\n\n\n\nPhoto Agency/Staff\n\n"
    )
    blocks: list[str] = []
    length = len(head)
    while length < size:
        if rng.random() < 0.05:
            block = f"## {rng.choice(_WORDS).title()}"
        elif rng.random() < 0.03:
            block = f"**Related article: [{rng.choice(_WORDS).title()} news](#)**"
        else:
            block = " ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))
        blocks.append(block)
        length += len(block) + 2
    tail = "\n\nOriginal url:\n\n<https://www.example.org/2023/07/16/story-a1>"
    return head + "\n\n".join(blocks) + tail


def synthetic_dumps(count: int, size: int = 5000, seed: int = 7) -> list[str]:
    """``count`` invented dumps of about ``size`` characters each."""
    rng = random.Random(seed)
    return [synthetic_dump(rng, size) for _ in range(count)]
