"""Names and LaTeX from the real-world corpus (issue 12): `et al.` inside a name, accents the
name splitter cut in two, nicknames, capitalized particles, hyphenated given names written out,
superscript digits and bibstrings in list fields. The golden case reader-realworld-names shows
them in whole references; these pin each reading."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.normalize.bibstrings import resolve_bibstring
from citeconv.normalize.latex import to_rich, to_text
from citeconv.normalize.names import to_csl_name
from citeconv.readers.bibtex import split_names
from citeconv.rendering.initials import initialized


def people(value: str) -> list[dict[str, str]]:
    return [dict(to_csl_name(name)) for name in split_names(value)]


def families(value: str) -> list[str]:
    return [to_text(" ".join(name.last)) for name in split_names(value)]


@pytest.mark.parametrize(
    "value",
    [
        "Born, L. et al.",
        "Born, L., et. al.",
        "Born, L. et~al",
        "L. Born et al.",
        "Born, L. and et al.",
        "Born, L. and others",
        "Born, L. et al. and others",
    ],
)
def test_et_al_written_in_a_name_is_the_list_going_on(value: str) -> None:
    assert people(value) == [{"family": "Born", "given": "L."}, {"family": "others"}]


def test_et_al_in_the_middle_of_a_list_is_dropped_not_a_person() -> None:
    assert people("Abel, A. and Baker, B., et al. and Cole, C.") == [
        {"family": "Abel", "given": "A."},
        {"family": "Baker", "given": "B."},
        {"family": "Cole", "given": "C."},
    ]


def test_a_family_name_containing_al_or_others_is_kept() -> None:
    assert families("Al-Khalili, Jim and Smith, Al and Brothers, Al") == [
        "Al-Khalili",
        "Smith",
        "Brothers",
    ]


@pytest.mark.parametrize(
    ("value", "family"),
    [
        (r"Carrami\~nana, A.", "Carramiñana"),
        (r"Carrami\~{n}ana, A.", "Carramiñana"),
        (r"Carrami{\~n}ana, A.", "Carramiñana"),
        ("Carrami{~n}ana, A.", "Carramiñana"),
        ("B{^i}rzan, L.", "Bîrzan"),
        ("Smol{{c}}i{'c}, V.", "Smolcić"),
        ("Smol{\x0b{c}}i{'c}, V.", "Smolčić"),  # Google Scholar: `\v` read as a vertical tab
        ("{\x0d{A}}sa, A.", "Åsa"),
        (r"Ren\' e, A.", "René"),
        (r"Garc{\'\i}a, A.", "García"),
        (r"Garc\'\i a, A.", "García"),
        (r"Fran\c cois, A.", "François"),
        (r"Sa\v sa, A.", "Saša"),
        (r"\v{S}a\v{s}a, A.", "Šaša"),
        (r"\O rsted, A.", "Ørsted"),
        (r"Erd\H{o}s, A.", "Erdős"),
    ],
)
def test_every_accent_form_in_a_name_is_one_letter(value: str, family: str) -> None:
    assert families(value) == [family]


@pytest.mark.parametrize(
    ("value", "given"),
    [
        ("Claver, Charles (Chuck)", "Charles"),
        ("Robert ``Bob'' Jones", "Robert"),
        ('Ann "Annie" Lee', "Ann"),
        ("Lee, Kim 'Kimmy'", "Kim"),
        ("O'Neil, D'Arcy", "D'Arcy"),
    ],
)
def test_a_nickname_inside_a_given_name_is_dropped(value: str, given: str) -> None:
    assert people(value)[0]["given"] == given


@pytest.mark.parametrize(
    ("value", "particle", "family", "given"),
    [
        ("Bart De Win", "De", "Win", "Bart"),
        ("Ursula K. Le Guin", "Le", "Guin", "Ursula K."),
        ("Jan Van der Berg", "Van der", "Berg", "Jan"),
        ("Maria Da Silva", "Da", "Silva", "Maria"),
        ("de Win, Bart", "de", "Win", "Bart"),
    ],
)
def test_particles_capitalized_or_not_belong_to_the_family_name(
    value: str, particle: str, family: str, given: str
) -> None:
    assert people(value) == [{"family": family, "given": given, "non-dropping-particle": particle}]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Thanh Van Nguyen", {"family": "Nguyen", "given": "Thanh Van"}),
        ("De Win, Bart", {"family": "De Win", "given": "Bart"}),
        ("Van Morrison", {"family": "Morrison", "given": "Van"}),
    ],
)
def test_words_that_only_look_like_particles_stay_where_bibtex_puts_them(
    value: str, expected: dict[str, str]
) -> None:
    assert people(value) == [expected]


def test_hyphenated_given_names_written_out_keep_every_part() -> None:
    assert initialized("Masa-aki", ". ", whole_words=True) == "Masa-aki"
    assert initialized("Jean-Paul", ". ") == "J.-P."
    assert initialized("Guo-ping", "") == "G"  # CSL suite: name_LowercaseSurnameSuffix


def test_a_lowercase_hyphen_part_is_no_particle_without_the_hyphen() -> None:
    """NLM sets initialize-with-hyphen="false": `Masa-aki` is `M`, as `Guo-ping` is `G`."""
    assert initialized("Masa-aki", "", hyphen=False) == "M"
    assert initialized("Jean-Paul", "", hyphen=False) == "JP"
    entry = "@article{s, author={Sato, Masa-aki}, title={T}, journal={Nature}, year=2020}\n"
    result = CliRunner().invoke(main, ["convert", "-", "--to", "vancouver"], input=entry)
    assert (result.exit_code, result.output) == (0, "1. Sato M. T. Nature. 2020.\n")


@pytest.mark.parametrize(
    ("latex", "rich", "text"),
    [
        ("0.2\\,mm$^2$", "0.2 mm<sup>2</sup>", "0.2 mm²"),
        ("10\\textsuperscript{2}", "10<sup>2</sup>", "10²"),
        ("Ca$^{2+}$", "Ca<sup>2+</sup>", "Ca²⁺"),
        ("$10^{-3}$", "10<sup>-3</sup>", "10⁻³"),
        ("H$_2$O", "H<sub>2</sub>O", "H₂O"),
        ("3\\textsuperscript{rd}", "3<sup>rd</sup>", "3rd"),
    ],
)
def test_superscript_digits_survive_plain_text_output(latex: str, rich: str, text: str) -> None:
    """The hub keeps CSL rich text; plain-text output writes digits and signs raised or
    lowered (`mm²`), where dropping the tags printed `mm2`. Letters have no full set."""
    assert to_rich(latex) == rich
    bib = f"@article{{a, author={{Doe, J.}}, title={{{latex}}}, journal={{J}}, year=2001}}\n"
    result = CliRunner().invoke(
        main, ["convert", "--from", "bibtex", "--to", "apa", "--no-cache"], input=bib
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"Doe, J. (2001). {text}. J.\n"


def test_bibstrings_in_a_list_field_are_each_resolved() -> None:
    value = "countryfr and countryuk and countryde"
    assert resolve_bibstring("location", value) == "France and United Kingdom and Germany"
    assert resolve_bibstring("location", "Durham and London") == "Durham and London"
    assert resolve_bibstring("location", "countryfr") == "France"


def test_an_undefined_journal_macro_is_reported_with_its_place() -> None:
    bib = "@inproceedings{doe,\n author={Doe, John}, title={T},\n booktitle = IEEE_J_PROC,\n"
    bib += " year={2016}}\n"
    result = CliRunner().invoke(
        main, ["convert", "--from", "bibtex", "--to", "apa", "--no-cache"], input=bib
    )
    assert result.exit_code == 0
    assert result.stdout == "Doe, J. (2016). T. In IEEE_J_PROC.\n"
    assert result.stderr == (
        "<stdin>:3: warning[undefined-macro] entry 'doe': field 'booktitle': "
        "undefined macro 'IEEE_J_PROC' kept as text\n"
    )


def test_chicago_edited_book_prints_its_editor_in_the_author_position() -> None:
    """biblatex-examples `gaonkar`: the editor substitute sits in a cs:choose in Chicago's
    `author-bib`; citeproc-js prints `Gaonkar, Dilip Parameshwar, ed.`."""
    bib = "@collection{gaonkar, editor={Gaonkar, Dilip Parameshwar}, title={Alternative"
    bib += " Modernities}, date=2001, publisher={Duke University Press}}\n"
    result = CliRunner().invoke(
        main,
        ["convert", "--from", "bibtex", "--to", "chicago-author-date", "--no-cache"],
        input=bib,
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Gaonkar, Dilip Parameshwar, ed. 2001. Alternative Modernities. Duke University Press.\n"
    )
