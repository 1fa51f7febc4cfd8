"""The dateline reader's memo gives the memo-free reading, and where the tables read a
text and the guarded dateutil fallback reads it too, both give the same value."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from _dateforms import fill
from newsdump._parse.dateline import DateReading, read_date, reader, tables
from newsdump._parse.dateline.fallback import read_dateutil
from newsdump._parse.dateline.tokens import normalize

DOTTED = re.compile(r"[0-9]\.[0-9]{1,2}\.[0-9]")


def identical(one: DateReading, other: DateReading) -> bool:
    """Same fields, same value type, same offset and zone name (== alone compares instants)."""
    if one != other or type(one.value) is not type(other.value):
        return False
    if isinstance(one.value, dt.datetime) and isinstance(other.value, dt.datetime):
        mine, theirs = one.value, other.value
        return (mine.utcoffset(), mine.tzname()) == (theirs.utcoffset(), theirs.tzname())
    return True


def same_value(one: DateReading, other: DateReading) -> bool:
    """Same value, value type and offset (the zone's name aside)."""
    if one.value != other.value or type(one.value) is not type(other.value):
        return False
    if isinstance(one.value, dt.datetime) and isinstance(other.value, dt.datetime):
        return one.value.utcoffset() == other.value.utcoffset()
    return True


def check(text: str, dayfirst: bool | None) -> DateReading:
    """Read a text through the memo (a miss, then a hit) and without it, and require the
    same reading; when the reading has a value and dateutil reads one too, the same value."""
    fresh = reader._read_text(text, dayfirst, None)
    first = read_date(text, dayfirst=dayfirst)
    again = read_date(text, dayfirst=dayfirst)
    assert identical(fresh, first), (text, dayfirst, fresh, first)
    assert identical(first, again), (text, dayfirst, first, again)
    if fresh.value is not None and len(text) <= reader.MAX_READ:
        # a dotted date is day-first whatever ``dayfirst`` says; dateutil is told so
        order = True if DOTTED.search(text) else dayfirst
        other = read_dateutil(normalize(text), order)
        assert other.value is None or same_value(fresh, other), (text, dayfirst, fresh, other)
    return fresh


MONTHS = ["July", "Jul", "JULY", "july", "Sept", "Sep", "Feb", "February", "Dec", "Mai", "Juli"]
MONTHS += ["Januar", "Dezember", "juillet", "Mrz", "Foo", "jULY", "Tues", "Mon"]
MONTHS += [
    "März",
    "MÄRZ",
    "mär",
    "Août",
    "décembre",
    "Déc",
    "FÉVR",
    "Jänner",
    "Ma\u0308rz",
    "Märzz",
]
MONTHS += ["Septiembre", "setiembre", "Maerz", "AUGUSTUS", "Mai"]
WEEKDAYS = ["Monday", "Sunday", "Sun", "Tue", "Tues", "MONDAY", "sunday", "So", "Di", "Lundi"]
WEEKDAYS += ["Xyz", "July", "Mar", "mercredi"]
ZONES = ["GMT", "UTC", "Z", "JST", "EDT", "IST", "CEST", "HKT", "PMT", "AM", "X", "ABCDE"]
SPACES = ["", " ", "  ", "\t", "\u00a0", "\n", "\u2009", "\u3000"]

numbers = st.integers(0, 99).flatmap(lambda n: st.sampled_from([f"{n}", f"{n:02}"]))
days = st.one_of(numbers, st.integers(1, 31).map(str))
years = st.one_of(  # the token tables hold 1800 to 2199; other years take the patterns
    st.integers(1790, 2210), st.integers(1000, 9999), st.integers(0, 9999)
).map(lambda y: f"{y:04}")
hours = st.one_of(st.integers(0, 29), st.integers(0, 12)).flatmap(
    lambda n: st.sampled_from([f"{n}", f"{n:02}"])
)
minutes = st.one_of(st.integers(0, 59), st.integers(0, 99)).map(lambda n: f"{n:02}")
ampms = st.sampled_from(["", " am", " pm", " AM", " PM", " a.m.", " p.m.", "pm", " P.M", " xm"])
zones = st.sampled_from(["", *(f" {zone}" for zone in ZONES), " UTC+3", " GMT-04:00", " +0300"])


@st.composite
def times(draw: st.DrawFn) -> str:
    """A time of day as sites write it, valid or not, with or without seconds, am/pm, zone."""
    seconds = draw(st.sampled_from(["", ":00", ":07", ":59", ":60", ":7"]))
    return f"{draw(hours)}:{draw(minutes)}{seconds}{draw(ampms)}{draw(zones)}"


@st.composite
def letter_first(draw: st.DrawFn) -> str:
    """July 16, 2023 and Monday, 16 July 2023 shapes, with or without a time."""
    weekday = draw(st.sampled_from(["", *(f"{name}{sep}" for name in WEEKDAYS for sep in ", ")]))
    weekday = (
        weekday.replace(" ", ", ") if weekday.endswith(" ") and draw(st.booleans()) else weekday
    )
    month = draw(st.sampled_from(MONTHS)) + draw(st.sampled_from(["", "."]))
    if weekday and draw(st.booleans()):
        date = f"{draw(days)}{draw(st.sampled_from(['', '.']))} {month} {draw(years)}"
    else:
        date = f"{month} {draw(days)}{draw(st.sampled_from(['', ',']))} {draw(years)}"
    time = (
        draw(st.sampled_from(["", " ", ", ", " - ", " at ", " | ", ", - ", " ,", "  "]))
        if draw(st.booleans())
        else ""
    )
    return weekday + date + (time + draw(times()) if time else "")


@st.composite
def digit_first(draw: st.DrawFn) -> str:
    """16.07.2023, 16/07/2023, 16 July 2023 and 14:05 JST, July 16, 2023 shapes."""
    shape = draw(st.integers(0, 2))
    if shape == 0:
        sep = draw(st.sampled_from("./-"))
        other = draw(st.sampled_from([sep, sep, "/" if sep != "/" else "."]))
        date = f"{draw(days)}{sep}{draw(days)}{other}{draw(years)}"
    elif shape == 1:
        dot = draw(st.sampled_from(["", "."]))
        date = f"{draw(days)}{dot} {draw(st.sampled_from(MONTHS))}{dot} {draw(years)}"
    else:
        sep = draw(st.sampled_from([", ", " ", " - ", "; ", " , ", ",  ", " -", ", - "]))
        return f"{draw(times())}{sep}{draw(st.sampled_from(MONTHS))} {draw(days)}, {draw(years)}"
    time = draw(st.sampled_from(["", " ", ", ", " - ", ", - ", " -"]))
    return date + (time + draw(times()) if time else "")


@st.composite
def iso(draw: st.DrawFn) -> str:
    """ISO 8601 and near misses: its separators, an offset, a fraction, stray characters."""
    moment = draw(st.datetimes(min_value=dt.datetime(1, 1, 1)))
    text = draw(
        st.sampled_from(
            [
                moment.date().isoformat(),
                moment.isoformat(),
                moment.isoformat(sep=" ", timespec="minutes"),
                moment.isoformat(timespec="seconds")
                + draw(st.sampled_from(["Z", "+03:00", "-0930"])),
                moment.isoformat() + draw(st.sampled_from(["\t+03:00", " +03:00", "x+01:00"])),
            ]
        )
    )
    return text


texts = st.one_of(letter_first(), digit_first(), iso())


@given(texts, st.sampled_from(SPACES), st.sampled_from(SPACES), st.sampled_from(["", "", " x"]))
@example("Sunday, July 16, 2023 - 10:45", "", "", "")
@example("Monday, July 16, 2023 - 10:45", "", "", "")  # not that day's weekday
@example("Feb 30, 2023 10:45 pm", "", "", "")
@example("12:05 am JST, July 16, 2023", "", "", "")
@example("03/04/2023 10:45", "", "", "")
@example("0999-07-16", "", "", "")
@example("1.1.1790 0:00 pm AM", "", "", "")  # two day periods: no reading, not 12:00
@example("2023-07-16T10:45\t+03:00", "", "", "")
def test_memo_and_dateutil_agree_on_common_shapes(
    text: str, before: str, after: str, trailing: str
) -> None:
    """Any common form, valid or not, surrounded by spaces or not: the memo gives the
    memo-free reading, and dateutil no other value."""
    for dayfirst in (None, True, False):
        check(before + text + trailing + after, dayfirst)


@given(
    st.text(alphabet="0123456789 ./-:,+TZapmAPMJulySeptMonGMTSTUä\u00a0\t\u0661\u0662", max_size=40)
)
def test_date_like_garbage_reads_the_same_every_way(text: str) -> None:
    """Strings near the common forms: the same reading through the memo or not, and
    dateutil gives no other value."""
    for dayfirst in (None, True, False):
        check(text, dayfirst)


def ends(words: str, *endings: str) -> list[str]:
    """Each of the space-separated words with each of the endings."""
    return [word + end for word in words.split() for end in endings]


# Tokens as sites write them, each with and without the commas and dots they may carry,
# and near misses: for texts made of them in any order, the readings must agree too.
TOKENS = [
    *ends("July Jul JULY Sept Mai März août Xyz", "", ".", ","),
    *ends("Monday Sun Di sábado Mar", "", ",", "."),
    *ends("1 01 16 29 30 31 32 0 00 9", "", ",", "."),
    *ends("2023 1800 2199 2200 1799 999 0999", "", ","),
    *ends("10:45 7:05 07:05 12:00 0:30 13:00 24:00 10:45:07 10:60", "", ","),
    *ends("am PM a.m. P.M pm. xm", "", ","),
    *ends("GMT UTC Z JST PMT AEST +0300", "", ","),
    *ends("16.07.2023 16/07/2023 07/16/2023 03/04/2023 16-07-2023 1.7.2023", "", ","),
    *ends("16.07/2023 16.13.2023 31.02.2023", "", ","),
    *["-", "|", "at", "um", "2023-07-16", "x"],
    "",
    "\u0661\u0666",  # Arabic-Indic digits: 16
    "\u0662\u0660\u0662\u0663",  # 2023
    "16\u00a0July",
]


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=7), st.sampled_from(SPACES[:3]))
@example(["Monday,", "16", "July", "2023"], "")
@example(["16.07.2023,", "-", "10:45"], "")
@example(["July", "16,", "2023", "-"], "")
@example(["July", "16,", "2023,"], "")
@example(["10:45", "pm,", "July", "16,", "2023"], "")
@example(["10:45", "July", "16,", "2023"], "")
@example(["10:45", "-", "July", "16,", "2023"], "")
@example(["13:00", "pm", "July", "16,", "2023"], "")
@example(["Monday,", "July", "16,", "2023", "-", "10:45", "pm", "GMT"], "")
@example(["Monday,", "July", "16,", "2023", "-", "10:45", "pm", "GMT", "x", "y"], "")
@example(["10:45", "pm", "GMT", "-", "July", "16,", "2023", "x", "2023"], "")
def test_token_soup_reads_the_same_every_way(tokens: list[str], space: str) -> None:
    """Known tokens in any order, some with a stray comma or dot: the same reading."""
    for dayfirst in (None, True, False):
        check(space.join(tokens) if space else " ".join(tokens), dayfirst)


