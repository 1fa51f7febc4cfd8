"""Syndicated copies: `newsdump.find_copies`, ``newsdump dups`` and ``export --dedupe``.

The labelled set is invented here: stories of made-up towns, each with copies as a
syndicating site makes them (another headline, changed case and punctuation, an edited
lead, a cut ending, a tagline), and other stories of the same sites that share a
newsletter line, which must not be grouped.
"""

from __future__ import annotations

import csv
import io
import json
import random
import unicodedata
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdump
from newsdump import Article, CopyGroup, find_copies
from newsdump._dups import MISSING_DATASKETCH, words
from newsdump.cli import main

pytest.importorskip("datasketch")

NOUNS = (
    "council",
    "ferry",
    "harbour",
    "bridge",
    "school",
    "library",
    "market",
    "orchard",
    "mill",
    "quarry",
    "lighthouse",
    "museum",
    "clinic",
    "bakery",
    "station",
    "reservoir",
    "tramway",
    "garden",
    "festival",
    "choir",
)
VERBS = (
    "opened",
    "closed",
    "repaired",
    "funded",
    "delayed",
    "approved",
    "moved",
    "rebuilt",
    "inspected",
    "named",
)
PLACES = (
    "Millbrook",
    "Stonehaven",
    "Larchmere",
    "Fenwick",
    "Oakridge",
    "Harbourside",
    "Pinecrest",
    "Dunmore",
)
NEWSLETTER = "Sign up for the Valley Post newsletter to get the day's stories by email."


def sentence(rng: random.Random) -> str:
    """An invented sentence."""
    place, noun, other = rng.choice(PLACES), rng.choice(NOUNS), rng.choice(NOUNS)
    number = rng.randint(2, 90)
    return (
        f"The {noun} in {place} was {rng.choice(VERBS)} after {number} residents asked "
        f"the {other} committee to act before the {rng.choice(NOUNS)} season."
    )


def story(rng: random.Random, paragraphs: int = 6) -> list[str]:
    """An invented story: paragraphs of three sentences."""
    return [" ".join(sentence(rng) for _ in range(3)) for _ in range(paragraphs)]


def dump_text(headline: str, paragraphs: list[str], date: str, site: str) -> str:
    """A dump file of the reference layout."""
    body = "\n\n".join(paragraphs)
    return (
        f"\n\n# {headline}\n\nBy Ada Quill\n\n{date}\n\n{body}\n\n"
        f"Original url:\n\n<https://{site}/news/{abs(hash(headline)) % 10_000}>"
    )


def copies(rng: random.Random, paragraphs: list[str]) -> dict[str, list[str]]:
    """The copies a syndicating site makes of a story's paragraphs."""
    lead = f"OSLO (Wire) - Officials confirmed the news on Tuesday. {paragraphs[0]}"
    return {
        "same": paragraphs,
        "shouted": [p.upper().replace(".", "!") for p in paragraphs],
        "lead": [lead, *paragraphs[1:]],
        "cut": paragraphs[:4],
        "tagline": [*paragraphs, NEWSLETTER],
        "all": [lead, *paragraphs[1:4]],
    }


def labelled() -> Iterator[tuple[str, str, Article]]:
    """(story, name, article) of the invented labelled set."""
    rng = random.Random(5)
    for number in range(8):
        paragraphs = story(rng)
        site = f"paper{number % 3}.example"
        for kind, body in copies(rng, paragraphs).items():
            headline = f"Story {number} as told by {kind}"
            text = dump_text(headline, body, f"March {number + 1}, 2024", f"{kind}.example")
            yield f"s{number}", f"s{number}-{kind}.txt", newsdump.loads(text)
        # Another story of the same site with the same newsletter line: not a copy.
        other = [*story(rng, 2), NEWSLETTER]
        text = dump_text(f"Other {number}", other, "March 9, 2024", site)
        yield f"o{number}", f"o{number}.txt", newsdump.loads(text)


def pairs(groups: list[CopyGroup]) -> set[frozenset[str]]:
    """The pairs of member names that share a group."""
    return {
        frozenset(pair) for g in groups for pair in combinations([m.name for m in g.members], 2)
    }


def test_labelled_set_precision_and_recall() -> None:
    """On the invented set every copy pair is found and no other pair is."""
    articles = list(labelled())
    found = pairs(find_copies([(name, article) for _, name, article in articles]))
    stories: dict[str, list[str]] = {}
    for label, name, _ in articles:
        stories.setdefault(label, []).append(name)
    true = {frozenset(p) for names in stories.values() for p in combinations(names, 2)}
    precision = len(found & true) / len(found)
    recall = len(found & true) / len(true)
    assert (precision, recall) == (1.0, 1.0)


