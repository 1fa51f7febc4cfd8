"""The dateline reader: common forms, labels, ambiguity, zones and the guarded dateutil fallback."""

from __future__ import annotations

import datetime as dt
import doctest
import unicodedata
import warnings
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dateutil import parser as dateutil_parser
from hypothesis import example, given
from hypothesis import strategies as st

from _dateforms import fill, same
from newsdump._parse import _cldr
from newsdump._parse.dateline import (
    DateReading,
    labels,
    looks_like_date,
    read_date,
    reader,
    split_label,
    tables,
)
from newsdump._parse.dateline import reading as reading_module

UTC = dt.UTC


def tz(hours: float) -> dt.timezone:
    """A fixed offset of the given hours east of UTC."""
    return dt.timezone(dt.timedelta(hours=hours))


@pytest.fixture
def dateutil_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record every call into dateutil, with the memo emptied so that nothing is remembered."""
    calls: list[str] = []
    real = dateutil_parser.parse

    def spy(text: str, *args: Any, **kwargs: Any) -> dt.datetime:
        calls.append(text)
        result: dt.datetime = real(text, *args, **kwargs)
        return result

    for memo in reader._MEMOS.values():
        memo.clear()
    monkeypatch.setattr(dateutil_parser, "parse", spy)  # the module the fallback calls into
    yield calls
    for memo in reader._MEMOS.values():
        memo.clear()


COMMON_FORMS = [
    ("July 16, 2023", dt.date(2023, 7, 16)),
    ("16 July 2023", dt.date(2023, 7, 16)),
    ("Jul. 16, 2023 10:45 am", dt.datetime(2023, 7, 16, 10, 45)),
    ("Jul 16, 2023, 10:45 AM", dt.datetime(2023, 7, 16, 10, 45)),
    ("Sept. 5, 2023", dt.date(2023, 9, 5)),
    ("2023-07-16", dt.date(2023, 7, 16)),
    ("2023-07-16 10:45", dt.datetime(2023, 7, 16, 10, 45)),
    ("2023-07-16T10:45:00+03:00", dt.datetime(2023, 7, 16, 10, 45, tzinfo=tz(3))),
    ("2023-07-16T10:45:00Z", dt.datetime(2023, 7, 16, 10, 45, tzinfo=UTC)),
    ("2023-07-16T10:45:00.250000+05:30", dt.datetime(2023, 7, 16, 10, 45, 0, 250000, tz(5.5))),
    ("2023-07-16T10:45:00", dt.datetime(2023, 7, 16, 10, 45)),
    ("16.07.2023", dt.date(2023, 7, 16)),
    ("16.07.2023 10:45", dt.datetime(2023, 7, 16, 10, 45)),
    ("16. Juli 2023", dt.date(2023, 7, 16)),
    ("Sunday, July 16, 2023 - 10:45", dt.datetime(2023, 7, 16, 10, 45)),
    ("Sunday, 16 July 2023 10:45", dt.datetime(2023, 7, 16, 10, 45)),
    ("10:45 JST, July 16, 2023", dt.datetime(2023, 7, 16, 10, 45, tzinfo=tz(9))),
    ("July 16, 2023 10:45 GMT", dt.datetime(2023, 7, 16, 10, 45, tzinfo=UTC)),
    ("16/07/2023", dt.date(2023, 7, 16)),
    ("07/16/2023", dt.date(2023, 7, 16)),
    ("16-07-2023", dt.date(2023, 7, 16)),
    ("Sun, 16 Jul 2023 10:45:00 +0300", dt.datetime(2023, 7, 16, 10, 45, tzinfo=tz(3))),
    ("July 16th, 2023", dt.date(2023, 7, 16)),
    ("Jul 16, 2023 at 9:05:30 p.m. EDT", dt.datetime(2023, 7, 16, 21, 5, 30, tzinfo=tz(-4))),
    ("July 16, 2023 10:45 UTC+3", dt.datetime(2023, 7, 16, 10, 45, tzinfo=tz(3))),
    ("July 16, 2023 10:45 GMT-04:00", dt.datetime(2023, 7, 16, 10, 45, tzinfo=tz(-4))),
    ("Sonntag, 16. Juli 2023, 10:45 Uhr", dt.datetime(2023, 7, 16, 10, 45)),
    ("16 juillet 2023 à 10h45", dt.datetime(2023, 7, 16, 10, 45)),
    ("domingo, 16 de julio de 2023", dt.date(2023, 7, 16)),
    ("So, 16.07.2023", dt.date(2023, 7, 16)),
    ("1er août 2023", dt.date(2023, 8, 1)),
]


@pytest.mark.parametrize(("text", "expected"), COMMON_FORMS)
def test_common_forms_read_at_their_precision(text: str, expected: dt.date) -> None:
    """Each common form gives its value: a date, a naive datetime or an aware one."""
    assert same(read_date(text), expected)


@pytest.mark.parametrize("text", [text for text, _ in COMMON_FORMS])
def test_common_forms_do_not_call_dateutil(text: str, dateutil_calls: list[str]) -> None:
    """The common forms are read by the tables, dateutil never asked."""
    read_date(text)
    assert dateutil_calls == []


@pytest.mark.parametrize(
    "text",
    [
        "  July 16, 2023 ",
        "\u00a0July\u00a016,\u00a02023\u00a0",
        "July  16,\t2023",
        "\tJuly 16, 2023\n",
    ],
)
def test_surrounding_and_unicode_spaces(text: str) -> None:
    """Surrounding whitespace, NBSP and runs of spaces count as one space."""
    assert same(read_date(text), dt.date(2023, 7, 16))


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("16 février 2023", 2),
        ("16 fevrier 2023", 2),
        ("16 März 2023", 3),
        ("16 Maerz 2023", 3),
        ("16 maart 2023", 3),
        ("16 de março de 2023", 3),
        ("16 MARS 2023", 3),
        ("16. mai 2023", 5),
        ("16 maj 2023", 5),
        ("16 giugno 2023", 6),
        ("16 août 2023", 8),
        ("16 aout 2023", 8),
        ("16 augusti 2023", 8),
        ("16 settembre 2023", 9),
        ("16 setiembre 2023", 9),
        ("16 okt. 2023", 10),
        ("16 outubro 2023", 10),
        ("16 desember 2023", 12),
        ("16 dic 2023", 12),
        ("16. Dezember 2023", 12),
        ("Déc. 16, 2023", 12),
    ],
)
def test_month_names_in_other_languages(text: str, month: int) -> None:
    """Month names of the supported languages read, accented or not, in any case."""
    assert same(read_date(text), dt.date(2023, month, 16))


def test_month_table_has_no_conflicts() -> None:
    """Every CLDR month and weekday name of every language, and its unaccented spelling
    unless that spells another name of the language (Slovak ``št``: ``st``), is that
    month or weekday first when its language is named."""
    for lang in _cldr.LANGUAGES:
        table = tables.names(lang)
        for kind, rows, start in (
            (tables.MONTH, _cldr.MONTHS, 1),
            (tables.WEEKDAY, _cldr.WEEKDAYS, 0),
        ):
            spelled = {
                name: number
                for number, names in enumerate(rows[lang], start)
                for name in names.split("|")
            }
            for name, number in spelled.items():
                decomposed = unicodedata.normalize("NFD", name)
                bare = "".join(c for c in decomposed if not unicodedata.combining(c))
                spellings = {name, bare} if bare.isascii() and bare not in spelled else {name}
                for spelling in spellings:
                    first = next(value for k, value in table[spelling] if k == kind)
                    assert first == number, (lang, spelling, first, number)


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("July 16, 2023 12:05 am", 0),
        ("July 16, 2023 12:05 a.m.", 0),
        ("July 16, 2023 12:05 pm", 12),
        ("July 16, 2023 12:05 P.M.", 12),
        ("July 16, 2023 1:05 pm", 13),
        ("July 16, 2023 11:05 PM", 23),
        ("July 16, 2023 1:05am", 1),
    ],
)
def test_twelve_hour_clock(text: str, hour: int) -> None:
    """12 am is midnight, 12 pm is noon, and pm adds twelve hours to the rest."""
    assert same(read_date(text), dt.datetime(2023, 7, 16, hour, 5))


def test_seconds_are_optional() -> None:
    """Seconds are read when present and zero when not."""
    assert same(read_date("16.07.2023 10:45:30"), dt.datetime(2023, 7, 16, 10, 45, 30))
    assert same(read_date("16.07.2023 10:45"), dt.datetime(2023, 7, 16, 10, 45))


@pytest.mark.parametrize(
    ("abbreviation", "hours"),
    [
        ("UTC", 0), ("GMT", 0), ("Z", 0), ("JST", 9), ("KST", 9), ("CET", 1), ("CEST", 2),
        ("EST", -5), ("EDT", -4), ("PST", -8), ("PDT", -7), ("MSK", 3), ("IST", 5.5),
        ("BST", 1), ("AEST", 10), ("SAST", 2), ("WAT", 1), ("EAT", 3),
    ],
)  # fmt: skip
def test_zone_abbreviations_have_fixed_offsets(abbreviation: str, hours: float) -> None:
    """Known zone abbreviations make an aware datetime with a fixed offset."""
    expected = dt.datetime(2023, 7, 16, 10, 45, tzinfo=tz(hours))
    reading = read_date(f"July 16, 2023 10:45 {abbreviation}")
    assert same(reading, expected)
    assert isinstance(reading.value, dt.datetime)
    assert isinstance(reading.value.tzinfo, dt.timezone)


@pytest.mark.parametrize("text", ["July 16, 2023 10:45 HKT", "Sun Jul 16 10:45:00 XYZ 2023"])
def test_unknown_zone_is_unreadable(text: str) -> None:
    """A zone name that is not in the table is not dropped silently."""
    reading = read_date(text)
    assert reading.problem == "unreadable"
    assert "time zone" in reading.detail


@pytest.mark.parametrize(
    ("line", "label", "text"),
    [
        ("Updated: July 16, 2023", "Updated: ", "July 16, 2023"),
        ("updated July 16, 2023", "updated ", "July 16, 2023"),
        ("Published on July 16, 2023", "Published on ", "July 16, 2023"),
        ("Posted: 16.07.2023", "Posted: ", "16.07.2023"),
        ("Last updated: 2023-07-16", "Last updated: ", "2023-07-16"),
        ("LAST UPDATED 2023-07-16", "LAST UPDATED ", "2023-07-16"),
        ("Modified : 2023-07-16", "Modified : ", "2023-07-16"),
        ("Date: 16/07/2023", "Date: ", "16/07/2023"),
        ("Aktualisiert am 16.07.2023", "Aktualisiert am ", "16.07.2023"),
        ("Veröffentlicht: 16. Juli 2023", "Veröffentlicht: ", "16. Juli 2023"),
        ("Stand: 16.07.2023, 10:45 Uhr", "Stand: ", "16.07.2023, 10:45 Uhr"),
        ("Publié le 16 juillet 2023", "Publié le ", "16 juillet 2023"),
        ("Mis à jour le 16 juillet", "Mis à jour le ", "16 juillet"),
        ("Publicado: 16 de julio de 2023", "Publicado: ", "16 de julio de 2023"),
        ("Actualizado 16/07/2023", "Actualizado ", "16/07/2023"),
        ("Pubblicato: 16 luglio 2023", "Pubblicato: ", "16 luglio 2023"),
        ("Aggiornato il 16 luglio", "Aggiornato il ", "16 luglio"),
        ("Actualizado el 16/07/2023", "Actualizado el ", "16/07/2023"),
        ("  Updated:\u00a0July 16, 2023", "  Updated:\u00a0", "July 16, 2023"),
        ("Updated:", "Updated:", ""),
    ],
)
def test_split_label(line: str, label: str, text: str) -> None:
    """A known label, its colon and the spaces after it are split off."""
    assert split_label(line) == (label, text)


@pytest.mark.parametrize(
    "line", ["July 16, 2023", "Standard time", "Dated material", "Updatedness", "By Ann Lee", ""]
)
def test_split_label_without_label(line: str) -> None:
    """A line without a label is left whole."""
    assert split_label(line) == ("", line)


@given(st.text())
@example("Updated: \ud800")
def test_split_label_loses_nothing(line: str) -> None:
    """The label and the text always add up to the line."""
    label, text = split_label(line)
    assert label + text == line


_LABEL_WORDS = (
    "last updated", "updated", "published", "posted", "modified", "date", "aktualisiert",
    "veröffentlicht", "veroffentlicht", "stand", "publié le", "publie le", "mis à jour",
    "mis a jour", "publicado", "actualizado", "pubblicato", "aggiornato",
)  # fmt: skip


def test_no_label_starts_with_a_skipped_character() -> None:
    """`split_label` skips its pattern for a line that starts with a character of
    `_NO_LABEL_START`: every label the pattern knows, in any case, stops being one when
    its first letter is replaced by such a character."""
    for word in _LABEL_WORDS:
        for cased in (word, word.title(), word.upper()):
            assert labels.LABEL.match(cased + ": 16.07.2023") is not None, cased
            assert cased[0] not in labels.NO_LABEL_START
            for first in labels.NO_LABEL_START:
                assert labels.LABEL.match(first + cased[1:] + ": 16.07.2023") is None


@given(st.sampled_from(_LABEL_WORDS), st.sampled_from(["", " ", ":", ": ", " on "]), st.text())
def test_split_label_is_what_its_pattern_says(word: str, after: str, rest: str) -> None:
    """With or without the quick test of the first character, the label is the match."""
    for line in (word + after + rest, word.title() + after + rest, rest):
        match = labels.LABEL.match(line)
        expected = ("", line) if match is None else (match.group(), line[match.end() :])
        assert split_label(line) == expected


def test_slashed_date_with_small_parts_is_ambiguous() -> None:
    """03/04/2023 needs a dayfirst decision; the detail names both readings."""
    reading = read_date("03/04/2023")
    assert reading == DateReading(
        None, "ambiguous", "03/04/2023 could be 3 April or 4 March", False
    )
    assert read_date("03-04-2023").problem == "ambiguous"
    assert read_date("03/04/2023 10:45").problem == "ambiguous"


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("03/04/2023", True, dt.date(2023, 4, 3)),
        ("03/04/2023", False, dt.date(2023, 3, 4)),
        ("03-04-2023", True, dt.date(2023, 4, 3)),
        ("03/04/2023 10:45", False, dt.datetime(2023, 3, 4, 10, 45)),
        ("16/07/2023", False, dt.date(2023, 7, 16)),
        ("07/16/2023", True, dt.date(2023, 7, 16)),
        ("04/04/2023", None, dt.date(2023, 4, 4)),
        ("03.04.2023", None, dt.date(2023, 4, 3)),
        ("03.04.2023", False, dt.date(2023, 4, 3)),
    ],
)
def test_dayfirst_decides_only_when_needed(
    text: str, dayfirst: bool | None, expected: dt.date
) -> None:
    """dayfirst settles 03/04/2023; unambiguous and dotted dates ignore it."""
    assert same(read_date(text, dayfirst=dayfirst), expected)


def test_dotted_date_is_always_day_first() -> None:
    """07.16.2023 is not turned around: there is no 16th month."""
    assert read_date("07.16.2023").problem == "unreadable"


def test_wrong_weekday_is_reported() -> None:
    """A weekday that contradicts the date is not ignored."""
    reading = read_date("Monday, July 16, 2023")
    assert reading.problem == "ambiguous"
    assert "Monday" in reading.detail


def test_tz_is_assumed_for_naive_datetimes_only() -> None:
    """tz goes on naive datetimes only, marked as assumed; dates and aware values keep theirs."""
    berlin = tz(2)
    naive = read_date("July 16, 2023 10:45", tz=berlin)
    assert naive == DateReading(dt.datetime(2023, 7, 16, 10, 45, tzinfo=berlin), None, "", True)
    assert isinstance(naive.value, dt.datetime)
    assert naive.value.tzinfo is berlin
    assert read_date("July 16, 2023", tz=berlin) == DateReading(dt.date(2023, 7, 16), None)
    aware = read_date("July 16, 2023 10:45 JST", tz=berlin)
    assert same(aware, dt.datetime(2023, 7, 16, 10, 45, tzinfo=tz(9)))
    assert not aware.tz_assumed
    assert read_date("03/04/2023", tz=berlin).value is None


def test_tz_uses_replace_not_conversion() -> None:
    """The wall time stays as written when a zone is assumed."""
    moscow = ZoneInfo("Europe/Moscow")
    reading = read_date("2023-07-16 10:45", tz=moscow)
    assert reading.value == dt.datetime(2023, 7, 16, 10, 45, tzinfo=moscow)
    assert reading.tz_assumed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023/07/16", dt.date(2023, 7, 16)),
        ("2023/07/16 10:45", dt.datetime(2023, 7, 16, 10, 45)),
        ("Sun Jul 16 10:45:00 2023", dt.datetime(2023, 7, 16, 10, 45)),
        ("Sun Jul 16 10:45:00 GMT+3 2023", dt.datetime(2023, 7, 16, 10, 45, tzinfo=tz(3))),
        ("16-Jul-2023", dt.date(2023, 7, 16)),
        ("July 16, 2023 10am", dt.datetime(2023, 7, 16, 10)),
        ("July 16 2023 10:45:30.5", dt.datetime(2023, 7, 16, 10, 45, 30, 500000)),
    ],
)
def test_tables_read_what_dateutil_read(
    text: str, expected: dt.date, dateutil_calls: list[str]
) -> None:
    """Forms that only dateutil read before the tables are read by the tables now, at the
    precision the text states."""
    assert same(read_date(text), expected)
    assert dateutil_calls == []


def test_dateutil_fallback(dateutil_calls: list[str]) -> None:
    """A form the tables do not cover (digits run together) goes to dateutil, which keeps
    the precision the text states."""
    assert same(read_date("20230716"), dt.date(2023, 7, 16))
    assert dateutil_calls
    assert set(dateutil_calls) == {"20230716"}


@pytest.mark.parametrize(
    "text",
    ["July 2023", "July 16", "16 July", "2023", "Sunday", "10:45", "10:45 am", "Sunday 10:45"],
)
def test_fallback_never_invents_missing_parts(text: str) -> None:
    """A text without a year, a month or a day is unreadable, not filled from today."""
    reading = read_date(text)
    assert reading.problem == "unreadable"
    assert reading.value is None


def test_fallback_reports_ambiguity_too() -> None:
    """dateutil is not allowed to pick a day/month order on its own."""
    assert read_date("03/04/2023 10:45:00.5").problem == "ambiguous"
    assert same(
        read_date("03/04/2023 10:45:00.5", dayfirst=True),
        dt.datetime(2023, 4, 3, 10, 45, 0, 500000),
    )
    assert same(read_date("2023/03/04"), dt.date(2023, 3, 4))


@pytest.mark.parametrize(
    "text",
    [
        "16/07/23",  # a two-digit year would be completed from today's century
        "0999-07-16",
        "July 16, 0999",
        "Feb 30, 2023",
        "16/13/2023",
        "July 16, 2023 25:00",
        "July 16, 2023 13:00 pm",
        "July 16, 2023 10:45 +25:00",
        "x" * 81,
        "",
        "   ",
    ],
)
def test_impossible_or_incomplete_values_are_unreadable(text: str) -> None:
    """Days, times, years and offsets that cannot exist are unreadable."""
    reading = read_date(text)
    assert reading.problem == "unreadable"
    assert reading.value is None
    assert reading.detail


def test_long_text_is_refused_without_dateutil(dateutil_calls: list[str]) -> None:
    """Texts over 80 characters are refused before dateutil is asked."""
    assert read_date("July 16, 2023 " + "1" * 80).problem == "unreadable"
    assert dateutil_calls == []


@pytest.mark.parametrize(
    "text", ["July 16, 2023 10:45 XYZ", "Sun Jul 16 10:45:00 ABC 2023", "10:45 BRST 2023-07-16"]
)
def test_no_warning_escapes(text: str) -> None:
    """dateutil's warnings (unknown zones and the like) are silenced."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_date(text)
    assert caught == []