FORM_STRINGS = [
    "{month} {d}, {Y}",
    "{d} {month} {Y}",
    "{mon}. {d}, {Y} {h12}:{M} {ampm}",
    "{mon} {d}, {Y}, {h12}:{M} {AMPM}",
    "{mon} {dd}, {Y} {h12}:{M}:{S} {a_m_}",
    "{Y}-{m}-{dd}",
    "{Y}-{m}-{dd} {H}:{M}",
    "{Y}-{m}-{dd}T{H}:{M}:{S}+03:00",
    "{dd}.{m}.{Y}",
    "{dd}.{m}.{Y} {H}:{M}",
    "{dd}. {monat} {Y}",
    "{weekday}, {month} {d}, {Y} - {H}:{M}",
    "{weekday}, {d} {month} {Y} {H}:{M}",
    "{wd}, {d} {mon} {Y}",
    "{H}:{M} {zone}, {month} {d}, {Y}",
    "{h12}:{M} {ampm} {zone}, {mon}. {d}, {Y}",
    "{month} {d}, {Y} {H}:{M} {zone}",
    "{month} {d}, {Y} {H}:{M}:{S} {zone}",
    "{dd}/{m}/{Y}",
    "{m}/{dd}/{Y}",
    "{dd}-{m}-{Y} {H}:{M}",
    "{dd}.{m}.{Y}, {H}:{M}",
    "{d}. {monat_umlaut} {Y}",
    "{wd}, {d}. {monat_umlaut} {Y} - {H}:{M} {zone}",
    "{H}:{M} {zone} - {month} {d}, {Y}",
    "{h12}:{M} {ampm}, {mon}. {d}, {Y}",
    "{H}:{M}, {month} {d}, {Y}",
    "{mon}. {d}, {Y}, {h12}:{M} {a_m_} {zone}",
]


