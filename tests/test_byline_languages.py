"""Bylines in every language: the word for "by", CLDR's list conjunctions, names in every
script, roles, desks and news agencies; the round-trip laws on them."""

# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import pickle

import attrs
import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdump
from newsdump import Author
from newsdump._export.dicts import from_dict, to_dict
from newsdump._parse._cldr import LIST_AND
from newsdump._parse.byline import BY_WORDS, is_agency, match_byline, split_authors

TRAILER = "\n\nOriginal url:\n\n<https://example.org/a>"

# Invented names in each language's script (none of them a conjunction or a role).
_LATIN = ("Anna Muster", "Ben Beispiel", "Clara Nowak", "Jan de Vries", "Oskar Lind", "Eda Kaya")
NAMES: dict[str, tuple[str, ...]] = {
    "ru": ("Иван Петров", "Анна Смирнова", "Олег Белов"),
    "uk": ("Олена Коваленко", "Тарас Шевчук", "Ірина Бондар"),
    "bg": ("Георги Иванов", "Мария Петрова", "Стефан Димов"),
    "sr": ("Марко Јовић", "Јелена Петровић", "Никола Илић"),
    "el": ("Γιάννης Παπαδόπουλος", "Μαρία Νικολάου", "Νίκος Γεωργίου"),
    "he": ("דוד כהן", "שרה לוי", "יוסי מזרחי"),
    "ar": ("أحمد علي", "محمد حسن", "ليلى سعيد"),
    "fa": ("علی رضایی", "مریم احمدی", "سارا کریمی"),
    "ur": ("علی احمد", "فاطمہ خان", "حسن رضا"),
    "hi": ("राहुल शर्मा", "अनीता सिंह", "सुनील गुप्ता"),
    "bn": ("রাহুল দাস", "অনিতা রায়", "সুমন সেন"),
    "ta": ("ராஜா குமார்", "மீனா ரவி", "அருண் செல்வம்"),
    "th": ("สมชาย ใจดี", "สมหญิง รักไทย", "ประยุทธ์ ศรีสุข"),
    "zh": ("张三", "李四", "王小明"),
    "ja": ("山田太郎", "鈴木花子", "田中一郎"),
    "ko": ("홍길동", "김철수", "이영희"),
    "vi": ("Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu"),
}
# CLDR writes the Arabic and Hebrew "and" against the next name (و, ו); bylines are read
# with it as a word of its own (see docs/format.md): "أحمد وليد" is one name.
SPACED = frozenset(("ar", "he"))
# Thai lists separate all but the last two items with a space, as inside a name: a
# Thai byline is read at its commas and at และ, so two names at most here.
MOST = {"th": 2}
# Languages with a word for "by" of their own (zu and xh sites print "By").
LANGUAGES = sorted(BY_WORDS)


def _render(language: str, names: list[str]) -> str:
    """``names`` joined as CLDR's standard list pattern of ``language`` joins them."""
    patterns: dict[str, str] = dict(Locale.parse(language).list_patterns["standard"])
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        text = patterns["2"].format(*names)
    else:
        text = patterns["start"].format(names[0], names[1])
        for name in names[2:-1]:
            text = patterns["middle"].format(text, name)
        text = patterns["end"].format(text, names[-1])
    if language in SPACED:
        for conjunction in LIST_AND[language]:
            text = text.replace(f" {conjunction}", f" {conjunction} ")
    return text