def check_never_raises(text: str, problems: tuple[str, ...] = ("ambiguous", "unreadable")) -> None:
    """All three functions return a well-formed answer for the text."""
    for dayfirst in (None, True, False):
        reading = read_date(text, dayfirst=dayfirst, tz=UTC)
        assert isinstance(reading, DateReading)
        assert reading.problem in (None, *problems)
        assert (reading.value is None) == (reading.problem is not None)
        assert (reading.problem is None) or reading.detail
    label, rest = split_label(text)
    assert label + rest == text
    assert isinstance(looks_like_date(text), bool)


@given(st.text())
def test_garbage_never_raises(text: str) -> None:
    """Any text gives a reading or a problem, never an exception."""
    check_never_raises(text)


@given(st.text(alphabet="0123456789 ./-:,+TZapmAPMJulyunSeptGMTUC\u00a0", max_size=40))
def test_date_like_garbage_never_raises(text: str) -> None:
    """Texts made of date characters exercise the tables and dateutil without raising; a
    relative date among them (``2 min ago`` spelled from these letters) reads as one."""
    check_never_raises(text, ("ambiguous", "unreadable", "relative"))


@pytest.mark.parametrize(
    "text",
    [
        "\ud800",
        "July 16, 2023\ud800",
        "\x00",
        "2023-07-16\x00",
        "July\x00 16, 2023",
        "9" * 1_000_000,
        " " * 1_000_000 + "July 16, 2023",
        "July 16, 99999999999999999999",
        "99999999999999999999-07-16",
        "July 16, 2023 10:45 +99:99",
        "Sunday, " * 10,
        "\u0663\u0660/\u0660\u0667/\u0662\u0660\u0662\u0663",
    ],
)
def test_hostile_inputs_never_raise(text: str) -> None:
    """Surrogates, NUL, huge strings and huge numbers do not escape as exceptions."""
    check_never_raises(text)


