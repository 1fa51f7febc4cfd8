"""Split a dateline into tokens and look each name up in the tables.

A token is ``(kind, value, raw)``: a number (its value; ``raw`` keeps its digits), a
numeric offset (``+03:00``, ``GMT+3``: a ``timezone``), a zone abbreviation (its zone), a
name (its options from `tables.names`, several words for ``p. m.`` or ``in the
afternoon``), or a punctuation mark. Text in a script written without spaces is cut
into the longest names the tables know (``16日日曜日``: ``日``, ``日曜日``).

The token of a piece that is one token whatever stands around it (a number of up to four
digits, a mark, a name of one word that begins no longer name and is no ordinal suffix)
is remembered per language, at most `MAX_KNOWN` of them, so that the pieces datelines
share (``2023``, ``July``, ``,``) are looked up once.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from newsdump._parse.dateline import tables

NUM, OFFSET, ZONE, NAME, PUNCT = range(10, 15)
Token = tuple[int, object, str]
_INVISIBLE = "\u200b\u200e\u200f\ufeff\u061c"  # not ZWNJ: Persian spells with it
_LETTERS = r"[^\s\d.,:;/|()\[\]+\u2013\u2014\u060c-]*"  # a word's rest, up to a hyphen
_TOKEN = re.compile(
    r"\d+"  # numbers first, the word unrolled: 1.2 vs 1.4 us a dateline
    r"|(?<=\d )[+-]\d{2}:?\d{2}(?![\d:])"  # +0300 after a time (not - 00:00:00)
    r"|(?:UTC|GMT|utc|gmt)[+-]\d{1,2}(?::?\d{2})?(?!\d)"  # GMT+3, UTC-04:00
    rf"|[^\W\d_]{_LETTERS}(?:-[^\W\d_]{_LETTERS})*"  # a word, hyphens inside it
    r"|\S"
)
_OFFSET = re.compile(r"(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?")
_MAX_RUN = 24  # letters cut into names at most; a longer unknown word is not a date's


def normalize(text: str) -> str:
    """NFC, native digits as ASCII, invisible marks dropped, single spaces, stripped."""
    if not text.isascii():
        if _foreign().search(text) is not None:  # 0.5 vs 3.1 us, a Russian dateline
            text = text.translate(_translation())
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


@functools.cache
def _translation() -> dict[int, str | None]:
    """A `str.translate` table: invisible marks dropped, native digits as ASCII."""
    return {**dict.fromkeys(map(ord, _INVISIBLE)), **tables.digits()}


@functools.cache
def _foreign() -> re.Pattern[str]:
    """A character class of what `_translation` changes."""
    return re.compile("[" + re.escape("".join(map(chr, _translation()))) + "]")


def tokenize(text: str, lang: str | None = None) -> list[Token] | None:
    """The tokens of a normalized text, names looked up in the table of `tables.names`
    for ``lang``; None when a word is in no table."""
    table = tables.names(lang)
    known = _known(lang)
    raw = _TOKEN.findall(text)
    out: list[Token] = []
    at = 0
    while at < len(raw):
        token = known.get(raw[at])  # a piece seen before: tokenize 2.2 vs 3.4 us a dateline
        if token is not None:
            out.append(token)
            at += 1
            continue
        before = len(out)
        after = _piece(raw, at, table, out)
        if after < 0:
            return None
        if after == at + 1 and len(out) == before + 1:  # one piece, one token
            _remember(raw[at], out[-1], known)
        at = after
    return out


MAX_KNOWN = 4096  # pieces remembered per language; emptied when full


@functools.cache
def _known(lang: str | None) -> dict[str, Token]:
    """The token of each piece seen that stands for one token whatever is around it."""
    return {}


def _remember(piece: str, token: Token, known: dict[str, Token]) -> None:
    """Keep the token of a number of at most four digits, a mark, or a name of one word
    that starts no longer name and is no ordinal suffix."""
    if token[2] != piece or (token[0] == NUM and len(piece) > 4):
        return  # a name cut from a longer word, or a long number
    folded = piece.casefold()
    if token[0] == NAME and (folded in tables.prefixes() or folded in tables.ORDINALS):
        return
    if len(known) >= MAX_KNOWN:
        known.clear()
    known[piece] = token


def _piece(raw: list[str], at: int, table: tables.Table, out: list[Token]) -> int:
    """Append the token (or tokens) that start at ``raw[at]``; the index after them, or -1."""
    piece = raw[at]
    first = piece[0]
    if "0" <= first <= "9":
        out.append((NUM, int(piece), piece))
    elif piece[-1] in "0123456789":  # +03:00, GMT+3: no word ends with a digit
        zone = offset(piece)
        if zone is None:
            return -1
        out.append((OFFSET, zone, piece))
    elif first.isalpha():
        return _name(raw, at, table, out)
    else:
        out.append((PUNCT, first, piece))
    return at + 1


def offset(text: str) -> dt.timezone | None:
    """The fixed offset of ``+03:00``, ``-0930`` or ``GMT+3``; None when out of range."""
    match = _OFFSET.fullmatch(text.lower())
    if match is None:
        return None
    sign, hours, minutes = match.groups()
    if int(hours) > 23 or int(minutes or 0) > 59:
        return None
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    return dt.timezone(-delta if sign == "-" else delta)


def _name(raw: list[str], at: int, table: tables.Table, out: list[Token]) -> int:
    """Append the name (or zone) that starts at ``raw[at]``; the index after it, or -1."""
    piece = raw[at]
    if piece in tables.ZONE_NAMES:
        out.append((ZONE, tables.ZONES.get(piece) or tables.iana(piece), piece))
        return at + 1
    folded = piece.casefold()
    if out and out[-1][0] == NUM and folded in tables.ORDINALS:
        return at + 1  # 16th, 1er, 16º
    if folded not in tables.prefixes():  # tokenize 3.7 vs 4.9 us a dateline
        options = table.get(folded)
        if options is not None:
            out.append((NAME, options, piece))
            return at + 1
        return _cut(folded, table, out, at + 1)
    return _several(raw, at, table, out)


def _several(raw: list[str], at: int, table: tables.Table, out: list[Token]) -> int:
    """Append the longest name of one or more words (the dots between them skipped) that
    starts at ``raw[at]``, whose first word starts a name of several; the index after it,
    or -1. Words are added while they begin a longer name (``de`` ``la``, not ``de``
    ``mayo``): 4.2 vs 5.7 us for a Spanish dateline's tokens."""
    prefixes = tables.prefixes()
    phrase = raw[at].casefold()
    found, end = table.get(phrase), at + 1
    stop = at + 1
    while stop < len(raw) and phrase in prefixes:
        piece = raw[stop]
        stop += 1
        if piece == ".":
            continue
        if not piece[0].isalpha():
            break
        phrase += " " + piece.casefold()
        options = table.get(phrase)
        if options is not None:
            found, end = options, stop
    if found is None:
        return _cut(raw[at].casefold(), table, out, at + 1)
    out.append((NAME, found, " ".join(raw[at:end])))
    return end


def _cut(word: str, table: tables.Table, out: list[Token], after: int) -> int:
    """Cut a word of a script without spaces into known names, longest first; -1 if not."""
    if len(word) > _MAX_RUN or word[0] < "\u0e00":  # only Thai, CJK, Hangul and the like
        return -1
    start = 0
    while start < len(word):
        for stop in range(len(word), start, -1):
            options = table.get(word[start:stop])
            if options is not None:
                out.append((NAME, options, word[start:stop]))
                start = stop
                break
        else:
            return -1
    return after
