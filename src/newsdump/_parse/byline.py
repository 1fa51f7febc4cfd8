"""The byline: the site's word for "by" and the names of the authors, linked or plain.

A byline starts with the word a site prints for "by" in its language (``By``, ``Von``,
``Par``, ``Por``, ``Di``, ``Door``, ``Av``, ``Autor:``, ``Автор:``, ``Yazar:``,
``Oleh``, ``作者：`` ...; `BY_WORDS`), or, in Korean, ends with ``기자`` (reporter). Names
are separated by ``,``, ``;``, ``&`` and the conjunctions of the byline's languages, taken
from CLDR's standard list patterns (``und``, ``et``, ``y``, ``и``, ``ve``, ``、``, ``和``,
``및``; `newsdump._parse._cldr.LIST_AND`). A separator inside a link's text stays in the
name, so ``[AFP, MANILA](#)`` is one author.

Roles are not names: a plain part that names a role (``Moscow correspondent``, ``Senior
Reporter``, ``Korrespondentin in Paris``) is dropped when another part names someone.
A byline that names only roles (``By Our Correspondent``, ``By staff reporters``) is
still a byline: each role part is then an author as printed (a desk). An author that
names a news agency (``AFP``, ``Reuters staff``, ``Deutsche Presse-Agentur``, ``ТАСС``)
is marked ``agency=True``.
"""

# Names, agencies and words for "by" in every script: look-alike letters are meant.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from newsdump._model.flat import new_author
from newsdump._parse._cldr import LIST_AND
from newsdump.model import Author

__all__ = [
    "AGENCIES",
    "BYLINE",
    "BY_WORDS",
    "Byline",
    "is_agency",
    "match_byline",
    "split_authors",
]

# The words sites print for "by", per language. CLDR has no such data, so this table is
# typed by hand, from the mastheads of the languages' national papers and agencies and
# the style guides that describe them (each word is the one a reader sees before the
# names; a word ending in a colon may be followed by the names with no space). Zulu and
# Xhosa sites print the English "By" (no word of their own is listed).
BY_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("By",),
    "de": ("Von",),
    "fr": ("Par",),
    "es": ("Por", "Autor:"),
    "pt": ("Por", "Autor:"),
    "it": ("Di", "Autore:"),
    "nl": ("Door",),
    "sv": ("Av",),
    "no": ("Av",),
    "nb": ("Av",),
    "da": ("Af", "Av"),
    "is": ("Eftir",),
    "ca": ("per",),
    "ro": ("De", "Autor:"),
    "cs": ("Autor:", "Autorka:", "Autoři:"),
    "sk": ("Autor:", "Autorka:"),
    "pl": ("Autor:", "Autorka:", "Autorzy:"),
    "hr": ("Autor:", "Autorica:", "Piše:"),
    "sr": ("Аутор:", "Autor:", "Пише:"),
    "sl": ("Avtor:", "Avtorica:", "Piše:"),
    "hu": ("Szerző:", "Írta:"),
    "fi": ("Kirjoittaja:", "Teksti:"),
    "lt": ("Autorius:", "Autorė:"),
    "ru": ("Автор:", "Авторы:"),
    "uk": ("Автор:", "Авторка:", "Автори:"),
    "bg": ("Автор:", "Автори:"),
    "el": ("Γράφει:", "Συντάκτης:"),
    "tr": ("Yazar:", "Haber:"),
    "id": ("Oleh", "Penulis:"),
    "ms": ("Oleh", "Oleh:"),
    "vi": ("Bởi", "Tác giả:"),
    "sw": ("Na", "Mwandishi:"),
    "ar": ("بقلم", "بقلم:", "كتب:"),
    "fa": ("نویسنده:", "به قلم"),
    "ur": ("تحریر:", "مصنف:"),
    "he": ("מאת", "מאת:"),
    "hi": ("लेखक:",),
    "bn": ("লেখক:",),
    "ta": ("எழுதியவர்:",),
    "th": ("โดย", "เขียนโดย"),
    "zh": ("作者：", "作者:", "记者", "記者", "文／", "文/"),
    "ja": ("文：", "文・", "筆者：", "記者："),
    "ko": ("글", "작성자:"),
}
"""The word for "by" a byline starts with, per language (ISO 639-1)."""

