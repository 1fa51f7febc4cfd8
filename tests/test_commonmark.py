"""The body scanner against every example of the CommonMark spec (0.31.2).

The examples are read from ``../shared/commonmark/spec.json`` beside the repository
when it is there (as the corpus check reads the shared corpus); without it, these
tests are skipped. Each example is taken as a whole body: its top-level blocks (lines
and kinds) must be markdown-it-py's top-level tokens, and a paragraph must be an
`Image` exactly when markdown-it-py reads it as only an image.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from test_body import image_typing, reference_blocks, scanned_blocks

SPEC = Path(__file__).resolve().parent.parent.parent / "shared" / "commonmark" / "spec.json"


def _examples() -> list[Any]:
    if not SPEC.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{SPEC} absent"))]
    examples = json.loads(SPEC.read_text(encoding="utf-8"))
    return [pytest.param(example, id=str(example["example"])) for example in examples]


@pytest.mark.parametrize("example", _examples())
def test_spec_example_blocks_are_markdown_it_top_level_tokens(example: dict[str, Any]) -> None:
    """Block boundaries and kinds equal markdown-it-py's top-level tokens."""
    text = example["markdown"]
    assert scanned_blocks(text) == reference_blocks(text)


@pytest.mark.parametrize("example", _examples())
def test_spec_example_images_are_typed_as_markdown_it_reads_them(
    example: dict[str, Any],
) -> None:
    """A paragraph that is only an image (inline, by reference, in a link) is an `Image`."""
    reference, ours = image_typing(example["markdown"])
    assert ours == reference