@st.composite
def bylines(draw: st.DrawFn, language: str) -> tuple[str, str, list[str]]:
    """A language, a byline line in it, and the names it holds."""
    pool = NAMES.get(language, _LATIN)
    most = MOST.get(language, 3)
    names = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=most, unique=True))
    word = draw(st.sampled_from(BY_WORDS[language]))
    gap = "" if word[-1:] in ":：/／・" and draw(st.booleans()) else " "
    return language, f"{word}{gap}{_render(language, names)}", names


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=30)
@given(data=st.data())
def test_a_byline_in_any_language_reads_back_as_its_names(
    language: str, data: st.DataObject
) -> None:
    """The word for "by" and CLDR's list pattern of each language, read back."""
    _, line, names = data.draw(bylines(language))
    found = match_byline(line)
    assert found is not None, line
    authors = split_authors(line[found.start : found.stop], found.languages)
    assert [a.name for a in authors] == names
    assert not any(a.agency for a in authors)


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=15)
@given(data=st.data())
def test_laws_hold_on_bylines_in_any_language(language: str, data: st.DataObject) -> None:
    """Law 1 on the file, law 2 and law 4 on the article read from it."""
    _, line, names = data.draw(bylines(language))
    text = f"\n\n# A headline\n\n{line}\n\n2024-05-06\n\nThe body.{TRAILER}"
    article = newsdump.loads(text)
    assert newsdump.dumps(article) == text
    assert [a.name for a in article.authors] == names
    assert article.published is not None
    assert newsdump.loads(newsdump.dumps(article, canonical=True)) == article
    built = newsdump.Article(headline="A headline", authors=article.authors, body=())
    assert newsdump.loads(newsdump.dumps(built)).authors == article.authors


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Von Anna Muster und Ben Beispiel", ["Anna Muster", "Ben Beispiel"]),
        ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
        ("Por Ana García y Luis Pérez", ["Ana García", "Luis Pérez"]),
        ("di Mario Rossi e Luca Bianchi", ["Mario Rossi", "Luca Bianchi"]),
        ("Door Jan de Vries en Piet Jansen", ["Jan de Vries", "Piet Jansen"]),
        ("Av Anna Svensson och Erik Berg", ["Anna Svensson", "Erik Berg"]),
        ("Autor: Jan Novák a Petr Svoboda", ["Jan Novák", "Petr Svoboda"]),
        ("Автор: Иван Петров и Анна Смирнова", ["Иван Петров", "Анна Смирнова"]),
        ("Yazar: Ahmet Yılmaz ve Ayşe Kaya", ["Ahmet Yılmaz", "Ayşe Kaya"]),
        ("Oleh Budi Santoso dan Siti Aminah", ["Budi Santoso", "Siti Aminah"]),
        ("Oleh Dan Brown dan Ann Lee", ["Dan Brown", "Ann Lee"]),
        ("홍길동·김철수 기자", ["홍길동", "김철수"]),
        ("홍길동 기자 hong@example.org", ["홍길동"]),
        ("작성자: 홍길동 및 김철수", ["홍길동", "김철수"]),
        ("作者：张三和李四", ["张三", "李四"]),
        ("作者：王和平", ["王和平"]),
        ("文：山田太郎、鈴木花子", ["山田太郎", "鈴木花子"]),
        ("By A One, B Two, and C Three", ["A One", "B Two", "C Three"]),
        ("per Joan Puig i Maria Vidal", ["Joan Puig", "Maria Vidal"]),
    ],
)
def test_bylines_in_the_sites_words(line: str, names: list[str]) -> None:
    """Examples of the issue: each site's word for "by" and its conjunctions."""
    found = match_byline(line)
    assert found is not None
    authors = split_authors(line[found.start : found.stop], found.languages)
    assert [a.name for a in authors] == names


