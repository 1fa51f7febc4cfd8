"""Sites: matching by host, versions by date, hooks, failures and the Parser."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Sequence

import attrs
import pytest

import newsdump
from newsdump import Article, Author, Block, Boilerplate, Paragraph, PluginError, Related
from newsdump.sites import Site, load_sites

TEXT = (
    "\n\n# Bridge Reopens\n\nBy Ann Lee/Omar Sato\n\n2024-05-02 10:45\n\n\n\nAnn Lee/Wire\n\n"
    "The bridge reopened on Thursday.\n\nSee more: [Ferry news](#)\n\n"
    "Original url:\n\n<https://news.example-site.test/2024/05/02/bridge>"
)


class Example(Site):
    """A site for the test site."""

    hosts = ("example-site.test",)
    timezone = "Europe/Berlin"

    def authors(self, names: str) -> Sequence[Author] | None:
        """Slashes separate names."""
        return tuple(Author(name.strip()) for name in names.split("/"))

    def block(self, block: Block, index: int) -> type[Block] | None:
        """``See more:`` callouts are related links."""
        return Related if block.markdown.startswith("See more:") else None


def test_site_matches_a_subdomain_of_its_host() -> None:
    """news.example-site.test is covered by a site for example-site.test."""
    article = newsdump.loads(TEXT, sites=[Example])
    assert article.authors == (Author("Ann Lee"), Author("Omar Sato"))
    assert article.related == (newsdump.Link("Ferry news"),)
    assert article.published == dt.datetime(2024, 5, 2, 10, 45, tzinfo=_zone("Europe/Berlin"))
    assert article.tz_assumed
    assert newsdump.dumps(article) == TEXT


def test_site_does_not_match_other_hosts() -> None:
    """A host that only ends with the same letters is not a subdomain."""
    text = TEXT.replace("news.example-site.test", "notexample-site.test")
    article = newsdump.loads(text, sites=[Example])
    assert article.authors == (Author("Ann Lee/Omar Sato"),)
    assert not article.tz_assumed


def test_site_argument_applies_a_site_to_a_file_without_trailer() -> None:
    """A file with no trailer gets its site by host name or by instance."""
    text = TEXT.split("Original url:")[0]
    assert newsdump.loads(text, sites=[Example]).tz_assumed is False
    assert newsdump.loads(text, sites=[Example], site="example-site.test").tz_assumed
    assert newsdump.loads(text, sites=[], site=Example()).tz_assumed


def test_no_sites_means_generic_rules() -> None:
    """``sites=[]`` turns every site off, built-in ones included."""
    seed_like = TEXT.replace("news.example-site.test", "www.themoscowtimes.com")
    assert newsdump.loads(seed_like).tz_assumed
    assert not newsdump.loads(seed_like, sites=[]).tz_assumed


class Old(Site):
    """The site's layout until 2020: credits were sentences."""

    name = "example-old"
    hosts = ("example-site.test",)
    valid_until = dt.date(2021, 1, 1)

    def credit(self, line: str) -> bool | None:
        """Anything after the gap is a credit."""
        return True


class New(Site):
    """The site's layout from 2021: no credits at all."""

    name = "example-new"
    hosts = ("example-site.test",)
    valid_from = dt.date(2021, 1, 1)

    def credit(self, line: str) -> bool | None:
        """Nothing after the gap is a credit."""
        return False


@pytest.mark.parametrize(
    ("date", "credit"),
    [("2020-12-31", "A caption."), ("2021-01-01", None), ("", None)],
)
def test_version_is_picked_by_the_article_date(date: str, credit: str | None) -> None:
    """The version valid on the article's day applies; the newest one when undated."""
    text = (
        f"\n\n# H\n\n{date}\n\n\n\nA caption.\n\nBody.\n\nOriginal url: https://example-site.test/a"
    )
    text = text.replace("\n\n\n\n\n\n", "\n\n\n\n") if not date else text
    assert newsdump.loads(text, sites=[Old, New]).credit == credit


def test_no_version_valid_on_the_day_means_generic_rules() -> None:
    """An article dated outside every version's period gets no site."""
    text = "\n\n# H\n\n2022-05-01\n\n\n\nA caption.\n\nBody.\n\nOriginal url: https://example-site.test/a"
    assert newsdump.loads(text, sites=[Old]).credit == "A caption."
    assert newsdump.loads(text, sites=[New]).credit is None


class Broken(Site):
    """Every hook raises."""

    name = "broken"
    hosts = ("example-site.test",)

    def credit(self, line: str) -> bool | None:
        """Raises."""
        raise RuntimeError("credit exploded")

    def authors(self, names: str) -> Sequence[Author] | None:
        """Raises."""
        raise KeyError(names)

    def block(self, block: Block, index: int) -> type[Block] | None:
        """Raises."""
        raise ValueError("block exploded")

    def finish(self, article: Article) -> Article:
        """Raises."""
        raise ZeroDivisionError