# Roles that follow a name with no comma between (``홍길동 기자``): stripped from the name.
_SUFFIX_ROLES = ("기자", "특파원", "記者", "记者", "特派員", "特派员")

# News agencies as bylines spell them (case as printed; dots removed before comparing).
AGENCIES = frozenset(
    {
        "AFP", "Agence France-Presse", "Agence France Presse", "AP", "Associated Press",
        "The Associated Press", "Reuters", "Thomson Reuters", "dpa", "DPA",
        "Deutsche Presse-Agentur", "EFE", "Agencia EFE", "ANSA", "TASS", "ТАСС",
        "ИТАР-ТАСС", "Xinhua", "Синьхуа", "新华社", "新華社", "Kyodo", "Kyodo News",
        "共同通信", "共同通信社", "Jiji", "Jiji Press", "時事通信", "Yonhap", "연합뉴스",
        "聯合ニュース", "PA", "PA Media", "Press Association", "UPI", "Bloomberg", "APA",
        "ANP", "Belga", "NTB", "TT", "Ritzau", "STT", "ČTK", "CTK", "TASR", "PAP", "MTI",
        "Agerpres", "BTA", "HINA", "Tanjug", "STA", "Lusa", "Europa Press", "KNA", "epd",
        "AA", "Anadolu", "Anadolu Ajansı", "Anadolu Agency", "DHA", "Antara", "Bernama",
        "PTI", "IANS", "ANI", "RIA Novosti", "РИА Новости", "Интерфакс", "Interfax",
        "Укрінформ", "Ukrinform", "УНІАН", "UNIAN", "WAFA", "KUNA", "WAM", "MENA", "IRNA",
        "ISNA", "وكالة الأنباء", "رويترز", "فرانس برس", "أ ف ب", "ロイター", "AP通信",
        "美联社", "法新社", "路透社", "로이터", "AFP통신", "Keystone-SDA", "SDA", "AAP",
        "CP", "Canadian Press", "The Canadian Press", "NTB Scanpix", "Notimex",
        "Agência Brasil", "SANA", "Athens News Agency", "ΑΠΕ-ΜΠΕ", "ΑΠΕ",
    }
)  # fmt: skip
"""News agencies (wire services) as bylines name them: an author that is one of these,
maybe with a place after a comma (``AFP, MANILA``), a desk word (``Reuters staff``), a
branch (``AFP Deutschland``) or several joined by ``/`` (``AFP/Reuters``), is an agency."""

# Words of roles, case-folded. A plain part with one of them (and more than one word, or a
# lower-case start) names a role, not a person. English from the corpus's bylines; the
# rest the usual job titles of each language's newsrooms.
_ROLES = frozenset(
    {
        "correspondent", "correspondents", "reporter", "reporters", "editor", "editors",
        "writer", "writers", "columnist", "contributor", "contributors", "producer",
        "staff", "analyst", "journalist", "journalists", "photographer", "chief",
        "desk", "newsroom", "correspondente", "korrespondent", "korrespondentin",
        "redakteur", "redakteurin", "reporterin", "redaktion", "autorin",
        "correspondant", "correspondante", "journaliste", "envoyé", "envoyée", "rédaction",
        "corresponsal", "periodista", "redacción", "redactor", "redactora", "enviado",
        "enviada", "corrispondente", "giornalista", "inviato", "inviata", "redazione",
        "jornalista", "repórter", "redação", "verslaggever", "redactie", "redaksjonen",
        "journalisten", "корреспондент", "журналист", "обозреватель", "редакция",
        "кореспондент", "редакція", "muhabir", "muhabiri", "editörü", "korespondent",
        "dziennikarz", "dziennikarka", "redakcja", "redaktor", "redaktorka", "zpravodaj",
        "redakce", "wartawan", "pewarta", "phóng", "مراسل", "مراسلة", "כתב", "כתבת",
        "संवाददाता", "रिपोर्टर", "ανταποκριτής", "δημοσιογράφος", "muhabirimiz",
    }
)  # fmt: skip