# Zone abbreviations of the forms, written out independently of the reader's table.
FORM_ZONES = {"GMT": 0, "UTC": 0, "Z": 0, "JST": 540, "EDT": -240, "CEST": 120, "IST": 330}


def written(form: str, moment: dt.datetime, zone: str) -> dt.date:
    """What a form written from ``moment`` states: the day, the minute or the second, with
    the zone's offset when it names one."""
    if "{H}" not in form and "{h12}" not in form:
        return moment.date()
    stated = (
        moment.replace(microsecond=0) if "{S}" in form else moment.replace(second=0, microsecond=0)
    )
    if "+03:00" in form:
        return stated.replace(tzinfo=dt.timezone(dt.timedelta(hours=3)))
    if "{zone}" in form:
        return stated.replace(tzinfo=dt.timezone(dt.timedelta(minutes=FORM_ZONES[zone])))
    return stated


@pytest.mark.parametrize("form", FORM_STRINGS)
@given(
    moment=st.datetimes(min_value=dt.datetime(1000, 1, 1)),
    zone=st.sampled_from(sorted(FORM_ZONES)),
)
def test_common_forms_never_take_the_long_way(form: str, moment: dt.datetime, zone: str) -> None:
    """A valid date in a common form is read by the tables alone (dateutil is never asked),
    to the moment it was written from, at the precision the form states."""
    text = fill(form, moment, zone)
    with mock.patch.object(reader, "read_dateutil", side_effect=AssertionError(text)):
        reading = reader._read_text(text, day_order(form), None)
    expected = written(form, moment, zone)
    assert reading.problem is None, (text, reading)
    assert type(reading.value) is type(expected), (text, reading)
    assert reading.value == expected, (text, reading)
    if isinstance(reading.value, dt.datetime) and isinstance(expected, dt.datetime):
        assert reading.value.utcoffset() == expected.utcoffset(), (text, reading)


