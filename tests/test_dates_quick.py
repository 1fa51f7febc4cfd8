"""The quick path of the dateline reader gives exactly the general path's readings."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsdump._parse import dates
from newsdump._parse.dates import DateReading, read_date


def identical(one: DateReading, other: DateReading) -> bool:
    """Same fields, same value type, same offset and zone name (== alone compares instants)."""
    if one != other or type(one.value) is not type(other.value):
        return False
    if isinstance(one.value, dt.datetime) and isinstance(other.value, dt.datetime):
        mine, theirs = one.value, other.value
        return (mine.utcoffset(), mine.tzname()) == (theirs.utcoffset(), theirs.tzname())
    return True


def check(text: str, dayfirst: bool | None) -> DateReading:
    """Read a text both ways and require the same reading."""
    quick, general = dates._read(text, dayfirst), dates._read_general(text, dayfirst)
    assert identical(quick, general), (text, dayfirst, quick, general)
    return quick


MONTHS = ["July", "Jul", "JULY", "july", "Sept", "Sep", "Feb", "February", "Dec", "Mai", "Juli"]
MONTHS += ["Januar", "Dezember", "juillet", "Mrz", "Foo", "jULY", "Tues", "Mon"]
WEEKDAYS = ["Monday", "Sunday", "Sun", "Tue", "Tues", "MONDAY", "sunday", "So", "Di", "Lundi"]
WEEKDAYS += ["Xyz", "July", "Mar", "mercredi"]
ZONES = ["GMT", "UTC", "Z", "JST", "EDT", "IST", "CEST", "HKT", "PMT", "AM", "X", "ABCDE"]
SPACES = ["", " ", "  ", "\t", "\u00a0", "\n"]

numbers = st.integers(0, 99).flatmap(lambda n: st.sampled_from([f"{n}", f"{n:02}"]))
days = st.one_of(numbers, st.integers(1, 31).map(str))
years = st.one_of(st.integers(1000, 9999), st.integers(0, 9999)).map(lambda y: f"{y:04}")
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
        draw(st.sampled_from(["", " ", ", ", " - ", " at ", " | "])) if draw(st.booleans()) else ""
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
        sep = draw(st.sampled_from([", ", " ", " - ", "; "]))
        return f"{draw(times())}{sep}{draw(st.sampled_from(MONTHS))} {draw(days)}, {draw(years)}"
    time = draw(st.sampled_from(["", " ", ", ", " - "]))
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
@example("2023-07-16T10:45\t+03:00", "", "", "")
def test_quick_path_reads_what_the_general_path_reads(
    text: str, before: str, after: str, trailing: str
) -> None:
    """Any common form, valid or not, surrounded by spaces or not: the same reading."""
    for dayfirst in (None, True, False):
        check(before + text + trailing + after, dayfirst)


@given(st.text(alphabet="0123456789 ./-:,+TZapmAPMJulySeptMonGMTSTU\u00a0\t", max_size=40))
def test_date_like_garbage_reads_the_same_both_ways(text: str) -> None:
    """Strings near the common forms read as the general path reads them."""
    for dayfirst in (None, True, False):
        check(text, dayfirst)


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
]
ENGLISH = "January February March April May June July August September October November December"
GERMAN = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"


def fill(form: str, moment: dt.datetime, zone: str) -> str:
    """Write a valid moment in a form."""
    month = ENGLISH.split()[moment.month - 1]
    return form.format(
        month=month,
        mon="Sept" if moment.month == 9 else month[:3],
        monat=GERMAN.split()[moment.month - 1].replace("ä", "ae"),
        weekday=DAYS.split()[moment.weekday()],
        wd=DAYS.split()[moment.weekday()][:3],
        d=moment.day,
        dd=f"{moment.day:02}",
        m=f"{moment.month:02}",
        Y=moment.year,
        H=f"{moment.hour:02}",
        M=f"{moment.minute:02}",
        S=f"{moment.second:02}",
        h12=moment.hour % 12 or 12,
        ampm="am" if moment.hour < 12 else "pm",
        AMPM="AM" if moment.hour < 12 else "PM",
        a_m_="a.m." if moment.hour < 12 else "p.m.",
        zone=zone,
    )


@pytest.mark.parametrize("form", FORM_STRINGS)
@given(
    moment=st.datetimes(min_value=dt.datetime(1000, 1, 1)),
    zone=st.sampled_from(["GMT", "UTC", "JST", "EDT", "CEST", "IST", "Z"]),
)
def test_common_forms_never_take_the_long_way(form: str, moment: dt.datetime, zone: str) -> None:
    """A valid date in a common form is read by the quick path alone, to the general reading."""
    text = fill(form, moment, zone)
    dayfirst = (
        True if form.startswith(("{dd}/", "{dd}-")) else False if form.startswith("{m}/") else None
    )
    expected = dates._read_general(text, dayfirst)
    assert expected.problem is None, (text, expected)
    with mock.patch.object(dates, "_read_general", side_effect=AssertionError(text)):
        assert identical(dates._read(text, dayfirst), expected)


def test_the_memo_still_remembers_quick_readings() -> None:
    """read_date keeps answering from its memo, and tz is applied per call."""
    for memo in dates._MEMOS.values():
        memo.clear()
    first = read_date("July 16, 2023 10:45 GMT")
    assert read_date("July 16, 2023 10:45 GMT") is first
    assert dates._MEMOS[None]["July 16, 2023 10:45 GMT"] is first
    naive = read_date("16.07.2023 10:45", tz=dt.UTC)
    assert naive.tz_assumed
    assert naive.value == dt.datetime(2023, 7, 16, 10, 45, tzinfo=dt.UTC)
    assert read_date("16.07.2023 10:45").tz_assumed is False


def test_named_zones_keep_their_names() -> None:
    """A zone abbreviation gives the table's zone, name included, as the general path does."""
    value = read_date("10:45 JST, July 16, 2023").value
    assert isinstance(value, dt.datetime)
    assert value.tzinfo is dates._ZONES["JST"]
    assert read_date("July 16, 2023 10:45 GMT").value == dt.datetime(
        2023, 7, 16, 10, 45, tzinfo=dt.UTC
    )