@pytest.mark.parametrize(
    "line",
    [
        "Di fronte al palazzo",
        "Von Berlin aus fahren die Züge",
        "Par exemple",
        "Por qué",
        "Door de regering",
        "Per Olsson",
        "By the time we came",
        "De minister van Financiën",
        "Dieter Muster",
        "",
    ],
)
def test_prose_after_a_word_for_by_is_no_byline(line: str) -> None:
    """A line that starts like a byline but goes on as prose (or a name) is not one."""
    assert match_byline(line) is None


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Reuters staff", [("Reuters staff", True)]),
        ("By Our Correspondent", [("Our Correspondent", False)]),
        ("By our correspondent", [("our correspondent", False)]),
        ("By staff reporters", [("staff reporters", False)]),
        ("By Jane Doe, Senior Reporter", [("Jane Doe", False)]),
        ("By Jane Doe, Correspondent in Paris", [("Jane Doe", False)]),
        ("Von Anna Muster, Korrespondentin in Paris", [("Anna Muster", False)]),
        ("By Jane Doe and Reuters staff", [("Jane Doe", False), ("Reuters staff", True)]),
        ("Von dpa", [("dpa", True)]),
        ("By AFP", [("AFP", True)]),
        ("By [AFP, MANILA](#)", [("AFP, MANILA", True)]),
        ("By Agence France-Presse", [("Agence France-Presse", True)]),
        ("By The Associated Press", [("The Associated Press", True)]),
        ("Автор: ТАСС", [("ТАСС", True)]),
        ("By AFP/Reuters", [("AFP/Reuters", True)]),
        ("By [Le Figaro et AFP](#)", [("Le Figaro et AFP", False)]),
    ],
)
def test_roles_desks_and_agencies(line: str, authors: list[tuple[str, bool]]) -> None:
    """A role after a name is dropped; a role-only byline is a desk; agencies are marked."""
    found = match_byline(line)
    assert found is not None
    read = split_authors(line[found.start : found.stop], found.languages)
    assert [(a.name, a.agency) for a in read] == authors


@pytest.mark.parametrize(
    ("name", "agency"),
    [
        ("AFP", True),
        ("A.P.", True),
        ("Kyodo News", True),
        ("AFP Deutschland", True),
        ("Синьхуа", True),
        ("Yonhap", True),
        ("PA Media", True),
        ("Efe Kaya", False),
        ("AP Smith", False),
        ("Petra Muster", False),
        ("Reuter", False),
    ],
)
def test_is_agency(name: str, agency: bool) -> None:
    """News agencies in their usual spellings, and names that only look like them."""
    assert is_agency(name) is agency


def test_a_role_only_byline_keeps_the_dateline_and_the_credit() -> None:
    """``By Reuters staff`` is the byline, so the dateline and the credit after it are read."""
    text = (
        "\n\n# Harbour Opens\n\nBy Reuters staff\n\n2024-05-06\n\n\n\nJo Lens/Wire\n\nBody."
        + TRAILER
    )
    article = newsdump.loads(text)
    assert article.authors == (Author("Reuters staff", agency=True),)
    assert (article.published, article.credit) == (newsdump.loads(text).published, "Jo Lens/Wire")
    assert article.published is not None
    assert newsdump.dumps(article) == text


def test_agency_survives_pickle_and_records() -> None:
    """``agency`` goes through pickle and `to_dict` (written when true); a record without
    it reads as False."""
    article = newsdump.loads("\n\n# H\n\nBy AFP and Ann Lee\n\nBody." + TRAILER)
    assert [a.agency for a in article.authors] == [True, False]
    assert pickle.loads(pickle.dumps(article)) == article
    assert pickle.loads(pickle.dumps(article.authors[0])).agency is True
    record = to_dict(article)
    assert record["authors"] == [
        {"name": "AFP", "url": None, "agency": True},
        {"name": "Ann Lee", "url": None},
    ]
    assert from_dict(record) == article
    del record["authors"][0]["agency"]
    assert from_dict(record).authors[0] == Author("AFP")


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=10)
@given(data=st.data())
def test_law3_an_edit_leaves_a_byline_in_any_language_as_written(
    language: str, data: st.DataObject
) -> None:
    """Editing the headline keeps the site's byline line as written; editing the authors
    rewrites that line only."""
    _, line, _ = data.draw(bylines(language))
    text = f"\n\n# A headline\n\n{line}\n\n2024-05-06\n\nThe body.{TRAILER}"
    article = newsdump.loads(text)
    retitled = newsdump.dumps(attrs.evolve(article, headline="Another headline"))
    assert retitled == text.replace("# A headline", "# Another headline")
    edited = newsdump.dumps(attrs.evolve(article, authors=(Author("Ann Lee"),)))
    assert edited == text.replace(line, "By [Ann Lee](#)")