def test_failing_site_lenient_falls_back_and_reports() -> None:
    """Lenient: each failing hook is a plugin-error diagnostic and the generic rule decides."""
    article = newsdump.loads(TEXT, sites=[Broken])
    generic = newsdump.loads(TEXT, sites=[])
    assert article == generic
    codes = [d.code for d in article.diagnostics]
    assert codes.count("plugin-error") == 3 + len(article.body)  # credit, authors, finish
    assert "'broken' failed in credit: RuntimeError: credit exploded" in str(article.diagnostics)
    assert newsdump.dumps(article) == TEXT


def test_failing_site_strict_raises_plugin_error() -> None:
    """Strict: the first failing hook raises PluginError naming the site and the hook."""
    with pytest.raises(PluginError) as caught:
        newsdump.loads(TEXT, sites=[Broken], strict=True)
    assert (caught.value.plugin, caught.value.hook) == ("broken", "authors")
    assert isinstance(caught.value, newsdump.NewsdumpError)


class SecondBlock(Site):
    """A block hook that retypes the second block, fails on the first and passes the rest."""

    name = "second"
    hosts = ("example-site.test",)

    def block(self, block: Block, index: int) -> type[Block] | None:
        """Boilerplate at index 1; raises at index 0."""
        if index == 0:
            raise LookupError("first block")
        return Boilerplate if index == 1 else type(block)


def test_block_hook_retypes_only_what_it_names() -> None:
    """The block hook's class replaces only the block it names; its own class or None
    keeps the block; a failure is reported at the block's line and keeps the block."""
    generic = newsdump.loads(TEXT, sites=[])
    article = newsdump.loads(TEXT, sites=[SecondBlock])
    assert [type(b) for b in article.body] == [Paragraph, Boilerplate]
    assert [b.markdown for b in article.body] == [b.markdown for b in generic.body]
    (problem,) = [d for d in article.diagnostics if d.code == "plugin-error"]
    assert "failed in block: LookupError" in problem.message
    assert problem.line == 13  # the first block's line in TEXT
    assert newsdump.dumps(article) == TEXT
    with pytest.raises(PluginError) as caught:
        newsdump.loads(TEXT, sites=[SecondBlock], strict=True)
    assert (caught.value.plugin, caught.value.hook) == ("second", "block")


class WrongTypes(Site):
    """Hooks that return values of the wrong type."""

    name = "wrong"
    hosts = ("example-site.test",)

    def credit(self, line: str) -> bool | None:
        """Not a bool."""
        return "yes"  # type: ignore[return-value]

    def block(self, block: Block, index: int) -> type[Block] | None:
        """Not a block class."""
        return str  # type: ignore[return-value]


def test_wrong_return_types_are_failures() -> None:
    """A hook result of the wrong type is reported, never used."""
    article = newsdump.loads(TEXT, sites=[WrongTypes])
    assert article == newsdump.loads(TEXT, sites=[])
    assert "returned str" in article.diagnostics[0].message
    with pytest.raises(PluginError, match="credit"):
        newsdump.loads(TEXT, sites=[WrongTypes], strict=True)


class Uppercase(Site):
    """A final pass that upper-cases the headline."""

    hosts = ("example-site.test",)

    def finish(self, article: Article) -> Article:
        """Upper-case the headline."""
        return attrs.evolve(article, headline=(article.headline or "").upper())


class Dropper(Site):
    """A final pass that drops the body, which would rewrite the file."""

    name = "dropper"
    hosts = ("example-site.test",)

    def finish(self, article: Article) -> Article:
        """Drop the body."""
        return attrs.evolve(article, body=())


def test_finish_changes_values_not_the_text() -> None:
    """A final pass changes what is understood; the file is still written back exactly."""
    article = newsdump.loads(TEXT, sites=[Uppercase])
    assert article.headline == "BRIDGE REOPENS"
    assert newsdump.dumps(article) == TEXT


def test_finish_may_not_change_structure() -> None:
    """A final pass that removes blocks is refused: lenient falls back, strict raises."""
    article = newsdump.loads(TEXT, sites=[Dropper])
    assert article.body
    assert newsdump.dumps(article) == TEXT
    assert article.diagnostics[-1].code == "plugin-error"
    with pytest.raises(PluginError, match="finish"):
        newsdump.loads(TEXT, sites=[Dropper], strict=True)


def test_boilerplate_stays_in_body_but_not_in_text() -> None:
    """A Boilerplate block is written back and kept in the body, and Article.text skips it."""
    article = Article(headline="H", body=(Paragraph("Kept."), Boilerplate("Newsletter promo.")))
    assert article.text == "Kept."
    assert article.body[1].text == "Newsletter promo."
    assert newsdump.from_dict(newsdump.to_dict(article)) == article


def test_malformed_sites_are_refused_when_the_parser_is_built() -> None:
    """No hosts or an unknown time zone raise PluginError; a non-site raises TypeError."""

    class NoHosts(Site):
        pass

    class BadZone(Site):
        hosts = ("x.test",)
        timezone = "Mars/Olympus"

    with pytest.raises(PluginError, match="hosts"):
        newsdump.Parser(sites=[NoHosts])
    with pytest.raises(PluginError, match="Mars/Olympus"):
        newsdump.Parser(sites=[BadZone])
    with pytest.raises(TypeError, match="Site"):
        newsdump.Parser(sites=["themoscowtimes.com"])  # type: ignore[list-item]


