"""LaTeX -> Unicode and CSL rich text (normalize/latex.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeconv.normalize.latex import (
    protect_whole_words,
    strip_markup,
    to_rich,
    to_text,
    unknown_commands,
)


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\"o}", "ö"),
        (r"\"{o}", "ö"),
        (r"\H{o}", "ő"),
        (r"{\'\i}", "í"),
        (r"\'{\i}", "í"),
        (r"\c{c}", "ç"),
        (r"\v{S}", "Š"),
        (r"\k{a}", "ą"),
        (r"\r{a}", "å"),
        (r"\u{g}", "ğ"),
        (r"\ss{}", "ß"),
        (r"{\o}", "ø"),
        (r"\L{}", "Ł"),
        (r"{\aa}", "å"),
        (r"{\AE}", "Æ"),
        (r"\& \% \$ \_", "& % $ _"),
        ("a~b", "a\u00a0b"),
        ("1--2", "1\u20132"),
        ("a---b", "a\u2014b"),
        ("``quoted''", "\u201cquoted\u201d"),
        (r"$\alpha$-helix", "α-helix"),
        ("50% of cases", "50% of cases"),
        (r"\url{https://example.org/a%20b}", "https://example.org/a%20b"),
        (r"\href{https://example.org}{the site}", "the site"),
        (r"\ElsevierGlyph{2014}", "\u2014"),
        (r"\TeX\ and \LaTeX", "TeX and LaTeX"),
        (r"\apj", "ApJ"),
        (r"Franc{\ocirc{u}}", "Franců"),
        (r"37~$^{\circ}$C", "37\u00a0°C"),
    ],
)
def test_decodes_to_unicode(latex: str, text: str) -> None:
    assert to_text(latex) == text


@pytest.mark.parametrize(
    ("latex", "rich"),
    [
        (r"\textit{E. coli}", "<i>E. coli</i>"),
        (r"\emph{in vivo}", "<i>in vivo</i>"),
        (r"\textbf{bold}", "<b>bold</b>"),
        (r"2\textsuperscript{nd}", "2<sup>nd</sup>"),
        (r"x\textsubscript{i}", "x<sub>i</sub>"),
        (r"$H_2O$", "H<sub>2</sub>O"),
        (r"Ca$^{2+}$", "Ca<sup>2+</sup>"),
        (r"$\sp{a}\sb{b}$", "<sup>a</sup><sub>b</sub>"),
        (r"a\it b{\bf c}", "a<i>b<b>c</b></i>"),
        (r"a\begin{it}b\end{it}c", "a<i>b</i>c"),
        (r"\textsc{sc}", '<span style="font-variant:small-caps;">sc</span>'),
        (
            "{DNA} and {B}ayes",
            '<span class="nocase">DNA</span> and <span class="nocase">Bayes</span>',
        ),
        (
            "{I}nternational {T}{H}{E}",
            '<span class="nocase">International</span> <span class="nocase">THE</span>',
        ),
        ("Ar{X}iv:2012.09699", '<span class="nocase">ArXiv:2012.09699</span>'),
        (
            "{Parkinson}'s and {NASA}'s.",
            '<span class="nocase">Parkinson\'s</span> and <span class="nocase">NASA\'s</span>.',
        ),
        (
            "'{Paris}' {DNA}-based",
            '\'<span class="nocase">Paris</span>\' <span class="nocase">DNA</span>-based',
        ),
        ('{N{"o}the}', '<span class="nocase">Nöthe</span>'),
        ("{{MNE}}", '<span class="nocase">MNE</span>'),
        (r"{\"O}sterreich", "Österreich"),
        (r"{\em in silico}", "<i>in silico</i>"),
        (r"\emph{the {DNA} model}", '<i>the <span class="nocase">DNA</span> model</i>'),
        (r"\textrm{plain}", "plain"),
    ],
)
def test_rich_text(latex: str, rich: str) -> None:
    assert to_rich(latex) == rich
    assert to_text(latex) == strip_markup(rich)


def test_unknown_commands_keep_their_argument_and_are_named() -> None:
    assert to_text(r"see \foreign{Weltanschauung} now") == "see Weltanschauung now"
    assert unknown_commands(r"see \foreign{Weltanschauung} and \unknown") == ("foreign", "unknown")
    assert to_text(r"a \unknown b") == "a unknown b"
    assert unknown_commands(r"\textit{x} \'e") == ()


def test_bare_braces_take_the_fast_path_and_agree_with_the_parser() -> None:
    assert to_rich("a {DNA} -- b") == to_rich(r"a {DNA} -- b\relax")


@given(st.text(alphabet="abc {}\\'\"$^_~-%&#0123456789", max_size=40))
def test_never_crashes(latex: str) -> None:
    assert isinstance(to_rich(latex), str)
    assert "<" not in to_text(latex)


@given(st.text(alphabet="abcXYZ {}~-'`", max_size=40))
def test_braces_never_reach_the_hub(latex: str) -> None:
    assert not set("{}") & set(to_text(latex))
    assert not set("{}") & set(strip_markup(to_rich(latex)))


@pytest.mark.parametrize(
    "latex", ['Smith & Sons, M\\"unchen', 'Smith \\& Sons, M\\"unchen', "A & B \\textit{C}"]
)
def test_a_bare_ampersand_is_text_also_beside_commands(latex: str) -> None:
    """LaTeX reads a bare `&` as an alignment tab and the decoder dropped it whenever the
    value also held a command; in a bibliography it is always text."""
    assert "&" in to_text(latex)


_SPANNED = st.lists(
    st.one_of(
        st.text(alphabet="abcXYZ '’:.-", max_size=6),
        st.text(alphabet="abcXYZ'", min_size=1, max_size=4).map(
            lambda t: f'<span class="nocase">{t}</span>'
        ),
    ),
    max_size=8,
).map("".join)


@given(_SPANNED)
def test_whole_word_protection_moves_only_span_edges(rich: str) -> None:
    """Widening and joining spans never changes the text, and a second pass changes nothing."""
    protected = protect_whole_words(rich)
    assert strip_markup(protected) == strip_markup(rich)
    assert protect_whole_words(protected) == protected
