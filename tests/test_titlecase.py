"""The sentence-case engine: converts Title Case conservatively, never what carries meaning."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeconv.render.titlecase import (
    capitalize_after_breaks,
    looks_like_title_case,
    to_sentence_case,
)

NOCASE = '<span class="nocase">{}</span>'


@pytest.mark.parametrize(
    ("title", "apa", "nlm"),
    [
        (
            "The Effect of {} Mutations on mRNA Expression: A Systematic Review".format(
                NOCASE.format("BRCA1")
            ),
            "The effect of {} mutations on mRNA expression: A systematic review".format(
                NOCASE.format("BRCA1")
            ),
            "The effect of {} mutations on mRNA expression: a systematic review".format(
                NOCASE.format("BRCA1")
            ),
        ),
        (
            "Treatment of Non-Hodgkin Lymphoma With t-SNE and iPhone Apps in HER2 Patients",
            "Treatment of non-Hodgkin lymphoma with t-SNE and iPhone apps in HER2 patients",
            "Treatment of non-Hodgkin lymphoma with t-SNE and iPhone apps in HER2 patients",
        ),
        (
            "Growth of <i>Escherichia Coli</i> in Second-Line Media. Results From a Trial",
            "Growth of <i>Escherichia Coli</i> in second-line media. Results from a trial",
            "Growth of <i>Escherichia Coli</i> in second-line media. Results from a trial",
        ),
        (
            "Genome-Wide Study of Alzheimer's Disease—A Cohort From the HeCOG",
            "Genome-wide study of Alzheimer's disease—A cohort from the HeCOG",
            "Genome-wide study of Alzheimer's disease—a cohort from the HeCOG",
        ),
        ("mRNA-Based Vaccines Work Well", "mRNA-based vaccines work well", None),
    ],
)
def test_title_case_becomes_sentence_case(title: str, apa: str, nlm: str | None) -> None:
    assert looks_like_title_case(title)
    assert to_sentence_case(title, "upper") == apa
    if nlm is not None:
        assert to_sentence_case(title, "lower") == nlm


@pytest.mark.parametrize(
    "title",
    [
        "Phase 2 study of cabazitaxel in patients with HER2-negative breast cancer—a Hellenic "
        "Cooperative Oncology Group (HeCOG) Trial",
        "Living in Paris",
        "NumPy",
        "Deep learning for protein structure prediction",
    ],
)
def test_sentence_case_titles_are_not_title_case(title: str) -> None:
    assert not looks_like_title_case(title)


def test_apa_capitalizes_after_colon_em_dash_and_full_stop() -> None:
    assert capitalize_after_breaks("x: a b—c dd. e J. f") == "x: A b—C dd. E J. f"


def test_protected_and_italic_chunks_are_kept_verbatim() -> None:
    title = "A Study of {} and <i>Homo Sapiens</i> Cells".format(NOCASE.format("The Beatles"))
    assert to_sentence_case(title, "upper") == (
        "A study of {} and <i>Homo Sapiens</i> cells".format(NOCASE.format("The Beatles"))
    )


words = st.text(alphabet="abcdefgHIJKLMN -:", min_size=0, max_size=40)


@given(words)
def test_recasing_changes_only_letter_case(title: str) -> None:
    for after_break in ("upper", "lower"):
        recased = to_sentence_case(title, after_break)
        assert recased.lower() == title.lower()


@given(words)
def test_recasing_is_idempotent(title: str) -> None:
    once = to_sentence_case(title, "lower")
    assert to_sentence_case(once, "lower") == once
