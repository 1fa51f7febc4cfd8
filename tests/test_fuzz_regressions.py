"""Inputs the fuzzers found, each once a crash: they parse (or fail cleanly) now."""

from __future__ import annotations

import pytest

from newsdump import Author, ParseError, dumps, from_dict, loads


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("By a\x001\x00", (Author("a\x001\x00"),)),
        ("By \x00x\x00", (Author("\x00x\x00"),)),
        ("# H\n\nBy Ann \x000\x00 Lee\n\nBody.", (Author("Ann \x000\x00 Lee"),)),
    ],
)
def test_nul_in_a_byline_without_links_is_a_character(
    text: str, authors: tuple[Author, ...]
) -> None:
    """A NUL in a byline is not mistaken for the byline reader's link placeholder."""
    article = loads(text)
    assert article.authors == authors
    assert dumps(article) == text


@pytest.mark.parametrize(
    "zone",
    ["a" * 300, "America", "zone1970.tab", "../etc/passwd", "/etc/localtime", "UTC\ud800"],
)
def test_record_with_a_zone_that_is_not_a_zone_name(zone: str) -> None:
    """A record's timezone must be an IANA key: paths, directories and long names are refused."""
    record = {"published": "2020-01-01T00:00:00+00:00", "timezone": zone}
    with pytest.raises(ParseError) as caught:
        from_dict(record)
    assert caught.value.code == "invalid-record"


@pytest.mark.parametrize(
    ("published", "zone"),
    [
        ("0001-01-01T00:00:00+00:00", "America/New_York"),
        ("9999-12-31T23:00:00-05:00", "Asia/Tokyo"),
    ],
)
def test_record_with_a_date_a_zone_moves_out_of_range(published: str, zone: str) -> None:
    """A date that conversion to the record's zone would overflow is an invalid record."""
    with pytest.raises(ParseError, match="invalid-record"):
        from_dict({"published": published, "timezone": zone})