def test_exact_copies_need_no_near() -> None:
    """Case, punctuation, whitespace, NFKC forms and the headline do not matter to exact copies."""
    base = "\n\n# One\n\nThe ferry left at dawn, as planned.\n\nIt came back at noon."
    variants = [
        base,
        base.replace("# One", "# Two").upper(),
        base.replace(", as", " as").replace("dawn", "\uff44\uff41\uff57\uff4e"),  # full-width: NFKC
        base.replace("It came", "It   came"),
        "\n\n# One\n\nThe ferry left at dusk.",
    ]
    groups = find_copies([newsdump.loads(text) for text in variants], near=False)
    assert [[(m.name, m.match) for m in g.members] for g in groups] == [
        [("#1", "kept"), ("#2", "exact"), ("#3", "exact"), ("#4", "exact")]
    ]
    assert groups[0].exact


def test_near_copies_are_near_and_similar() -> None:
    """An edited lead and a cut ending are near copies, with their estimated similarity."""
    rng = random.Random(1)
    paragraphs = story(rng)
    made = copies(rng, paragraphs)
    kinds = ("same", "shouted", "cut", "all")
    texts = [dump_text("H", made[kind], "May 1, 2024", "a.example") for kind in kinds]
    groups = find_copies([newsdump.loads(text) for text in texts])
    assert len(groups) == 1
    matches = {m.name: m.match for m in groups[0].members}
    assert matches == {"#1": "kept", "#2": "exact", "#3": "near", "#4": "near"}
    similarity = {m.name: m.similarity for m in groups[0].members}
    assert 0.5 <= similarity["#3"] < 0.9  # two thirds of the paragraphs
    assert not groups[0].exact
    assert find_copies([newsdump.loads(text) for text in texts], threshold=1.0)[0].members[
        -1
    ].name == ("#2")


def test_kept_member_is_earliest_then_fullest_then_shortest_name() -> None:
    """Kept: the earliest published (a time without zone as UTC), most words, shortest name."""
    body = (
        "\n\nThe mill reopened on Monday after the flood, and the bakery beside it "
        "opened its doors again on the same morning."
    )
    dated = [
        ("long-name.txt", "\n\n# A\n\nJune 2, 2024" + body),
        ("b.txt", "\n\n# A" + body),  # no date: after every date
        ("zoned.txt", "\n\n# A\n\n2024-06-01T21:00:00-05:00" + body),  # 2 June, 02:00 UTC
        ("naive.txt", "\n\n# A\n\n2024-06-01T22:00" + body),  # 1 June, 22:00 as UTC
    ]
    groups = find_copies([(n, newsdump.loads(t)) for n, t in dated], near=False)
    assert [m.name for m in groups[0].members] == [
        "naive.txt",
        "long-name.txt",
        "b.txt",
        "zoned.txt",
    ]
    same_day = [("long-name.txt", dated[0][1]), ("c.txt", dated[0][1])]
    groups = find_copies([(n, newsdump.loads(t)) for n, t in same_day], near=False)
    assert groups[0].kept.name == "c.txt"
    fuller = [*same_day, ("fuller.txt", dated[0][1] + " Crowds came.")]
    groups = find_copies([(n, newsdump.loads(t)) for n, t in fuller])
    assert [(m.name, m.match) for m in groups[0].members] == [
        ("fuller.txt", "kept"),
        ("long-name.txt", "near"),
        ("c.txt", "near"),
    ]


def test_failed_files_and_empty_bodies_are_in_no_group(tmp_path: Path) -> None:
    """Unreadable files and articles without body text are never copies of each other."""
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe broken")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe broken")
    (tmp_path / "c.txt").write_text("\n\n# Only a headline", encoding="utf-8")
    (tmp_path / "d.txt").write_text("\n\n# Only a headline", encoding="utf-8")
    assert find_copies(tmp_path) == []


def test_workers_give_the_same_groups(tmp_path: Path) -> None:
    """A dump read by two worker processes gives the groups of one process."""
    for _, name, article in labelled():
        (tmp_path / name).write_text(newsdump.dumps(article), encoding="utf-8")
    assert find_copies(tmp_path, workers=2) == find_copies(tmp_path)


def test_arguments_are_checked() -> None:
    """Out-of-range options raise ValueError."""
    for options in ({"threshold": 0}, {"threshold": 1.5}, {"shingle": 0}, {"num_perm": 1}):
        with pytest.raises(ValueError, match="must be"):
            find_copies([], **options)