# Lower-case words that may stand inside a name (von der Leyen, da Silva, bin Salman).
_PARTICLES = frozenset(
    (
        "von", "van", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "do", "du",
        "la", "le", "ter", "ten", "zu", "bin", "binti", "ibn", "al", "el", "y", "e", "i",
    )
)  # fmt: skip

# Words read only as printed, not in other cases: "Per" is a Scandinavian first name.
_AS_PRINTED = frozenset(("per",))
_BYLINE_WORDS: dict[str, tuple[str, ...]] = {}
"""Each spelling of a word for "by" (with its case variants), and its languages."""
for _language, _words in BY_WORDS.items():
    for _word in _words:
        _variants = {_word, _word.lower(), _word.upper(), _word[:1] + _word[1:].lower()}
        for _variant in {_word} if _word in _AS_PRINTED else _variants:
            _BYLINE_WORDS[_variant] = (*_BYLINE_WORDS.get(_variant, ()), _language)
_BYLINE_WORDS["bY"] = ("en",)

_LANGUAGES_OF = {word: "|".join(languages) for word, languages in _BYLINE_WORDS.items()}
"""The ``|``-joined languages of each spelling (joined once, not per byline)."""

BYLINE = re.compile(
    r"[ \t]{0,3}(?P<word>[Bb][Yy]|"  # English first: most bylines (the order is free)
    + "|".join(map(re.escape, sorted(_BYLINE_WORDS, key=lambda word: (-len(word), word))))
    + r")(?:[ \t\xa0]+|(?<=[:：/／・])[ \t\xa0]*)(?=\S)"
)
"""The word for "by" at the start of a line (group ``word``); the names follow."""
_STARTS = frozenset(word[0] for word in _BYLINE_WORDS)
"""What a word for "by" starts with: a line starting otherwise is told without the
pattern (1.5 µs per line, its 270 words tried in turn)."""

_KOREAN = re.compile(
    r"[ \t]{0,3}(?P<names>[가-힣]{2,5}(?:(?:[ \t]*+기자)?[ \t]*+[·,][ \t]*+[가-힣]{2,5}){0,5})"
    r"[ \t\xa0]*+기자(?:[ \t\xa0]++[\w.+-]+@[\w.-]+)?[ \t]*+"
)
"""A Korean byline: the names, then ``기자`` (reporter), maybe an e-mail address."""


class Byline(NamedTuple):
    """A line read as a byline: where its names start, and the languages its word is of."""

    start: int
    stop: int
    languages: str


_LINES: dict[str, Byline | None] = {}
"""Lines read before (bounded as `_MEMO`): a dump's bylines recur, and reading one
anew costs 8% of `loads` on the corpus, from the memos 0.5% (bench_bylines)."""


def match_byline(line: str) -> Byline | None:
    """Where the names of a byline ``line`` are, or ``None`` when it is not a byline.

    The line starts with a word for "by" (or is a Korean ``... 기자`` line) and, after
    a word other than English ``By``, the names read as names: no lower-case word other
    than a particle (``von``, ``da``, ``bin``) outside a role.
    """
    try:
        return _LINES[line]
    except KeyError:
        pass
    found = _match_byline(line)
    if len(_LINES) >= _MEMO_SIZE:
        _LINES.clear()
    _LINES[line] = found
    return found


