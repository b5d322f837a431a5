"""Defects found by converting real bibliographies as a new user would: stray punctuation,
labels without their value, a dangling `in`, bare text editions, ignored `--newline crlf`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.commands.line_ends import with_line_ends


def convert(bibtex: str, *arguments: str) -> str:
    result = CliRunner().invoke(
        main, ["convert", "--from", "bibtex", "--no-cache", *arguments], input=bibtex
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


SERIES_CHAPTER = """@incollection{brandt,
  author = {von Brandt, Ahasver and Hoffmann, Erich},
  title = {Die nordischen L{\\"a}nder},
  booktitle = {Europa im Hoch- und Sp{\\"a}tmittelalter},
  editor = {Seibt, Ferdinand},
  series = {Handbuch der europ{\\"a}ischen Geschichte},
  number = {2},
  publisher = {Klett-Cotta},
  location = {Stuttgart},
  year = {1987},
  pages = {884--917},
}
"""


@pytest.mark.parametrize("markup", ["text", "html"])
def test_ieee_prints_no_period_before_the_comma_after_a_series_number(markup: str) -> None:
    output = convert(SERIES_CHAPTER, "--to", "ieee", "--markup", markup)
    assert "Handbuch der europäischen Geschichte, no. 2, Stuttgart: Klett-Cotta, 1987" in output
    assert ". ," not in output and " ," not in output


PAPER_WITHOUT_BOOKTITLE = (
    "@inproceedings{p, author = {Doe, Jane}, title = {A Paper Without Booktitle}, "
    "year = {2019}, pages = {1--10}, publisher = {ACM}}\n"
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("chicago-author-date", "Doe, Jane. 2019. A Paper Without Booktitle. ACM.\n"),
        ("nature", "1. Doe, J. A Paper Without Booktitle. 1–10 (ACM, 2019).\n"),
        ("apa", "Doe, J. (2019). A paper without booktitle (pp. 1–10). ACM.\n"),
        ("ieee", "[1] J. Doe, A Paper Without Booktitle. ACM, 2019, pp. 1–10.\n"),
        ("vancouver", "1. Doe J. A paper without booktitle. ACM; 2019. p. 1-10.\n"),
    ],
)
def test_a_paper_without_booktitle_has_no_dangling_in_or_edition_label(
    style: str, expected: str
) -> None:
    assert convert(PAPER_WITHOUT_BOOKTITLE, "--to", style) == expected


def test_a_label_is_not_printed_without_its_variable() -> None:
    """Chicago's conference paper prints `<label variable="edition"/>`: nothing without one."""
    entry = (
        "@inproceedings{p, author = {Doe, Jane}, title = {A Paper}, booktitle = {Proceedings "
        "of the Big Meeting}, year = {2019}, pages = {1--10}}\n"
    )
    output = convert(entry, "--to", "chicago-author-date")
    assert output == "Doe, Jane. 2019. “A Paper.” Proceedings of the Big Meeting, 1–10.\n"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "chicago-author-date",
            "Doe, Jane. 2019. A Book. Revised ed. Penguin.\n",
        ),  # CMOS 18: no place
        ("ieee", "[1] J. Doe, A Book, Revised ed. London: Penguin, 2019.\n"),
        ("harvard-cite-them-right", "Doe, J. (2019) A Book. Revised ed. London: Penguin.\n"),
    ],
)
def test_an_edition_in_words_takes_its_label_in_every_english_style(
    style: str, expected: str
) -> None:
    entry = (
        "@book{b, author = {Doe, Jane}, title = {A Book}, edition = {Revised}, year = {2019}, "
        "publisher = {Penguin}, address = {London}}\n"
    )
    assert convert(entry, "--to", style) == expected


TWO_BOOKS = (
    "@book{a, author = {Doe, Jane}, title = {One}, year = {2000}, publisher = {P}}\n"
    "@book{b, author = {Roe, Rick}, title = {Two}, year = {2000}, publisher = {P}}\n"
)


@pytest.mark.parametrize(
    "arguments",
    [
        ("--to", "apa"),
        ("--to", "vancouver", "--markup", "html"),
        ("--to", "ieee", "--markup", "markdown"),
        ("--to", "chicago-author-date", "--markup", "rst"),
        ("--to", "apa", "--markup", "latex"),
        ("--to", "csl-json"),
        ("--to", "ndjson"),
        ("--to", "ris"),
    ],
)
def test_newline_crlf_applies_to_every_output_format(arguments: tuple[str, ...]) -> None:
    runner = CliRunner()
    lf = runner.invoke(
        main, ["convert", "--from", "bibtex", "--no-cache", *arguments], input=TWO_BOOKS
    )
    crlf = runner.invoke(
        main,
        ["convert", "--from", "bibtex", "--no-cache", "--newline", "crlf", *arguments],
        input=TWO_BOOKS,
    )
    assert lf.exit_code == crlf.exit_code == 0
    assert "\r" not in lf.stdout and lf.stdout.count("\n") >= 2
    assert crlf.stdout_bytes == lf.stdout_bytes.replace(b"\n", b"\r\n")
    assert crlf.stderr == ""


def test_newline_crlf_applies_to_a_file_written_with_output(tmp_path: Path) -> None:
    target = tmp_path / "refs.txt"
    result = CliRunner().invoke(
        main,
        ["convert", "--from", "bibtex", "--to", "apa", "--newline", "crlf", "-o", str(target)],
        input=TWO_BOOKS,
    )
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() == (b"Doe, J. (2000). One. P.\r\nRoe, R. (2000). Two. P.\r\n")


def test_line_ends_convert_bare_line_feeds_once() -> None:
    assert with_line_ends("a\nb\r\nc\n", "\r\n") == "a\r\nb\r\nc\r\n"
    assert list(with_line_ends(iter(["a\n", "b\r\n"]), "\r\n")) == ["a\r\n", "b\r\n"]
    assert with_line_ends("a\n", "\n") == "a\n"


@pytest.mark.parametrize(
    ("journal", "nlm"),
    [
        (
            "Journal of the Royal Statistical Society: Series B (Statistical Methodology)",
            "J R Stat Soc B Stat Methodol",
        ),
        ("Physics in Medicine and Biology (Online)", "Phys Med Biol"),
        ("Journal of Neuroscience Methods (Print)", "J Neurosci Methods"),
        (
            "Journal of the Optical Society of America (1917-1983)",
            "J Opt Soc Am (1917-1983)",
        ),
    ],
)
def test_a_journal_subtitle_in_parentheses_is_abbreviated_and_a_medium_dropped(
    journal: str, nlm: str
) -> None:
    entry = (
        "@article{k, author = {Tipping, Michael}, title = {A Study}, "
        f"journal = {{{journal}}}, volume = {{61}}, pages = {{611--622}}, year = {{1999}}}}\n"
    )
    assert convert(entry, "--to", "vancouver") == (
        f"1. Tipping M. A study. {nlm}. 1999;61:611-22.\n"
    )


@pytest.mark.parametrize("ordinal", ["3rd", "3\\textsuperscript{rd}", "21st"])
def test_an_ordinal_in_a_conference_name_keeps_its_lowercase_ending(ordinal: str) -> None:
    entry = (
        "@inproceedings{k, author = {Born, Logan}, title = {Sign Clustering}, "
        f"booktitle = {{Proceedings of the {ordinal} joint workshop on computational "
        "linguistics}, year = {2019}}\n"
    )
    output = convert(entry, "--to", "apa")
    assert "Proceedings of the 3Rd" not in output and "21St" not in output
    assert "Joint Workshop on Computational Linguistics" in output


@pytest.mark.parametrize("style", ["apa", "vancouver", "ieee", "chicago-author-date"])
def test_a_space_before_a_full_stop_in_a_title_is_dropped(style: str) -> None:
    entry = (
        "@article{k, author = {Eyer, Laurent}, title = {{The Gaia mission . Pulsating stars "
        "with Gaia}}, journal = {Mem. Soc. Astron. Italiana}, volume = {77}, pages = {549}, "
        "year = {2006}}\n"
        "@article{v, author = {Vlemmings, Wouter}, title = {{Pulsar Astrometry at the "
        "Microarcsecond Level .}}, journal = {Mem. Soc. Astron. Italiana}, volume = {76}, "
        "pages = {531}, year = {2005}}\n"
    )
    output = convert(entry, "--to", style)
    assert "The Gaia mission. " in output and "level." in output.lower()
    assert " ." not in output.replace(". . .", "")


@pytest.mark.parametrize("markup", ["text", "html"])
def test_ieee_capitalizes_the_series_in_after_a_books_title(markup: str) -> None:
    entry = (
        "@book{k, author = {Aristotle}, title = {Poetics}, series = {Clarendon Aristotle}, "
        "publisher = {Clarendon Press}, location = {Oxford}, year = {1968}}\n"
    )
    output = convert(entry, "--to", "ieee", "--markup", markup)
    assert "Poetics</i>. In Clarendon Aristotle" in output or "Poetics. In Clarendon" in output
    assert ". in " not in output


@pytest.mark.parametrize(
    ("journal", "nlm", "ieee"),
    [
        ("Angew.~Chem. Int.~Ed.", "Angew Chem Int Ed", "Angew. Chem. Int. Ed."),
        ("Mem. Soc. Astron. Italiana", "Mem Soc Astron Ital", "Mem. Soc. Astron. Ital."),
        ("Phys. Rev. Lett.", "Phys Rev Lett", "Phys. Rev. Lett."),
    ],
)
def test_a_journal_given_abbreviated_keeps_every_word(journal: str, nlm: str, ieee: str) -> None:
    entry = (
        "@article{k, author = {Weinberg, Steven}, title = {A Model of Leptons}, "
        f"journal = {{{journal}}}, volume = {{19}}, pages = {{1264--1266}}, year = {{1967}}}}\n"
    )
    assert convert(entry, "--to", "vancouver") == (
        f"1. Weinberg S. A model of leptons. {nlm}. 1967;19:1264-6.\n"
    )
    assert f"{ieee}, vol. 19" in convert(entry, "--to", "ieee")


@pytest.mark.parametrize(
    ("location", "place"),
    [
        ("Reading, Mass.", "Reading (MA)"),
        ("Westport, Conn. and London", "Westport (CT)"),
        ("Durham and London", "Durham"),
        ("Chicago, Ill.", "Chicago (IL)"),
        ("Washington, D.C.", "Washington (DC)"),
        ("Cambridge, MA", "Cambridge (MA)"),
    ],
)
def test_nlm_prints_the_first_place_with_its_postal_code(location: str, place: str) -> None:
    entry = (
        "@book{k, author = {Knuth, Donald E.}, title = {The TeXbook}, publisher = "
        f"{{Addison-Wesley}}, location = {{{location}}}, year = {{1984}}, pagetotal = {{483}}}}\n"
    )
    assert convert(entry, "--to", "vancouver") == (
        f"1. Knuth DE. The TeXbook. {place}: Addison-Wesley; 1984. 483 p.\n"
    )


@pytest.mark.parametrize(
    ("style", "field", "expected"),
    [
        (
            "chicago-author-date",
            "volumes = {5}",
            "Knuth, Donald E. 1986. Computers & Typesetting. 5 vols. Addison-Wesley.\n",
        ),
        (
            "vancouver",
            "pagetotal = {528}",
            "1. Knuth DE. Computers & typesetting. Addison-Wesley; 1986. 528 p.\n",
        ),
    ],
)
def test_a_count_of_volumes_or_pages_keeps_its_label(style: str, field: str, expected: str) -> None:
    entry = (
        "@book{k, author = {Knuth, Donald E.}, title = {Computers \\& Typesetting}, "
        f"publisher = {{Addison-Wesley}}, year = {{1986}}, {field}}}\n"
    )
    assert convert(entry, "--to", style) == expected


@pytest.mark.parametrize(
    ("style", "quoted"),
    [
        ("ieee", "“‘Intention’ und ‘Intentionalität’ in der Scholastik,”"),
        ("chicago-author-date", "“‘Intention’ und ‘Intentionalität’ in der Scholastik.”"),
    ],
)
def test_quotes_inside_a_quoted_title_become_inner_quotes(style: str, quoted: str) -> None:
    entry = (
        "@article{k, author = {Spiegelberg, Herbert}, title = {\\mkbibquote{Intention} und "
        '\\mkbibquote{Intentionalit\\"at} in der Scholastik}, langid = {german}, '
        "journal = {Studia Philosophica}, volume = {29}, pages = {189--216}, year = {1969}}\n"
    )
    output = convert(entry, "--to", style)
    assert quoted in output
    assert "““" not in output


def test_a_patents_countries_are_all_kept_in_vancouver() -> None:
    entry = (
        "@patent{k, author = {Almendro, Jos\\'e L.}, title = {Elektromagnetisches Signalhorn}, "
        "number = {EU-29702195U}, location = {France and Germany}, year = {1998}}\n"
    )
    assert "France and Germany" in convert(entry, "--to", "vancouver")


def test_a_journal_abbreviation_does_not_depend_on_the_entries_before() -> None:
    """A dated gloss (`(1917-1983)`) stays whole, whatever journal came first."""
    josa = (
        "@article{b, author = {Fried, D. L.}, title = {Optical}, year = {1966}, "
        "journal = {Journal of the Optical Society of America (1917-1983)}}\n"
    )
    first = "@article{a, author = {Doe, J.}, title = {T}, journal = {\\aj}, year = {2025}}\n"
    alone = convert(josa, "--to", "vancouver")
    after = convert(first + josa, "--to", "vancouver").splitlines()[1]
    assert alone.removeprefix("1. ") == after.removeprefix("2. ") + "\n"
    assert "J Opt Soc Am (1917-1983)" in alone


def test_apa_names_the_editors_not_the_chapters_author_again() -> None:
    """BibLaTeX's `bookauthor` (inherited through crossref) equal to the author: APA 7 §10.3
    prints `In E. Editor (Ed.), Book`, not `In V. Various, Book` without the editor."""
    entry = (
        "@inbook{v, author = {Various, V.}, bookauthor = {Various, V.}, editor = {Editor, E.}, "
        "title = {Perhaps}, booktitle = {Stuff}, publisher = {P}, year = {1911}}\n"
        "@inbook{w, author = {Author, F.}, bookauthor = {Bookauthor, B.}, title = {Bit}, "
        "booktitle = {Book}, publisher = {P}, year = {2010}}\n"
    )
    assert convert(entry, "--to", "apa") == (
        "Author, F. (2010). Bit. In B. Bookauthor, Book. P.\n"
        "Various, V. (1911). Perhaps. In E. Editor (Ed.), Stuff. P.\n"
    )