def test_without_datasketch(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Near copies name the extra to install; exact copies still work."""
    monkeypatch.setattr("newsdump._dups.has_datasketch", lambda: False)
    article = newsdump.loads("\n\n# A\n\nSame words here.")
    with pytest.raises(ImportError, match=r"newsdump\[dups\]"):
        find_copies([article, article])
    assert len(find_copies([article, article], near=False)) == 1
    assert main(["dups", "examples", "-q"]) == 2
    assert "pip install 'newsdump[dups]'" in capsys.readouterr().err
    assert main(["dups", "examples", "-q", "--exact"]) == 0
    assert MISSING_DATASKETCH in str(ImportError(MISSING_DATASKETCH))


@given(st.lists(st.sampled_from(NOUNS + VERBS + PLACES), min_size=1, max_size=30), st.data())
def test_normalised_copies_are_exact(chosen: list[str], data: st.DataObject) -> None:
    """Law: any case, punctuation and spacing of the same words reads as the same words."""
    spelled = [
        data.draw(st.sampled_from([w, w.upper(), w.title(), f"({w})", f"{w},", f"«{w}»"]))
        for w in chosen
    ]
    spacing = data.draw(st.sampled_from([" ", "  ", " \u00a0", "\t"]))
    assert words(spacing.join(spelled)) == words(" ".join(chosen))


@given(st.text(st.characters(max_codepoint=127)))
def test_ascii_words_are_the_general_words(text: str) -> None:
    """The ASCII fast path reads the words the general path reads."""
    general = newsdump._dups._WORDS.findall(unicodedata.normalize("NFKC", text).casefold())
    assert words(text) == general


def test_words_of_unspaced_scripts_are_characters() -> None:
    """Chinese and Japanese characters are words of their own; NFKC folds full-width forms."""
    assert words("東京タワー、\uff21\uff22\uff23 Café!") == [
        "東",
        "京",
        "タ",
        "ワ",
        "ー",
        "abc",
        "café",
    ]


def write_labelled(folder: Path) -> None:
    """The labelled set as a folder dump."""
    folder.mkdir()
    for _, name, article in labelled():
        (folder / name).write_text(newsdump.dumps(article), encoding="utf-8")


def test_cli_dups_csv_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``dups`` prints a group table: CSV by default, JSON on request."""
    write_labelled(tmp_path / "d")
    assert main(["dups", str(tmp_path / "d"), "-q"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(table[0]) == ["group", "name", "match", "similarity", "site", "published"]
    assert len({row["group"] for row in table}) == 8
    assert len(table) == 8 * 6
    kept = [row for row in table if row["match"] == "kept"]
    assert all(row["name"].startswith(str(tmp_path / "d")) for row in kept)
    assert main(["dups", str(tmp_path / "d"), "--format", "json"]) == 0
    captured = capsys.readouterr()
    groups = json.loads(captured.out)
    assert [len(g["members"]) for g in groups] == [6] * 8
    assert "56 files: 8 groups of copies (0 exact, 8 near), 40 copies" in captured.err


def test_cli_dups_parquet(tmp_path: Path) -> None:
    """``dups --format parquet -o FILE`` writes the same table with typed columns."""
    pq = pytest.importorskip("pyarrow.parquet")
    write_labelled(tmp_path / "d")
    out = tmp_path / "groups.parquet"
    assert main(["dups", str(tmp_path / "d"), "-q", "--format", "parquet", "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert table.num_rows == 48
    assert str(table.schema.field("similarity").type) == "double"
    assert main(["dups", str(tmp_path / "d"), "-q", "--format", "parquet"]) == 2


def test_cli_export_dedupe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``export --dedupe`` keeps the kept member of each group and every other article."""
    write_labelled(tmp_path / "d")
    assert main(["export", str(tmp_path / "d"), "--dedupe"]) == 0
    captured = capsys.readouterr()
    names = sorted(Path(json.loads(line)["name"]).name for line in captured.out.splitlines())
    assert len(names) == 16  # 8 stories, 8 others
    assert all(name.startswith("o") or name.endswith("-tagline.txt") for name in names)
    assert "40 copies left out" in captured.err
    assert main(["export", str(tmp_path / "d"), "--dedupe=exact", "-q"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 56 - 8  # "shouted" equals "same"


def test_cli_dups_counts_failed_as_check_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file ``check`` calls failed (an error diagnostic) is failed for ``dups`` too.

    Read, it is still grouped, as ``export`` still writes it.
    """
    rng = random.Random(7)
    paragraphs = story(rng)
    folder = tmp_path / "d"
    folder.mkdir()
    whole = dump_text("Harbour ferry", paragraphs, "2024-05-02", "a.example")
    (folder / "a.txt").write_text(whole, encoding="utf-8")
    cut = whole.split("Original url:")[0].rstrip()  # no trailer: a missing-trailer error
    (folder / "b.txt").write_text(cut, encoding="utf-8")
    assert main(["check", str(folder), "-q"]) == 1
    capsys.readouterr()
    assert main(["dups", str(folder), "--exact"]) == 1
    captured = capsys.readouterr()
    assert "b.txt: failed: missing-trailer" in captured.err
    assert "1 failed" in captured.err
    table = list(csv.DictReader(io.StringIO(captured.out)))
    assert {row["name"].rsplit("/", 1)[1] for row in table} == {"a.txt", "b.txt"}