def _match_byline(line: str) -> Byline | None:
    first = line[:4].lstrip(" \t")[:1]
    match = BYLINE.match(line) if first in _STARTS else None
    if match is None:
        korean = _KOREAN.fullmatch(line) if "가" <= first <= "힣" else None
        if korean is None:
            return None
        return Byline(korean.start("names"), korean.end("names"), "ko")
    languages = _LANGUAGES_OF[match.group("word")]
    names = line[match.end() :]
    if languages == "en":
        if _is_sentence(names):
            return None
    elif not _reads_as_names(names, languages):
        return None
    return Byline(match.end(), len(line), languages)


# Words after "By" that start a sentence ("By the time ..."), not a name.
_SENTENCE_WORDS = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "those", "then", "now", "its", "his",
        "her", "their", "our", "my", "your", "late", "early", "far", "all", "some", "most",
        "contrast", "comparison", "way", "default", "design", "night", "day", "noon",
        "midnight", "nightfall", "dawn", "law", "order", "mid", "next", "last", "one", "two",
    }
)  # fmt: skip
_SENTENCE_END = frozenset('.!?:;…»"”。！？')


def _is_sentence(names: str) -> bool:
    """Whether the text after ``By`` reads as prose ("By the time ...") rather than names.

    A lower-case sentence word may start a short role-only byline (``By our
    correspondent``).
    """
    first = names.split(maxsplit=1)
    if not first:
        return True
    if first[0].rstrip(",;:.") in _SENTENCE_WORDS:
        return len(names.split()) > 4 or not _is_role(names)
    return ends_sentence(names) and len(names.split()) > 6


def ends_sentence(text: str) -> bool:
    """Whether the text's last character other than whitespace ends a sentence."""
    return text.rstrip()[-1:] in _SENTENCE_END


def _reads_as_names(names: str, languages: str) -> bool:
    """Whether the text after a word for "by" other than English reads as names."""
    if ends_sentence(names) and len(names.split()) > 4:
        return False
    if names.lstrip()[:1] == "[":
        return True
    for part in _separator(languages).split(_LINK.sub("Link", names).strip()):
        words = part.split()
        if not words or _is_role(" ".join(words)) or is_agency(" ".join(words)):
            continue
        if len(words) > 6:
            return False
        for word in words:
            if word[:1].islower() and word not in _PARTICLES:
                return False
    return True