# Zone abbreviations for dateutil, written out independently of the module's table.
DATEUTIL_ZONES = {"JST": 9 * 3600, "KST": 9 * 3600, "CEST": 2 * 3600, "EDT": -4 * 3600}
DATEUTIL_ZONES |= {"MSK": 3 * 3600, "IST": 19800, "AEST": 10 * 3600, "PST": -8 * 3600}

# (format, dayfirst for both readers, whether the form has a time)
ENGLISH_AND_NUMERIC_FORMS = [
    ("{month} {d}, {Y}", None, False),
    ("{d} {month} {Y}", None, False),
    ("{mon}. {d}, {Y} {h12}:{M} {ampm}", None, True),
    ("{mon} {d}, {Y}, {h12}:{M} {AMPM}", None, True),
    ("{mon}. {d}, {Y}", None, False),
    ("{mon} {dd}, {Y} {h12}:{M}:{S} {a_m_}", None, True),
    ("{Y}-{m}-{dd}", None, False),
    ("{Y}-{m}-{dd} {H}:{M}", None, True),
    ("{dd}.{m}.{Y}", True, False),
    ("{dd}.{m}.{Y} {H}:{M}", True, True),
    ("{weekday}, {month} {d}, {Y} - {H}:{M}", None, True),
    ("{weekday}, {d} {month} {Y} {H}:{M}", None, True),
    ("{H}:{M} {zone}, {month} {d}, {Y}", None, True),
    ("{month} {d}, {Y} {H}:{M} {zone}", None, True),
    ("{month} {d}, {Y} {H}:{M}:{S} {zone}", None, True),
    ("{wd}, {d} {mon} {Y} {H}:{M}:{S} {offset}", None, True),
    ("{dd}/{m}/{Y}", True, False),
    ("{m}/{dd}/{Y}", False, False),
    ("{dd}/{m}/{Y} {H}:{M}", True, True),
]
moments = st.datetimes(min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9999, 12, 31))