def day_order(form: str) -> bool | None:
    """The dayfirst that a form's slashed or dashed dates need."""
    return (
        True if form.startswith(("{dd}/", "{dd}-")) else False if form.startswith("{m}/") else None
    )


@pytest.mark.parametrize("form", FORM_STRINGS)
@given(
    moment=st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2199, 12, 31)),
    zone=st.sampled_from(sorted(FORM_ZONES)),
    lang=st.sampled_from(["en", "de", "fr", "ru", "ja"]),
)
def test_a_named_language_reads_common_forms_the_same(
    form: str, moment: dt.datetime, zone: str, lang: str
) -> None:
    """Naming a language puts its names first; a common form, whose order the form itself
    settles, reads to the same value whichever language is named."""
    text = fill(form, moment, zone)
    dayfirst = day_order(form)
    plain = read_date(text, dayfirst=dayfirst)
    named = read_date(text, dayfirst=dayfirst, lang=lang)
    assert plain.problem is None, (text, plain)
    assert identical(plain, named), (text, lang, plain, named)


def test_a_long_text_is_split_into_a_few_parts_only() -> None:
    """The tokens split a text at its first spaces only: a long text costs its length once."""
    for text in ("July 16, 2023 " + "x " * 200_000, "x " * 200_000, "10:45 " * 100_000):
        for dayfirst in (None, True, False):
            assert check(text, dayfirst).problem == "unreadable"


def test_the_memo_remembers_readings() -> None:
    """read_date keeps answering from its memo, and tz is applied per call."""
    reader.forget()
    first = read_date("July 16, 2023 10:45 GMT")
    assert read_date("July 16, 2023 10:45 GMT") is first
    assert reader._MEMOS[None, None]["July 16, 2023 10:45 GMT"] is first
    naive = read_date("16.07.2023 10:45", tz=dt.UTC)
    assert naive.tz_assumed
    assert naive.value == dt.datetime(2023, 7, 16, 10, 45, tzinfo=dt.UTC)
    assert read_date("16.07.2023 10:45").tz_assumed is False


def test_named_zones_keep_their_names() -> None:
    """A zone abbreviation gives the table's zone, name included."""
    value = read_date("10:45 JST, July 16, 2023").value
    assert isinstance(value, dt.datetime)
    assert value.tzinfo is tables.ZONES["JST"]
    assert read_date("July 16, 2023 10:45 GMT").value == dt.datetime(
        2023, 7, 16, 10, 45, tzinfo=dt.UTC
    )


@given(
    st.lists(
        st.sampled_from(
            [
                *("Wednesday,", "September", "Sept.", "30,", "30.", "16.07.2023", "2023"),
                *("2023,", "-", "10:45", "p.m.", "GMT", "GMT,", "x" * 90, "10:45,"),
            ]
        ),
        min_size=1,
        max_size=10,
    )
)
def test_the_memo_keeps_only_short_texts(tokens: list[str]) -> None:
    """Whatever path reads a text, the memo never keeps one longer than the limit."""
    text = " ".join(tokens)
    for dayfirst in (None, True, False):
        assert read_date(text, dayfirst=dayfirst) == reader._read_text(text, dayfirst, None)
    assert all(len(key) <= reader.MAX_READ for memo in reader._MEMOS.values() for key in memo)
