"""Fuzz ``from_dict``: any JSON value gives an article or a ParseError, nothing else."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdump import Article, ParseError, from_dict, to_dict
from newsdump._export.dicts import RECORD_FIELDS
from newsdump.testing.strategies import articles

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(st.characters(exclude_categories=()), max_size=30),
    st.sampled_from(
        [
            "2023-07-16",
            "2023-07-16T10:45:00",
            "2023-07-16T10:45:00+03:00",
            "0001-01-01T00:00:00+00:00",
            "9999-12-31T23:59:59-12:00",
            "Europe/Paris",
            "America",
            "../../etc/passwd",
            "paragraph",
            "heading",
            "verbatim",
        ]
    ),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def mutated_records(draw: st.DrawFn) -> Any:
    """A valid record with some values, or values deep inside it, replaced by any JSON."""
    record: Any = json.loads(json.dumps(to_dict(draw(articles()))))
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(RECORD_FIELDS))
        target = record
        value = record.get(key)
        items = (
            [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
        )
        descend: bool = draw(st.booleans())
        if items and descend:
            target = draw(st.sampled_from(items))
            key = draw(st.sampled_from(sorted(target) or ["name"]))
        if draw(st.booleans()):
            target[key] = draw(json_values)
        else:
            target.pop(key, None)
    return record


records = st.one_of(
    json_values, mutated_records(), st.dictionaries(st.sampled_from(RECORD_FIELDS), json_values)
)


@settings.get_profile("fuzz")
@given(records)
def test_from_dict_raises_only_parse_error(record: Any) -> None:
    """from_dict of any JSON value returns an article or raises ParseError (invalid-record)."""
    code: str | None = None
    try:
        article = from_dict(record)
    except ParseError as error:
        code = error.code
    else:
        assert isinstance(article, Article)
        assert from_dict(to_dict(article)) == article
    assert code in (None, "invalid-record")