@pytest.mark.parametrize(("form", "dayfirst", "has_time"), ENGLISH_AND_NUMERIC_FORMS)
@given(
    moment=moments,
    zone=st.sampled_from(["UTC", "GMT", *DATEUTIL_ZONES]),
    offset_minutes=st.integers(-14 * 60, 14 * 60),
)
def test_fast_path_agrees_with_dateutil(
    form: str,
    dayfirst: bool | None,
    has_time: bool,
    moment: dt.datetime,
    zone: str,
    offset_minutes: int,
) -> None:
    """Every fast-path form reads as dateutil reads it, at the precision the text states."""
    text = fill(form, moment, zone, offset_minutes)
    expected = dateutil_parser.parse(
        text, dayfirst=bool(dayfirst), tzinfos=DATEUTIL_ZONES, default=dt.datetime(2001, 2, 3)
    )
    reading = read_date(text, dayfirst=dayfirst)
    assert same(reading, expected if has_time else expected.date()), (text, reading)


fixed_zones = st.builds(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)), st.integers(-1439, 1439)
)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_isoformat_round_trip_dates(day: dt.date) -> None:
    """A date's isoformat reads back as the same date."""
    assert same(read_date(day.isoformat()), day)


@given(moments)
def test_isoformat_round_trip_naive(moment: dt.datetime) -> None:
    """A naive datetime's isoformat reads back as the same naive datetime."""
    assert same(read_date(moment.isoformat()), moment)
    assert same(read_date(moment.isoformat(sep=" ")), moment)


