"""The published JSON Schema (docs/article.schema.json) stays in sync with to_dict."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import given, settings

import newsdump
from _dumps import article_text
from newsdump import Article
from newsdump._records import record
from newsdump._serialize import BLOCK_TYPES
from newsdump.testing.strategies import articles, dump_texts

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "article.schema.json"
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def test_the_schema_is_a_valid_schema() -> None:
    """The schema itself is valid JSON Schema 2020-12."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_names_exactly_the_fields_of_to_dict() -> None:
    """Every to_dict key is a required property, and the only others are export extras."""
    keys = set(newsdump.to_dict(newsdump.loads(article_text(1))))
    assert set(SCHEMA["required"]) == keys
    assert set(SCHEMA["properties"]) - keys == {"name", "text"}


def test_the_schema_knows_every_block_type() -> None:
    """The block type enum is the serialiser's list of block types."""
    kinds = SCHEMA["properties"]["body"]["items"]["properties"]["type"]["enum"]
    assert sorted(kinds) == sorted(BLOCK_TYPES)


@settings(max_examples=100)  # validation is slow; the laws' own tests cover more ground
@given(articles())
def test_records_of_built_articles_validate(article: Article) -> None:
    """to_dict of any article built through the constructors validates, and reads back."""
    data = newsdump.to_dict(article)
    VALIDATOR.validate(json.loads(json.dumps(data)))
    assert newsdump.from_dict(data) == article


@settings(max_examples=100)
@given(dump_texts())
def test_records_of_parsed_texts_validate(text: str) -> None:
    """to_dict of any parsed text validates, as does its export record."""
    article = newsdump.loads(text)
    VALIDATOR.validate(json.loads(json.dumps(newsdump.to_dict(article))))
    VALIDATOR.validate(json.loads(json.dumps(record("dump/001.txt", article))))


def test_published_keeps_its_precision() -> None:
    """A day, a naive time and an aware time validate and read back with their type."""
    for date_text in ("March 4, 2024", "2024-03-04 10:45", "2024-03-04T10:45:00+03:00"):
        text = article_text(3).replace("March 4, 2024", date_text)
        article = newsdump.loads(text)
        data = newsdump.to_dict(article)
        VALIDATOR.validate(data)
        back = newsdump.from_dict(data)
        assert back == article
        assert type(back.published) is type(article.published)


def test_a_wrong_record_fails_validation() -> None:
    """A record with a wrong type or an unknown field does not validate."""
    data = newsdump.to_dict(newsdump.loads(article_text(2)))
    assert VALIDATOR.is_valid(data)
    assert not VALIDATOR.is_valid({**data, "published": "4 March 2024"})
    assert not VALIDATOR.is_valid({**data, "extra": 1})
    assert not VALIDATOR.is_valid({**data, "body": [{"type": "table", "markdown": ""}]})
