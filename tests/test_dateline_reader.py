"""The table-driven dateline reader: every CLDR language, every form, relative datelines."""

# ruff: noqa: RUF001

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _dateforms import same
from newsdump._parse import _cldr
from newsdump._parse.dateline import read_date, tables, tokens

babel_dates = pytest.importorskip("babel.dates")

ISSUE_EXAMPLES = [
    ("16 июля 2023 г.", dt.date(2023, 7, 16)),
    ("2023年7月16日", dt.date(2023, 7, 16)),
    ("2025년 5월 15일 목요일", dt.date(2025, 5, 15)),
    ("4 Mayıs 2025 Pazar", dt.date(2025, 5, 4)),
    ("8. dubna 2025", dt.date(2025, 4, 8)),
    ("2 lutego 2025", dt.date(2025, 2, 2)),
    ("22 tháng 10, 2025", dt.date(2025, 10, 22)),
    ("2024 m. kovo 31 d.", dt.date(2024, 3, 31)),
    ("8 يناير 2026", dt.date(2026, 1, 8)),
    ("4 सितंबर 2024", dt.date(2024, 9, 4)),
    ("16 Temmuz 2023", dt.date(2023, 7, 16)),
    ("søndag den 2. februar 2025", dt.date(2025, 2, 2)),
    ("20 Jan 2026 18.33", dt.datetime(2026, 1, 20, 18, 33)),
    ("٨ يناير ٢٠٢٦", dt.date(2026, 1, 8)),
    ("２０２３年７月１６日", dt.date(2023, 7, 16)),
    ("2023年7月16日日曜日 午後3:05", dt.datetime(2023, 7, 16, 15, 5)),
    ("2025년 5월 15일 목요일 오후 3:05", dt.datetime(2025, 5, 15, 15, 5)),
    ("Sonntag, 16. Juli 2023, 3:05 nachm.", dt.datetime(2023, 7, 16, 15, 5)),
]


@pytest.mark.parametrize(("text", "expected"), ISSUE_EXAMPLES)
def test_issue_datelines(text: str, expected: dt.date) -> None:
    """Each dateline the issue lists as unread now reads, at its precision."""
    assert same(read_date(text), expected), read_date(text)


def test_generic_zone_takes_the_offset_in_force() -> None:
    """``ET`` is New York time: -04:00 in July, -05:00 in January."""
    summer = read_date("Jul 16, 2023, 10:45 a.m. ET").value
    winter = read_date("Jan 16, 2023, 10:45 p.m. ET").value
    assert isinstance(summer, dt.datetime)
    assert isinstance(winter, dt.datetime)
    assert summer.utcoffset() == dt.timedelta(hours=-4)
    assert (winter.hour, winter.utcoffset()) == (22, dt.timedelta(hours=-5))


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("03/04/2023", "de", dt.date(2023, 4, 3)),
        ("03/04/2023", "en", dt.date(2023, 3, 4)),
        ("03/04/2023", None, None),
    ],
)
def test_language_settles_numeric_order(text: str, lang: str | None, expected: object) -> None:
    """A named language's short date order decides 03/04/2023; without one it is ambiguous."""
    reading = read_date(text, lang=lang)
    assert reading.value == expected
    assert (reading.problem == "ambiguous") == (expected is None)


NOW = dt.datetime(2025, 3, 10, 12, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 hours ago", dt.datetime(2025, 3, 10, 10, 30, tzinfo=dt.UTC)),
        ("vor 3 Stunden", dt.datetime(2025, 3, 10, 9, 30, tzinfo=dt.UTC)),
        ("вчера", dt.date(2025, 3, 9)),
        ("昨天 10:45", dt.datetime(2025, 3, 9, 10, 45, tzinfo=dt.UTC)),
        ("hace 2 días", dt.date(2025, 3, 8)),
        ("yesterday at 9:15 pm", dt.datetime(2025, 3, 9, 21, 15, tzinfo=dt.UTC)),
    ],
)
def test_relative_datelines_with_now(text: str, expected: dt.date) -> None:
    """With a reference time, relative datelines read in any language."""
    assert same(read_date(text, now=NOW), expected)


@pytest.mark.parametrize("text", ["2 hours ago", "vor 3 Stunden", "вчера", "昨天 10:45"])
def test_relative_datelines_without_now(text: str) -> None:
    """Without one, the reading says why it has no value."""
    reading = read_date(text)
    assert reading.value is None
    assert reading.problem == "relative"
    assert "reference time" in reading.detail


FORMS = ("full", "long", "medium", "short")


def _four_digit_year(pattern: str) -> str:
    """The pattern with a two-digit year written in full (two-digit years are refused)."""
    return pattern.replace("yy", "y") if "yyy" not in pattern else pattern


@settings(max_examples=300, deadline=None)
@given(
    lang=st.sampled_from(_cldr.LANGUAGES),
    form=st.sampled_from(FORMS),
    day=st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
)
def test_babel_dates_read_back(lang: str, form: str, day: dt.date) -> None:
    """Every form of every language, as Babel writes it, reads back to the same day."""
    locale = babel_dates.Locale.parse(lang)
    pattern = _four_digit_year(locale.date_formats[form].pattern)
    text = babel_dates.format_date(day, pattern, locale=lang)
    assert same(read_date(text, lang=lang), day), (lang, form, text, read_date(text, lang=lang))