@given(st.datetimes(min_value=dt.datetime(1000, 1, 2), timezones=fixed_zones))
def test_isoformat_round_trip_aware(moment: dt.datetime) -> None:
    """An aware datetime's isoformat reads back with the same instant and offset."""
    assert same(read_date(moment.isoformat()), moment)


@pytest.mark.parametrize(
    "text",
    [
        "July 16, 2023",
        "16. Juli 2023",
        "Sunday, July 16, 2023 - 10:45",
        "2023-07-16T10:45:00+03:00",
        "16.07.2023",
        "03/04/2023",
        "Updated: July 16, 2023",
        "Stand: 16.07.2023, 10:45 Uhr",
        "Moscow, July 16, 2023",
        "July 2023",
        "2023",
        "16 de julio de 2023",
        "Feb 30, 2023",
    ],
)
def test_looks_like_date(text: str) -> None:
    """Short lines with a year, a month name or a numeric date look like dates."""
    assert looks_like_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "The 2 men met at noon and talked for a while about the weather.",
        "In 2023 the company grew",
        "We may see 3 more",
        "Page 2 of 10",
        "Photo: Ann Lee / Example Agency 2023",
        "July 16, 2023 " + "x" * 60,
        "July sixteenth",
        "By Ann Lee",
        "",
    ],
)
def test_does_not_look_like_date(text: str) -> None:
    """Sentences, credits and long lines do not look like dates."""
    assert not looks_like_date(text)


