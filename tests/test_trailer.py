"""The trailer: its label and URL forms, the angled URL's reader, and the site it gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdump
from newsdump._parse import trailer

TRAILER = "\n\nOriginal url:\n\n<https://example.org/a>"


@pytest.mark.parametrize(
    ("trailer", "url"),
    [
        ("Original url:\n\n<https://example.org/a>", "https://example.org/a"),
        ("Original URL:\n\nhttps://example.org/a", "https://example.org/a"),
        ("ORIGINAL url:\n\n\n<https://example.org/a>\n\n", "https://example.org/a"),
        ("Original url: <https://example.org/a>", "https://example.org/a"),
        ("Original\u00a0url:\n\n<https://example.org/a>\u00a0", "https://example.org/a"),
    ],
)
def test_trailer_forms(trailer: str, url: str) -> None:
    """The trailer's label in any capitalisation, with an angled or bare URL."""
    text = f"# T\n\nBody.\n\n{trailer}"
    article = newsdump.loads(text)
    assert article.url == url
    assert article.diagnostics == ()
    assert newsdump.dumps(article) == text


_ANGLED = re.compile(r"[ \t\xa0]*<([^<>\s]*)>[ \t\xa0]*")


@given(
    st.text(alphabet=st.sampled_from(" \t\xa0<>a/:\n\r\x0b\x1c\x85\u2028\u3000\u200b\xad"))
    | st.builds("<{}>".format, st.text()).map(lambda url: f" {url}\t")
)
def test_angled_url_is_what_the_pattern_reads(line: str) -> None:
    """The trailer's angled URL, read with string operations, is what the pattern reads."""
    match = _ANGLED.fullmatch(line)
    expected = None if match is None else (match.group(1), match.start(1), match.end(1))
    assert trailer._angled(line) == expected


def test_site_is_the_host_without_www() -> None:
    """site is the lower-case host without a leading www., or None."""
    assert newsdump.loads("# T" + TRAILER.replace("example.org", "WWW.Example.ORG:8080")).site == (
        "example.org"
    )
    assert newsdump.loads("# T\n\nOriginal url:\n\n<http://[::1>").site is None
