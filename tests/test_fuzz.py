"""Fuzz properties of ``loads`` and ``load``: any input gets a result or a clean error.

Inputs: arbitrary Unicode (surrogates, NUL, bidi marks, combining characters,
every character `str.splitlines` breaks on), valid dumps with random mutations,
and valid dumps cut at every character and every byte. Each property runs
the ``fuzz`` profile's examples (conftest.py): 5,000 in CI (``CI`` set), 300
locally, or the value of ``NEWSDUMP_FUZZ_EXAMPLES``. The truncation properties try every prefix of
each example, so they run a fiftieth of the examples for more inputs than that.
"""

from __future__ import annotations

import contextlib
import io
import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdump import ParseError, dump, dumps, load, loads
from newsdump.testing.strategies import articles, dump_texts

FUZZ = settings.get_profile("fuzz")  # registered in conftest.py
FUZZ_EXAMPLES = FUZZ.max_examples
PREFIXES = settings(FUZZ, max_examples=max(FUZZ_EXAMPLES // 50, 10))

# Every character str.splitlines breaks on, and the CommonMark line endings among them.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
SPECIAL = (
    LINE_BREAKS
    + "\x00\t \xa0\ufeff"  # NUL, tab, space, NBSP, byte order mark
    + "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi controls
    + "\u0301\u0308\u0327\u20dd\u0e31"  # combining marks
    + "\ud800\udbff\udc00\udfff"  # lone surrogates
    + "#*_[]()<>`\\>!-+=~|&:;.,0123456789"  # Markdown and dateline syntax
)
WORDS = ("By", "Original url:", "<https://e.org/a>", "# ", "2024-05-02", "May 2, 2024", "AFP")

unicode_texts = st.text(st.characters(exclude_categories=()), max_size=200)
special_texts = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.sampled_from(WORDS)), max_size=80
).map("".join)


@st.composite
def mutated_dumps(draw: st.DrawFn) -> str:
    """A valid or messy dump with a few characters inserted, deleted or duplicated."""
    text = draw(st.one_of(articles().map(dumps), dump_texts()))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(("insert", "delete", "duplicate", "cut")))
        if kind == "insert":
            text = text[:at] + draw(st.one_of(st.sampled_from(SPECIAL), special_texts)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif kind == "duplicate":
            text = text[:at] + text[at : at + draw(st.integers(1, 40))] + text[at:]
        else:
            text = text[:at]
    return text


any_texts = st.one_of(unicode_texts, special_texts, mutated_dumps(), dump_texts())
_LINE_END = re.compile(r"\r\n|\r|\n")


def assert_inside(error: ParseError, text: str) -> None:
    """The error's line and column point into ``text`` (lines as CommonMark ends them)."""
    lines = _LINE_END.split(text.removeprefix("\ufeff"))
    assert error.code
    assert 1 <= error.line <= len(lines), (error.line, len(lines))
    assert 1 <= error.column <= len(lines[error.line - 1]) + 1, (error.column, error)


def check_lenient(text: str) -> None:
    """Lenient loads returns an article that writes back exactly; its plain text works."""
    article = loads(text)
    assert dumps(article) == text
    assert isinstance(article.text, str)
    for block in article.body:
        assert isinstance(block.links, tuple)


def check_strict(text: str) -> None:
    """Strict loads returns an article or raises ParseError pointing inside the text."""
    try:
        article = loads(text, strict=True)
    except ParseError as error:
        assert_inside(error, text)
    else:
        assert dumps(article) == text


def check_bytes(data: bytes) -> None:
    """load raises only ParseError; with surrogateescape the bytes come back exactly."""
    for strict in (False, True):
        with contextlib.suppress(ParseError):  # anything else escapes and fails the test
            load(io.BytesIO(data), strict=strict)
    article = load(io.BytesIO(data), errors="surrogateescape")
    out = io.BytesIO()
    dump(article, out)
    assert out.getvalue() == data


@FUZZ
@given(any_texts)
def test_lenient_loads_never_raises_and_round_trips(text: str) -> None:
    """Lenient loads of any string: no exception, and dumps gives the string back."""
    check_lenient(text)


@FUZZ
@given(any_texts)
def test_strict_loads_raises_only_parse_error_inside_the_input(text: str) -> None:
    """Strict loads of any string raises nothing but ParseError, at a line and column in it."""
    check_strict(text)


@PREFIXES
@given(st.one_of(articles().map(dumps), mutated_dumps()))
def test_truncation_at_every_character(text: str) -> None:
    """Every prefix of a dump parses leniently, round-trips, and fails strictly only cleanly."""
    for end in range(len(text) + 1):
        check_lenient(text[:end])
        check_strict(text[:end])


byte_inputs = st.one_of(
    st.binary(max_size=300),
    any_texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(mutated_dumps(), st.binary(max_size=4), st.integers(0, 10_000)).map(
        lambda t: (lambda b: b[: t[2] % (len(b) + 1)] + t[1] + b[t[2] % (len(b) + 1) :])(
            t[0].encode("utf-8", "surrogatepass")
        )
    ),
)


@FUZZ
@given(byte_inputs)
def test_load_on_bytes_raises_only_parse_error(data: bytes) -> None:
    """load of any bytes raises only ParseError, and surrogateescape gives the bytes back."""
    check_bytes(data)


@PREFIXES
@given(articles().map(lambda a: dumps(a).encode("utf-8")))
def test_load_truncation_at_every_byte(data: bytes) -> None:
    """A dump cut at any byte (mid-character too) loads or fails with ParseError only."""
    for end in range(len(data) + 1):
        check_bytes(data[:end])


def test_fuzz_profile_runs_the_examples_it_promises() -> None:
    """A property under the fuzz profile runs all of its examples: 5,000 in CI.

    Every fuzz property here and in test_fuzz_dump.py runs under this profile; counting the
    calls of a trivial one shows the profile is not cut short (by phases or a deadline).
    """
    if os.environ.get("CI") and not os.environ.get("NEWSDUMP_FUZZ_EXAMPLES"):
        assert FUZZ_EXAMPLES >= 5000
    calls: list[bytes] = []

    @FUZZ
    @given(st.binary())
    def record(data: bytes) -> None:
        calls.append(data)

    record()
    assert len(calls) >= FUZZ_EXAMPLES