def test_memo_does_not_change_answers() -> None:
    """A remembered reading is the same reading, and tz is still applied per call."""
    first = read_date("Jul 16, 2023, 10:45 AM")
    assert read_date("Jul 16, 2023, 10:45 AM") is first
    assert read_date("Jul 16, 2023, 10:45 AM", tz=UTC).tz_assumed
    assert read_date("Jul 16, 2023, 10:45 AM") is first


def test_docstring_examples() -> None:
    """The examples in the dateline modules' docstrings run."""
    for module in (labels, reader, reading_module):
        failures, tried = doctest.testmod(module)
        assert tried > 0, module.__name__
        assert failures == 0, module.__name__


# Month names of the day-only shapes and their months (None: no month in any language).
_SHAPE_MONTHS = {
    "July": 7, "Jul": 7, "Sept": 9, "Dez": 12, "Mai": 5, "Foo": None, "jANUARY": 1, "Juli": 7,
    "März": 3, "août": 8, "Okt": 10, "xyz": None, "Février": 2,
}  # fmt: skip
_DAY_ONLY_SHAPES = st.one_of(
    st.tuples(
        st.sampled_from(["July", "Jul", "Sept", "Dez", "Mai", "Foo", "jANUARY", "Juli"]),
        st.sampled_from(["", "."]),
        st.integers(0, 99),
        st.sampled_from(["", ","]),
        st.integers(0, 9999),
    ).map(lambda t: (f"{t[0]}{t[1]} {t[2]}{t[3]} {t[4]:04}", t[4], _SHAPE_MONTHS[t[0]], t[2])),
    st.tuples(
        st.integers(0, 99),
        st.sampled_from(["", "."]),
        st.sampled_from(["July", "Juli", "März", "août", "Okt", "xyz", "Février"]),
        st.sampled_from(["", "."]),
        st.integers(0, 9999),
    ).map(lambda t: (f"{t[0]}{t[1]} {t[2]}{t[3]} {t[4]:04}", t[4], _SHAPE_MONTHS[t[2]], t[0])),
    st.tuples(st.integers(0, 99), st.integers(0, 99), st.integers(0, 9999)).map(
        lambda t: (f"{t[0]:02}.{t[1]:02}.{t[2]:04}", t[2], t[1], t[0])
    ),
)


def _real_day(year: int, month: int | None, day: int) -> dt.date | None:
    """The day, or None when there is none (no month, a day the month lacks, year < 1000)."""
    if month is None or year < 1000:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@given(_DAY_ONLY_SHAPES, st.sampled_from([None, True, False]))
def test_day_only_shapes_read_to_their_day(
    shape: tuple[str, int, int | None, int], dayfirst: bool | None
) -> None:
    """``July 16, 2023``, ``16. Juli 2023`` and ``16.07.2023``, with any numbers and known or
    unknown month names: the day they name, or no value and a problem when there is none."""
    text, year, month, day = shape
    expected = _real_day(year, month, day)
    reading = read_date(text, dayfirst=dayfirst)
    if expected is None:
        assert reading.value is None, (text, reading)
        assert reading.problem in ("unreadable", "ambiguous"), (text, reading)
    else:
        assert same(reading, expected), (text, reading)