def test_parser_load_and_loads_agree_with_the_functions(tmp_path: object) -> None:
    """Parser.loads and Parser.load give what newsdump.loads gives with the same sites."""
    parser = newsdump.Parser(sites=[Example])
    assert parser.loads(TEXT) == newsdump.loads(TEXT, sites=[Example])
    import io

    assert parser.load(io.BytesIO(TEXT.encode())) == newsdump.loads(TEXT, sites=[Example])
    assert [type(s) for s in parser.sites] == [Example]
    assert len(newsdump.Parser().sites) == len(load_sites(plugins=False))


def test_strict_parser_raises_plugin_errors_from_load() -> None:
    """PluginError passes through load() unwrapped."""
    import io

    with pytest.raises(PluginError):
        newsdump.Parser(sites=[Broken], strict=True).load(io.BytesIO(TEXT.encode()))


def test_importing_newsdump_loads_no_site() -> None:
    """Importing newsdump imports neither the built-in site modules nor entry points."""
    code = (
        "import sys, newsdump; "
        "print(any(m.startswith('newsdump.sites.') and not m.rsplit('.', 1)[1].startswith('_')"
        " for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def _zone(name: str) -> dt.tzinfo:
    import zoneinfo

    return zoneinfo.ZoneInfo(name)


BR24_TEXT = (
    "\n\n# Brücke wieder offen\n\n02.05.2024 10:45\n\nDie Brücke ist wieder offen.\n\n"
    "*Der Frühstücks-Newsletter, jeden Morgen neu.*\n\nOriginal url:\n\n<https://example.test/a>"
)


def test_a_site_is_selected_by_its_name() -> None:
    """``site=`` names a site by its ``name`` as well as by a host; a name comes first
    (here a site named like another one's host)."""

    class ByName(Example):
        name = "example-site.test"
        hosts = ("elsewhere.test",)
        timezone = "Asia/Tokyo"

    text = TEXT.split("Original url:")[0]
    article = newsdump.loads(text, sites=[Example, ByName], site="example-site.test")
    assert isinstance(article.published, dt.datetime)
    assert article.published.utcoffset() == dt.timedelta(hours=9)
    assert newsdump.loads(text, sites=[Example], site="no-such-site").tz_assumed is False


def test_br24_is_built_in_under_its_own_name() -> None:
    """BR24's site is ``br24``: its module, its name and its entry in `list_sites`."""
    from newsdump.sites import br24, list_sites

    assert br24.BR24.name == "br24"
    assert br24.SITES == (br24.BR24,)
    info = next(i for i in list_sites() if i.name == "br24")
    assert (info.target, info.builtin) == ("newsdump.sites.br24:SITES", True)
    assert "bavaria" not in [i.name for i in list_sites()]
    article = newsdump.loads(BR24_TEXT, site="br24")
    assert [type(block) for block in article.body] == [Paragraph, Boilerplate]
    assert str(article.published) == "2024-05-02 10:45:00+02:00"


def test_the_old_name_bavaria_still_selects_br24_with_a_warning() -> None:
    """``site="bavaria"`` reads as ``site="br24"`` and warns, pointing at the caller."""
    with pytest.warns(DeprecationWarning, match="'bavaria' is deprecated.*'br24'") as caught:
        article = newsdump.loads(BR24_TEXT, site="bavaria")
    assert caught[0].filename == __file__
    assert article == newsdump.loads(BR24_TEXT, site="br24")
    assert [type(block) for block in article.body] == [Paragraph, Boilerplate]


def test_a_site_of_ones_own_named_bavaria_is_not_renamed() -> None:
    """The old name is BR24's only where no site of the parser has that name."""

    class Bavaria(Site):
        name = "bavaria"
        hosts = ("bavaria.example",)
        timezone = "Asia/Tokyo"

    article = newsdump.loads(BR24_TEXT, sites=[Bavaria, *load_sites(plugins=False)], site="bavaria")
    assert isinstance(article.published, dt.datetime)
    assert article.published.utcoffset() == dt.timedelta(hours=9)


def test_the_module_bavaria_is_a_deprecated_alias_of_br24() -> None:
    """``newsdump.sites.bavaria`` imports; its names are br24's, each read warns."""
    import newsdump.sites.bavaria as old
    from newsdump.sites import br24

    with pytest.warns(DeprecationWarning, match=r"sites\.bavaria\.BR24 .*sites\.br24\.BR24"):
        assert old.BR24 is br24.BR24
    with pytest.warns(DeprecationWarning, match=r"sites\.bavaria\.SITES"):
        from newsdump.sites.bavaria import SITES
    assert SITES is br24.SITES
    with pytest.raises(AttributeError):
        old.Other  # noqa: B018
