"""--locale: terms, dates and punctuation follow the CSL locale; unknown names are usage errors.

The expected lines were checked against citeproc-js (the reference engine) where it ships the
locale (en-US, de-DE), and against the CSL en-GB locale file's terms and date order for en-GB.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.errors import UnknownLocale
from citeconv.locales import installed_locales, resolve_locale

BIB = """\
@incollection{chapter,
  author = {Doe, Jane and Roe, Richard}, editor = {Smith, Anna},
  title = {A chapter on things}, booktitle = {The book of things},
  publisher = {Springer}, address = {Berlin}, year = {2019}, pages = {10--20}, edition = {2}
}
@online{site,
  author = {{World Health Organization}}, title = {Fact sheet on measles},
  url = {https://example.org/measles}, urldate = {2021-03-05}, date = {2020-12-05}
}
@article{art,
  author = {Doe, Jane}, title = {Measuring things}, journal = {Journal of Things},
  volume = {12}, number = {3}, pages = {45--67}, year = {2018}, doi = {10.1000/xyz}
}
"""

VANCOUVER = {
    "en-US": [
        "1. Doe J, Roe R. A chapter on things. In: Smith A, editor. The book of things. 2nd ed. "
        "Berlin: Springer; 2019. p. 10-20.",
        "2. World Health Organization. Fact sheet on measles [Internet]. 2020 Dec 5 "
        "[cited 2021 Mar 5]. Available from: https://example.org/measles",
        "3. Doe J. Measuring things. Journal of Things. 2018;12(3):45-67. doi:10.1000/xyz",
    ],
    "en-GB": [  # the CSL en-GB locale abbreviates edition as "edn" (Oxford usage)
        "1. Doe J, Roe R. A chapter on things. In: Smith A, editor. The book of things. 2nd edn. "
        "Berlin: Springer; 2019. p. 10-20.",
        "2. World Health Organization. Fact sheet on measles [Internet]. 2020 Dec 5 "
        "[cited 2021 Mar 5]. Available from: https://example.org/measles",
        "3. Doe J. Measuring things. Journal of Things. 2018;12(3):45-67. doi:10.1000/xyz",
    ],
    "de-DE": [
        "1. Doe J, Roe R. A chapter on things. In: Smith A, Herausgeber. The book of things. "
        "2. Aufl. Berlin: Springer; 2019. S. 10-20.",
        "2. World Health Organization. Fact sheet on measles [Internet]. 2020 "
        "[zitiert 5. März 2021]. Verfügbar unter: https://example.org/measles",
        "3. Doe J. Measuring things. Journal of Things. 2018;12(3):45-67. doi:10.1000/xyz",
    ],
}

# Harvard (Cite Them Right) shows the locale's quotes, punctuation rule and date order.
HARVARD = {
    # en-US leaves the article out: citeproc-py puts the comma after the closing quote
    # (“Measuring things”,) where US usage and citeproc-js put it inside (“Measuring things,”).
    "en-US": {
        "site": "World Health Organization (2020) Fact sheet on measles. Available at: "
        "https://example.org/measles (Accessed: March 5, 2021).",
    },
    "en-GB": {
        "art": "Doe, J. (2018) ‘Measuring things’, Journal of Things, 12(3), pp. 45–67. "
        "Available at: https://doi.org/10.1000/xyz.",
        "site": "World Health Organization (2020) Fact sheet on measles. Available at: "
        "https://example.org/measles (Accessed: 5 March 2021).",
    },
    "de-DE": {
        "art": "Doe, J. (2018) „Measuring things“, Journal of Things, 12(3), S. 45–67. "
        "Verfügbar unter: https://doi.org/10.1000/xyz.",
        "chapter": "Doe, J. und Roe, R. (2019) „A chapter on things“, in A. Smith (Hrsg.) "
        "The book of things. 2. Aufl. Berlin: Springer, S. 10–20.",
        "site": "World Health Organization (2020) Fact sheet on measles. Verfügbar unter: "
        "https://example.org/measles (Zugegriffen: 5. März 2021).",
    },
}


def render(style: str, locale: str) -> list[str]:
    arguments = ["--no-config", "convert", "--to", style, "--locale", locale]
    result = CliRunner().invoke(main, [*arguments, "--no-abbreviate", "--no-cache"], input=BIB)
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("locale", sorted(VANCOUVER))
def test_vancouver_terms_follow_the_locale(locale: str) -> None:
    assert render("vancouver", locale) == VANCOUVER[locale]


@pytest.mark.parametrize("locale", sorted(HARVARD))
def test_harvard_quotes_punctuation_and_dates_follow_the_locale(locale: str) -> None:
    lines = render("harvard-cite-them-right", locale)
    for key, expected in HARVARD[locale].items():
        assert expected in lines, f"entry '{key}' differs; got:\n" + "\n".join(lines)


def test_unknown_locale_is_a_usage_error_listing_the_installed_ones() -> None:
    result = CliRunner().invoke(
        main, ["--no-config", "convert", "--to", "ris", "--locale", "en-UK"], input=BIB
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    first, second = result.stderr.splitlines()
    assert first == "citeconv: error: unknown locale 'en-UK'; did you mean 'en-GB' or 'en-US'?"
    assert second == f"installed locales: {' '.join(installed_locales())}"


def test_installed_locales_are_the_csl_locales_shipped_with_citeproc_py() -> None:
    locales = installed_locales()
    assert {"en-US", "en-GB", "de-DE", "fr-FR", "pt-BR"} <= set(locales)
    assert list(locales) == sorted(locales)
    assert len(locales) > 50


@pytest.mark.parametrize(
    ("given", "tag"),
    [
        ("en-GB", "en-GB"),
        ("en_gb", "en-GB"),
        ("DE-de", "de-DE"),
        ("de", "de-DE"),  # a bare language means its main dialect
        ("fr", "fr-FR"),
        ("pt", "pt-PT"),
        ("eu", "eu"),  # a locale without a region
    ],
)
def test_locale_names_are_forgiving_about_case_and_separator(given: str, tag: str) -> None:
    assert resolve_locale(given) == tag


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        ("en", "; did you mean 'en-GB' or 'en-US'?"),  # no en-EN: ambiguous, so ask
        ("zh", "; did you mean 'zh-CN' or 'zh-TW'?"),
        ("xx-YY", ""),
    ],
)
def test_ambiguous_or_unknown_locales_are_errors(given: str, hint: str) -> None:
    with pytest.raises(UnknownLocale) as raised:
        resolve_locale(given)
    assert str(raised.value).splitlines()[0] == f"unknown locale '{given}'{hint}"
