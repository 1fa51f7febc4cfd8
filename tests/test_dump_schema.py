"""The shipped JSON Schema (newsdump.schema()) stays in sync with to_dict, exports and show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

import newsdump
from _dumps import article_text, files, write_zip
from newsdump import Article
from newsdump._export.columns import SCHEMA_FILE, SCHEMA_VERSION, schema_text
from newsdump._export.dicts import BLOCK_TYPES
from newsdump._export.records import json_record
from newsdump.cli import main
from newsdump.testing.strategies import articles, dump_texts

ROOT = Path(__file__).resolve().parent.parent
SCHEMA: dict[str, Any] = newsdump.schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def test_the_shipped_schema_is_generated_from_the_columns() -> None:
    """The package's schema file, and the docs' copy, are what _columns generates.

    After changing _columns.py: ``.venv/bin/python -m newsdump._export.columns`` rewrites both.
    """
    shipped = ROOT / "src" / "newsdump" / SCHEMA_FILE
    assert shipped.read_text(encoding="utf-8") == schema_text()
    assert (ROOT / "docs" / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()
    assert json.loads(schema_text()) == SCHEMA


def test_schema_returns_a_fresh_copy() -> None:
    """Changing what newsdump.schema() returned does not change the next call's answer."""
    first = newsdump.schema()
    first["properties"].clear()
    assert newsdump.schema() == SCHEMA


def test_the_schema_is_a_valid_schema() -> None:
    """The schema itself is valid JSON Schema 2020-12."""
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_names_exactly_the_fields_of_to_dict() -> None:
    """Every to_dict key is a required property, and the others are export and show extras."""
    keys = set(newsdump.to_dict(newsdump.loads(article_text(1))))
    assert set(SCHEMA["required"]) == keys
    extras = {"name", "schema_version", "published_utc", "published_precision", "text"}
    assert set(SCHEMA["properties"]) - keys == extras | {"diagnostics"}
    assert set(json_record("d/1.txt", newsdump.loads(article_text(1)))) == keys | extras


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
    VALIDATOR.validate(json.loads(json.dumps(json_record("dump/001.txt", article))))


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


def test_records_carry_the_schema_version() -> None:
    """Export records name the schema version; a record of another version fails."""
    data = json_record("dump/001.txt", newsdump.loads(article_text(4)))
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert VALIDATOR.is_valid(data)
    assert not VALIDATOR.is_valid({**data, "schema_version": SCHEMA_VERSION + 1})


def test_show_json_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """show --json of a file with diagnostics passes the schema (diagnostics included)."""
    path = tmp_path / "cut.txt"
    path.write_text(article_text(5).split("Original url:")[0], encoding="utf-8")
    assert main(["show", "--json", str(path)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["diagnostics"], "the file was cut to have a diagnostic"
    assert shown["diagnostics"][0]["severity"] in {"error", "warning", "info"}
    assert shown["schema_version"] == SCHEMA_VERSION
    VALIDATOR.validate(shown)


@pytest.mark.parametrize("kind", ["jsonl", "json"])
def test_export_records_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """Every record newsdump export writes passes the schema."""
    dump = write_zip(tmp_path / "dump.zip", files(6))
    out = tmp_path / f"out.{kind}"
    assert main(["export", str(dump), "--format", kind, "-o", str(out), "-q"]) == 0
    text = out.read_text(encoding="utf-8")
    records = json.loads(text) if kind == "json" else [json.loads(x) for x in text.splitlines()]
    assert len(records) == 6
    for data in records:
        VALIDATOR.validate(data)


def test_the_schema_ships_in_the_package() -> None:
    """The schema is package data (importlib.resources finds it), so it is in the wheel."""
    from importlib.resources import files as package_files

    assert package_files("newsdump").joinpath(SCHEMA_FILE).is_file()