@settings(max_examples=300, deadline=None)
@given(
    lang=st.sampled_from(_cldr.LANGUAGES),
    form=st.sampled_from(FORMS),
    moment=st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31)),
)
def test_babel_datetimes_read_back(lang: str, form: str, moment: dt.datetime) -> None:
    """A date form with the short time form (to the minute) reads back to the same minute."""
    moment = moment.replace(second=0, microsecond=0)
    locale = babel_dates.Locale.parse(lang)
    date = _four_digit_year(locale.date_formats[form].pattern)
    time = locale.time_formats["short"].pattern
    both = str(locale.datetime_formats[form]).replace("{1}", date).replace("{0}", time)
    text = babel_dates.format_datetime(moment, both, locale=lang)
    reading = read_date(text, lang=lang)
    assert same(reading, moment), (lang, form, text, reading)


def test_dotted_date_stays_day_first_in_dateutil() -> None:
    """A dotted date the tables cannot finish (a stray number) goes to dateutil, which is
    told that ``1.7.2023`` is 1 July whatever ``dayfirst`` says."""
    for dayfirst in (None, True, False):
        assert read_date("1.7.2023 00", dayfirst=dayfirst).value == dt.datetime(2023, 7, 1)


@pytest.mark.parametrize("lang", ["fr", "en", None])
def test_a_name_the_named_language_reads_otherwise_is_a_month_when_nothing_else_is(
    lang: str | None,
) -> None:
    """French ``mar.`` is Tuesday, English ``Mar`` March: with French named first,
    ``Mar. 1, 2000`` still reads as 1 March, since no other word is a month."""
    assert same(read_date("Mar. 1, 2000 12:00 am", lang=lang), dt.datetime(2000, 3, 1, 0, 0))
    assert same(read_date("mar. 16 juillet 2024", lang=lang), dt.date(2024, 7, 16))


def test_an_offset_is_not_read_from_a_clock_after_a_dash() -> None:
    """``- 00:00:00`` after a date is no offset of a zone: the text is not read as UTC."""
    value = read_date("1.1.1790 -00:00:00 am").value
    assert not (isinstance(value, dt.datetime) and value.tzinfo is not None)


# Pieces whose token depends on what is around them (an ordinal after a number, the first
# word of a name of several words, a word cut into names) beside ones that do not.
PIECES = ["16", "th", "16th", "1er", "er", "p.", "m.", "p. m.", "h", "10h45", "10:45", "2023"]
PIECES += ["12345", "Jul", "July", "JULY", "mar.", "de", "a", "at", "ค.ศ.", "น.", "ค", "日曜日"]
PIECES += ["16日日曜日", "GMT+3", "+0300", "ET", "MSK", ",", ".", "-", "г.", "xyz", "١٦"]


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=8),
    st.sampled_from([None, "en", "fr", "es", "th", "ja", "ru"]),
)
def test_remembered_pieces_give_the_tokens_of_a_first_look(
    pieces: list[str], lang: str | None
) -> None:
    """The tokenizer remembers the token of a piece that stands alone; a text reads to the
    same tokens with nothing remembered, with its own pieces remembered, and after each
    of its pieces was seen on its own (an ordinal or a first word among them)."""
    text = tokens.normalize(" ".join(pieces))
    known = tokens._known(lang)
    known.clear()
    fresh = tokens.tokenize(text, lang)
    again = tokens.tokenize(text, lang)
    known.clear()
    for piece in pieces:
        tokens.tokenize(tokens.normalize(piece), lang)
    warmed = tokens.tokenize(text, lang)
    assert fresh == again == warmed


def test_remembered_pieces_are_bounded() -> None:
    """However many distinct pieces a text holds, at most MAX_KNOWN are kept."""
    text = " ".join(str(number) for number in range(2 * tokens.MAX_KNOWN))
    found = tokens.tokenize(text, "en")
    assert found is not None
    assert len(found) == 2 * tokens.MAX_KNOWN
    assert 0 < len(tokens._known("en")) <= tokens.MAX_KNOWN


@pytest.mark.parametrize("lang", [None, "es", "vi", "th"])
def test_every_name_of_several_words_is_one_token(lang: str | None) -> None:
    """Each name of several words in the tables, with or without dots after its words,
    is read as one token with that name's options (the longest name wins, whatever
    shorter names begin it), and its first word alone before a number is its own name."""
    table = tables.names(lang)
    several = [name for name in table if " " in name]
    # a word that starts with no letter (``-c`` of ``ap. J.-C.``) is never a name's word
    for name in (name for name in several if all(w[0].isalpha() for w in name.split())):
        for written in (name, name.replace(" ", ". ")):
            found = tokens.tokenize(tokens.normalize(f"1, {written} 2023"), lang)
            assert found is not None, written
            assert found[2][0] == tokens.NAME, written
            assert found[2][1] == table[name], written
            assert found[3:] == [(tokens.NUM, 2023, "2023")], written
        first = name.split(" ")[0]
        if first in table:
            alone = tokens.tokenize(f"1, {first} 2023", lang)
            assert alone is not None
            assert alone[2] == (tokens.NAME, table[first], first)


@pytest.mark.parametrize(
    "text", ["July 16, 2023 10:45 am pm", "1.1.1790 0:00 pm AM", "16.07.2023 3:05 nachm. vorm."]
)
def test_two_day_periods_have_no_reading(text: str) -> None:
    """Two different day periods contradict each other: no value (dateutil would take the
    last, the tables once took the first), and the detail says why."""
    reading = read_date(text)
    assert (reading.value, reading.problem) == (None, "ambiguous")
    assert "two day periods" in reading.detail


def test_one_day_period_word_is_no_clash() -> None:
    assert read_date("am 16. Juli 2023 10:45 Uhr").value == dt.datetime(2023, 7, 16, 10, 45)