# [text](target): the text's loop unrolled and possessive, which the regex engine runs
# several times faster than an alternation repeated per character
_LINK = re.compile(r"\[([^\[\]\\\n]*+(?:\\.[^\[\]\\\n]*+)*+)\]\(([^()\s]*+)\)")
# A separator: , ; or & with any spaces around, or a joining word between spaces. Written
# so that the engine does little at each position: no alternative starts with an
# optional run of spaces, and a run of spaces is tried from its first space only (the
# look-behind) and never given back (possessive), so that a long run costs its length,
# not its square (`\s*(?:[,;&]|\s(?:and|...)\s)\s*` took 5 ms on 390 spaces)
_SEPARATOR = re.compile(r"[,;&]\s*+|\s(?<!\s\s)\s*+(?:[,;&]\s*+|(?i:and|und|et|y|og|och)\s++)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PLACEHOLDER = "\x00"
_COMMON_SEPARATORS = frozenset((", ", " and ", "; ", " & ", " und ", " et "))
"""Separators between two links that need no regular expression (each one `_SEPARATOR` matches)."""

# Conjunctions written against the names (CLDR ``{0}和{1}``, ``{0}และ{1}``): a split there
# is kept only when every part has two characters or more (王和平 is one name).
_GLUED = frozenset(("和", "และ"))
# Marks between names in the CJK languages besides CLDR's (홍길동·김철수, 山田・鈴木).
_CJK_MARKS = {"ja": "・·", "zh": "·・", "ko": "·・"}


@functools.cache
def _separator(languages: str, glued: bool = True) -> re.Pattern[str]:
    """The separator of names in bylines of these ``|``-joined languages."""
    if languages == "en":
        return _SEPARATOR
    marks = ",;&，、،"
    words: set[str] = set()
    for language in languages.split("|"):
        marks += _CJK_MARKS.get(language, "")
        for conjunction in LIST_AND.get(language, ()):
            word = conjunction.strip(" ,،\u200f")
            marks += "".join(c for c in conjunction if unicodedata.category(c)[0] == "P")
            if any(c.isalnum() for c in word) and word not in _GLUED:
                words.add(word)
    punct = "[" + re.escape("".join(sorted(set(marks)))) + "]"
    joining = "|".join(map(re.escape, sorted(words, key=lambda word: (-len(word), word)))) or "(?!)"
    conjunctions = [w for language in languages.split("|") for w in LIST_AND.get(language, ())]
    glue = "|".join(w for w in conjunctions if w in _GLUED and glued) or "(?!)"
    # as _SEPARATOR: no alternative starts with an optional run of spaces (linear time)
    # a conjunction after a mark is part of the separator: CLDR's "{0}, dan {1}"
    conjunction = rf"(?:(?:{joining})(?:\s++|-(?=\S)))"
    mark = rf"{punct}[\s\u200e\u200f]*+{conjunction}?+"  # the Persian comma has a mark after it
    return re.compile(
        rf"{mark}|(?:{glue})\s*+|\s(?<!\s\s)\s*+(?:{mark}|(?:{glue})\s*+|{conjunction})"
    )


_MEMO_SIZE = 4096
"""Bylines remembered; the memo is emptied when full. Staff names recur across a dump."""
_MEMO: dict[tuple[str, str], tuple[Author, ...]] = {}


def forget() -> None:
    """Empty the memos of bylines read (for benchmarks that measure first readings)."""
    _MEMO.clear()
    _LINES.clear()


def split_authors(names: str, languages: str = "en") -> tuple[Author, ...]:
    """The authors named in the text after the word for "by", in order.

    ``languages`` are those of the byline's word (``|``-joined, as `match_byline` gives
    them): their list conjunctions separate names. Authors are immutable, so a byline
    read before is answered from a bounded memo.
    """
    key = (names, languages)
    found = _MEMO.get(key)
    if found is None:
        found = _split(names, languages)
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        _MEMO[key] = found
    return found


def _split(names: str, languages: str = "en") -> tuple[Author, ...]:
    if "](" not in names:  # plain names; the other common kind, links only, is below
        parts = _parts(names.strip(), languages)
        return _authors([(part, None) for part in parts])
    linked = _all_links(names, languages)
    return _split_mixed(names, languages) if linked is None else linked


def _parts(text: str, languages: str) -> list[str]:
    """``text`` cut at the separators; a glued conjunction only between longer parts."""
    parts = _separator(languages).split(text)
    if languages == "en":  # the serial comma: "A, B, and C"
        return [part[4:] if part[:4].lower() == "and " else part for part in parts]
    if any(len(part.strip()) < 2 for part in parts):
        parts = _separator(languages, glued=False).split(text)
    return parts


def _authors(parts: list[tuple[str, str | None]]) -> tuple[Author, ...]:
    """Authors from the parts (text, link target or ``None`` for plain text) of a byline.

    A plain role is dropped when another part names someone, else each role is an
    author as printed (a desk: ``Our Correspondent``).
    """
    authors: list[Author] = []
    roles: list[Author] = []
    for text, href in parts:
        name = " ".join(text.split())
        if not name:
            continue
        if href is None and name.endswith(_SUFFIX_ROLES):
            name = _without_suffix_role(name)
        # new_author, not Author(): split_authors, first reading, 5.2 vs 5.4 us (two names)
        author = new_author(name, None if href in (None, "", "#") else href, is_agency(name))
        if href is None and not author.agency and _is_role(name):
            roles.append(author)
        else:
            authors.append(author)
    return tuple(authors or roles)


def _without_suffix_role(name: str) -> str:
    """``홍길동`` for ``홍길동 기자``: a CJK name's role after it is not part of the name."""
    for role in _SUFFIX_ROLES:
        if name.endswith(role) and len(name) > len(role):
            rest = name[: -len(role)].rstrip()
            if rest and not rest[-1].isascii():
                return rest
    return name


def _split_mixed(names: str, languages: str = "en") -> tuple[Author, ...]:
    """Links and plain names mixed: links are hidden behind placeholders while splitting."""
    links: list[tuple[str, str]] = []

    def hide(match: re.Match[str]) -> str:
        links.append((match.group(1), match.group(2)))
        return f"{_PLACEHOLDER}{len(links) - 1}{_PLACEHOLDER}"

    hidden = _LINK.sub(hide, names.replace(_PLACEHOLDER, " "))
    parts = [_part(part.strip(), links) for part in _parts(hidden.strip(), languages)]
    return _authors(parts)


def _all_links(names: str, languages: str = "en") -> tuple[Author, ...] | None:
    """The common byline of links and separators only, read without placeholders."""
    parts = _LINK.split(names)  # text before the links, then each link's text, target
    if parts[0].strip() or parts[-1].strip():  # and the text after it
        return None
    separator = _separator(languages)
    for between in parts[3:-1:3]:
        if between not in _COMMON_SEPARATORS and not separator.fullmatch(between):
            return None
    authors = []
    rest = iter(parts)
    next(rest)
    for text, href, _ in zip(rest, rest, rest, strict=True):
        name = " ".join((_ESCAPE.sub(r"\1", text) if "\\" in text else text).split())
        if not name:
            return None
        # new_author, not Author(): split_authors, first reading, 4.3 vs 4.8 us (three links)
        authors.append(new_author(name, None if href in ("", "#") else href, is_agency(name)))
    return tuple(authors)


def _part(part: str, links: list[tuple[str, str]]) -> tuple[str, str | None]:
    """A part of a byline as (text, link target), the target ``None`` for plain text."""
    if not links:  # a NUL in the text is a character, not a placeholder
        return part, None
    if part.startswith(_PLACEHOLDER) and part.count(_PLACEHOLDER) == 2:
        number, _, rest = part[1:].partition(_PLACEHOLDER)
        text, href = links[int(number)]
        name = " ".join(_ESCAPE.sub(r"\1", text).split())
        if not rest.strip() and name:
            return name, href
    if _PLACEHOLDER in part:
        part = re.sub(r"\x00(\d+)\x00", lambda m: links[int(m.group(1))][0], part)
    return part, None


def _is_role(name: str) -> bool:
    """A plain part such as ``Moscow correspondent`` or ``staff writer`` names no one.

    One of its words is a role word, in any case, maybe with a dot; and it has more
    than one word or starts in lower case (``Chief`` alone may be a name).
    """
    if not name[:1].islower() and " " not in name:
        return False
    return any(word.rstrip(".").casefold() in _ROLES for word in name.split())


_DESK = frozenset(("staff", "staffers", "reporters", "correspondent", "correspondents", "desk"))


_AGENCY_WORDS = frozenset(agency.split()[0] for agency in AGENCIES)
"""The first word of each agency: a name whose first word is none of them is told at once."""


def is_agency(name: str) -> bool:
    """Whether an author's name names a news agency (see `AGENCIES`)."""
    if name in AGENCIES:
        return True
    first = name.split(maxsplit=1)[0].rstrip(",").replace(".", "") if name else ""
    if first not in _AGENCY_WORDS and "/" not in first:
        return False
    head = name.partition(",")[0].replace(".", "").strip()
    if head in AGENCIES:
        return True
    words = head.split()
    while len(words) > 1 and words[-1].casefold() in _DESK:
        words.pop()  # Reuters staff, AP correspondents
    head = " ".join(words)
    if head in AGENCIES or (len(words) > 1 and words[0] in AGENCIES and len(words[0]) > 2):
        return True  # AFP Deutschland, Kyodo News Agency
    return "/" in head and all(part.strip() in AGENCIES for part in head.split("/"))
