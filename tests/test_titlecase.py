"""The sentence-case engine: converts Title Case conservatively, never what carries meaning."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeconv.rendering.prepare import recase_titles, rules_for
from citeconv.rendering.titlecase import (
    AfterBreak,
    capitalize_after_breaks,
    looks_like_title_case,
    looks_lowercase,
    lower_after_breaks,
    proper_phrases,
    protect_foreign,
    protect_phrases,
    to_sentence_case,
    to_title_case,
    unbrace_words,
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


@pytest.mark.parametrize(
    "title", ["Deep Learning", "Medical Microbiology", "Comprehensive Meta-Analysis"]
)
def test_two_word_title_case_titles_are_title_case(title: str) -> None:
    assert looks_like_title_case(title)


def test_hyphenated_title_case_compounds_count_as_capitalized() -> None:
    assert looks_like_title_case("Computer-Assisted Intervention for Low-Income Families")


def test_phrases_are_protected_only_as_whole_words_in_free_text() -> None:
    phrases = frozenset({"United States", "American Psychological Association"})
    title = "Groups in the United States and the United Statesmen"
    protected = protect_phrases(title, phrases)
    assert protected == (
        'Groups in the <span class="nocase">United States</span> and the United Statesmen'
    )
    assert to_sentence_case(protected, "upper").startswith(
        'Groups in the <span class="nocase">United States</span>'
    )
    kept = NOCASE.format("United States")
    assert protect_phrases(kept, phrases) == kept


def test_nlm_lowercases_after_a_colon_in_sentence_case_titles() -> None:
    assert lower_after_breaks("Adam: A method for Python") == "Adam: a method for Python"
    assert lower_after_breaks("Scikit-learn: Machine learning") == "Scikit-learn: machine learning"
    assert lower_after_breaks("BERT: HER2 and Freud—Hodgkin") == "BERT: HER2 and Freud—Hodgkin"
    assert lower_after_breaks("Part one. The end") == "Part one. The end"


@pytest.mark.parametrize(
    ("name", "titled"),
    [
        ("nature", "Nature"),
        ("MIT press", "MIT Press"),
        ("Journal of machine learning research", "Journal of Machine Learning Research"),
        (
            "Proceedings of the IEEE conference on computer vision and pattern recognition",
            "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition",
        ),
        ("the journal of physiology: an overview", "The Journal of Physiology: An Overview"),
        ("eLife and mBio", "eLife and mBio"),
    ],
)
def test_lowercase_names_become_title_case(name: str, titled: str) -> None:
    assert looks_lowercase(name) == (name != titled)
    assert to_title_case(name) == titled


def test_names_already_in_title_case_are_not_lowercase() -> None:
    assert not looks_lowercase("Proceedings of the National Academy of Sciences")
    assert not looks_lowercase("PLoS ONE")


@given(words)
def test_title_casing_changes_only_letter_case(name: str) -> None:
    assert to_title_case(name).lower() == name.lower()
    assert lower_after_breaks(name).lower() == name.lower()


@pytest.mark.parametrize(
    ("title", "apa"),
    [
        (
            "Learning to Walk in the Wild using Deep Nets",
            "Learning to walk in the wild using deep nets",
        ),
        (
            "Effects of COVID-19 on SARS-CoV-2 Transmission in the UK",
            "Effects of COVID-19 on SARS-CoV-2 transmission in the UK",
        ),
        ("Mapping 13CO and 12CO in Galaxies", "Mapping 13CO and 12CO in galaxies"),
        ("A Survey Report 2023", "A survey report 2023"),
        ("Living in Paris Today", "Living in Paris today"),
        ("Introduction to Algorithms", "Introduction to algorithms"),
        (
            "The Persian Wars: From Scandinavia to Rome and Shakespeare's Milky Way and M31",
            "The Persian Wars: From Scandinavia to Rome and Shakespeare's Milky Way and M31",
        ),
        (
            "THE ENVIRONMENT AND HEALTH OF NASA WORKERS",
            "The environment and health of NASA workers",
        ),
        ("Apps for Smartphones and Running Shoes", "Apps for smartphones and running shoes"),
    ],
)
def test_mixed_case_and_all_caps_titles_become_sentence_case(title: str, apa: str) -> None:
    assert looks_like_title_case(title)
    assert (
        to_sentence_case(protect_phrases(title, proper_phrases()), "upper").replace(
            NOCASE.format("Milky Way"), "Milky Way"
        )
        == apa
    )


@pytest.mark.parametrize(
    "title",
    [
        "Die Stadtmauern von Nürnberg und ihre Tore",
        "Les Villes et la Mer dans l'Antiquité",
        "Living in Paris",
        "Lessons of the Cold War for modern diplomacy",
        "NASA JPL DSN",
    ],
)
def test_foreign_sentence_case_and_acronym_titles_are_left_alone(title: str) -> None:
    assert not looks_like_title_case(title)


def test_foreign_names_are_not_title_cased_and_are_protected() -> None:
    name = "Zeitschrift für Archäologie und Kulturgeschichte"
    assert not looks_lowercase(name)
    assert to_title_case(name) == name
    assert protect_foreign(name) == NOCASE.format(name)
    assert protect_foreign("Journal of Physiology") == "Journal of Physiology"


def test_braces_of_zotero_are_dropped_but_not_from_names_or_lone_words() -> None:
    zotero = "Pattern {} and {} {} in {}".format(
        NOCASE.format("Recognition"),
        NOCASE.format("Machine"),
        NOCASE.format("Learning"),
        NOCASE.format("Boston"),
    )
    assert unbrace_words(zotero) == "Pattern Recognition and Machine Learning in {}".format(
        NOCASE.format("Boston")
    )
    lone = "Living in {} Today".format(NOCASE.format("Paris"))
    assert unbrace_words(lone) == lone
    pubmed = " ".join(NOCASE.format(w) for w in ["THE", "ENVIRONMENT", "AND", "HEALTH"])
    assert unbrace_words(pubmed) == "THE ENVIRONMENT AND HEALTH"


@pytest.mark.parametrize(
    ("title", "apa"),
    [
        ("The Pan-STARRS1 Surveys Today", "The Pan-STARRS1 surveys today"),
        ("Treatment of Non-HER2 Breast Cancer", "Treatment of non-HER2 breast cancer"),
        ("COVID-Related Deaths in Care Homes", "COVID-related deaths in care homes"),
    ],
)
def test_a_word_joined_to_an_acronym_keeps_its_capital_unless_a_prefix(
    title: str, apa: str
) -> None:
    assert to_sentence_case(title, "upper") == apa


@pytest.mark.parametrize(
    ("word", "common"),
    [
        ("Willpower", True),  # two common words written as one
        ("Coronavirus", True),
        ("Wavefront", True),
        ("Programmable", True),  # -able on a doubled consonant
        ("Endonuclease", True),  # an enzyme
        ("Atherosclerotic", True),  # a disease
        ("Canakinumab", True),  # an International Nonproprietary Name: lowercase in APA
        ("Silverstone", False),  # a place built like a compound
        ("Whitehouse", False),
        ("Blackwell", False),  # a surname: the parts are too short to count
        ("Paris", False),  # the dictionary's proper noun
        ("Rubin", False),  # a name the dictionary does not know
    ],
)
def test_modern_words_are_common_and_names_built_like_them_are_not(word: str, common: bool) -> None:
    from citeconv.rendering.lexicon import is_common_word

    assert is_common_word(word) is common


def test_modern_compounds_and_drug_names_lose_their_capitals_in_apa() -> None:
    title = "Antiinflammatory Therapy with Canakinumab for Atherosclerotic Disease"
    assert to_sentence_case(title, "upper") == (
        "Antiinflammatory therapy with canakinumab for atherosclerotic disease"
    )


def _sentence(title: str, after_break: AfterBreak = "upper") -> str:
    """A Title Case title as the styles convert it: phrases protected, then sentence case."""
    recased = to_sentence_case(protect_phrases(title, proper_phrases()), after_break)
    return recased.replace('<span class="nocase">', "").replace("</span>", "")


@pytest.mark.parametrize(
    ("title", "apa"),
    [
        (  # a word the dictionary does not know anchors the name around it
            "First data release of the Hyper Suprime-Cam Subaru Strategic Program",
            "First data release of the Hyper Suprime-Cam Subaru Strategic Program",
        ),
        (  # an acronym spells the name out, with its connecting words
            "CANFAR: The Canadian Advanced Network for Astronomical Research",
            "CANFAR: The Canadian Advanced Network for Astronomical Research",
        ),
        (
            "The Hubble Legacy Fields (HLF-GOODS-S) v1.5 Data Products",
            "The Hubble Legacy Fields (HLF-GOODS-S) v1.5 data products",
        ),
        (  # a facility named after its code; a phrase also in the plural
            "The Data Release of the Sloan Digital Sky Surveys: From the APOGEE-2 Southern Survey",
            "The data release of the Sloan Digital Sky Surveys: From the APOGEE-2 Southern Survey",
        ),
        ("The Central 600 PC of the Milky way", "The central 600 PC of the Milky Way"),
        ("Performance of the Dark Energy Camera", "Performance of the Dark Energy Camera"),
        ("A Walk in New York City Today", "A walk in New York City today"),
        (  # a compass word before a name
            "The Second World War in Southeast Asia",
            "The Second World War in Southeast Asia",
        ),
        (  # a part after a name kept capitalized is part of the name
            "Crosstalk Analysis of Suprime-Cam FDCCDs",
            "Crosstalk analysis of Suprime-Cam FDCCDs",
        ),
    ],
)
def test_proper_names_of_several_words_keep_their_capitals(title: str, apa: str) -> None:
    assert _sentence(title) == apa


@pytest.mark.parametrize(
    ("title", "apa"),
    [
        # a proper adjective and the noun that completes a name (styles/title-rules.toml
        # `named_nouns`)
        (
            "The Persian Wars: From Scandinavia to Rome",
            "The Persian Wars: From Scandinavia to Rome",
        ),
        (
            "The French Revolution and the Napoleonic Wars in the Byzantine Empire",
            "The French Revolution and the Napoleonic Wars in the Byzantine Empire",
        ),
        ("Shipping in the Persian Gulf and the English Channel", None),
        ("Women of the Victorian Era and the Roman Republic", None),
        # names whose first word is a common word are phrases
        (
            "Life in the Middle Ages After the Industrial Revolution",
            "Life in the Middle Ages after the Industrial Revolution",
        ),
        ("Memory of the Cold War and World War II", "Memory of the Cold War and World War II"),
        ("The Milky Way and the Great Depression", "The Milky Way and the Great Depression"),
    ],
)
def test_named_events_periods_and_places_keep_their_capitals(title: str, apa: str | None) -> None:
    assert _sentence(title) == (apa or title)


@pytest.mark.parametrize(
    ("word", "american"),
    [
        ("Factorising", "factorizing"),
        ("Organisation", "organization"),
        ("Analysed", "analyzed"),
        ("Colour", "color"),
        ("Behaviours", "behaviors"),
        ("Centre", "center"),
        ("Fibres", "fibers"),
        ("Modelling", "modeling"),
        ("Catalogue", "catalog"),
        ("Defence", "defense"),
    ],
)
def test_british_spellings_are_common_words(word: str, american: str) -> None:
    from citeconv.rendering.lexicon import is_common_word

    assert is_common_word(american.capitalize())
    assert is_common_word(word)


@pytest.mark.parametrize("name", ["Louise", "Denise", "Notre", "Seymour", "Andre", "Paris"])
def test_names_spelled_like_british_words_are_not_common(name: str) -> None:
    from citeconv.rendering.lexicon import is_common_word

    assert not is_common_word(name)


def test_a_short_title_case_title_with_a_british_spelling_becomes_sentence_case() -> None:
    assert looks_like_title_case("Disentangling by Factorising")
    assert _sentence("Disentangling by Factorising") == "Disentangling by factorising"
    assert _sentence("Colour Constancy in the Visual Centre") == (
        "Colour constancy in the visual centre"
    )


@pytest.mark.parametrize(
    ("title", "apa"),
    [
        # capitals of Title Case tell nothing: no name without a signal
        (
            "Extended Infomax Algorithm for Mixed Sources",
            "Extended Infomax algorithm for mixed sources",
        ),
        ("UV, Optical, and IR Space Telescopes", "UV, optical, and IR space telescopes"),
        (
            "Seeking Gaia's Astrometric Solution with AGIS",
            "Seeking Gaia's astrometric solution with AGIS",
        ),
        (
            "A Method for Removing Imaging Artifact in MRI",
            "A method for removing imaging artifact in MRI",
        ),
        (
            "Mapping the Signal-to-Noise-Ratios of Sources",
            "Mapping the signal-to-Noise-ratios of sources",
        ),
        (  # a proper adjective before a common noun that is no event, period or place
            "The Persian Carpet Trade: From Scandinavia to Rome",
            "The Persian carpet trade: From Scandinavia to Rome",
        ),
        ("Gaussian Process Models of Roman Ships", "Gaussian process models of Roman ships"),
    ],
)
def test_capitalized_common_words_without_a_name_signal_are_lowered(title: str, apa: str) -> None:
    assert _sentence(title) == apa


def test_a_part_numbered_in_roman_numerals_starts_a_sentence() -> None:
    assert (
        _sentence("Cortical Surface-Based Analysis: I. Segmentation and Surface", "lower")
        == "Cortical surface-based analysis: I. Segmentation and surface"
    )
    assert (
        _sentence("Cortical Surface-Based Analysis: II. Inflation, Flattening")
        == "Cortical surface-based analysis: II. Inflation, flattening"
    )
    assert capitalize_after_breaks("Microlensing. I. data analysis") == (
        "Microlensing. I. Data analysis"
    )
    assert lower_after_breaks("Star catalogs: III. An intercomparison") == (
        "Star catalogs: III. An intercomparison"
    )
    braced = "Cortical Surface-Based Analysis: {}. Inflation".format(NOCASE.format("II"))
    assert _sentence(braced, "lower") == "Cortical surface-based analysis: II. Inflation"
    assert capitalize_after_breaks(braced.replace("Inflation", "inflation")) == braced


def test_nlm_lowercases_after_a_spaced_en_dash_and_inside_whole_title_braces() -> None:
    assert lower_after_breaks("HTSeq – A Python framework") == "HTSeq – a Python framework"
    guided = "A Dual-{}–Guided Endonuclease".format(NOCASE.format("RNA"))  # an unspaced en dash
    assert lower_after_breaks(guided) == guided
    nlm = rules_for("nlm-citation-sequence")
    for title, expected in [
        ("Tximeta: Reference sequence checksums", "Tximeta: reference sequence checksums"),
        ("Julich-Brain: A 3D probabilistic atlas", "Julich-Brain: a 3D probabilistic atlas"),
    ]:
        item = recase_titles(
            {"type": "article-journal", "title": NOCASE.format(title)}, nlm, "auto"
        )
        assert item["title"] == NOCASE.format(expected)
    zotero = "Julich-{}: {} {} probabilistic atlas".format(
        *map(NOCASE.format, ["Brain", "A", "3D"])
    )
    item = recase_titles({"type": "article-journal", "title": zotero}, nlm, "auto")
    assert item["title"] == zotero.replace(NOCASE.format("A"), "a")


@pytest.mark.parametrize("style", ["apa", "nlm-citation-sequence"])
def test_a_book_whose_protected_addon_names_a_symposium_stays_in_sentence_case(style: str) -> None:
    book = "Elementary particle theory: Relativistic groups and analyticity. {}".format(
        NOCASE.format("Proceedings of the Eighth Nobel Symposium")
    )
    item = {
        "type": "paper-conference",
        "title": "Weak and Electromagnetic Interactions",
        "editor": [{"family": "Svartholm", "given": "Nils"}],
        "container-title": book,
    }
    recased = recase_titles(item, rules_for(style), "auto")
    assert recased["container-title"].startswith("Elementary particle theory: ")
    assert "relativistic groups and analyticity" in recased["container-title"].lower()
    assert "Particle Theory" not in recased["container-title"]
