"""A testing kit for scrapers and the parser: builders, assertions, golden files.

Everything here works without Hypothesis or pytest. The Hypothesis strategies live in
`newsdump.testing.strategies` (import it where Hypothesis is installed) and the pytest
plugin in `newsdump.testing.pytest_plugin` (loaded by pytest through its entry point).
Install both with ``pip install 'newsdump[testing]'`` (or ``'.[testing]'`` from a checkout).

>>> from newsdump.testing import assert_roundtrip, make_dump
>>> assert_roundtrip(make_dump(headline="Ferry Fares Frozen")).headline
'Ferry Fares Frozen'
"""

from newsdump.testing._assertions import (
    assert_article,
    assert_body_contains,
    assert_body_excludes,
    assert_roundtrip,
    assert_valid,
)
from newsdump.testing._builders import (
    ArticleFields,
    make_article,
    make_block,
    make_body,
    make_dump,
    make_related,
)
from newsdump.testing._diff import (
    ArticleDiff,
    Change,
    DumpDiff,
    FieldChange,
    FieldCounts,
    similarity,
)
from newsdump.testing._dumpdiff import assert_no_regressions, diff_dumps
from newsdump.testing._golden import (
    GoldenChange,
    assert_golden,
    assert_matches_golden,
    expected_path,
    find_golden,
    golden_record,
    update_golden,
)

__all__ = [
    "ArticleDiff",
    "ArticleFields",
    "Change",
    "DumpDiff",
    "FieldChange",
    "FieldCounts",
    "GoldenChange",
    "assert_article",
    "assert_body_contains",
    "assert_body_excludes",
    "assert_golden",
    "assert_matches_golden",
    "assert_no_regressions",
    "assert_roundtrip",
    "assert_valid",
    "diff_dumps",
    "expected_path",
    "find_golden",
    "golden_record",
    "make_article",
    "make_block",
    "make_body",
    "make_dump",
    "make_related",
    "similarity",
    "update_golden",
]
