"""Hub item -> what citeproc-py is handed: titles recased, style conventions applied, markup hidden.

Every step is a pure function of the item and the style's rules (styles/title-rules.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from citeconv import lazy_regex
from citeconv.formats import TitleCase
from citeconv.journals import JournalForm
from citeconv.project_data import load_table
from citeconv.rendering import conventions, journal_names, nlm
from citeconv.rendering.markup import hide_markup, hide_specials
from citeconv.rendering.names_etal import mark_others
from citeconv.rendering.note_variables import with_note_variables
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

# Containers that are books (sentence case in APA and NLM), unlike journals and newspapers.
BOOK_CONTAINER_TYPES = frozenset({"chapter", "entry", "entry-dictionary", "entry-encyclopedia"})
# Variables copied exactly: identifiers and addresses are never typographically changed.
VERBATIM = frozenset({"id", "type", "URL", "DOI", "ISSN", "ISBN", "PMID", "PMCID", "language"})
# Of those, the ones citeproc-py reads rather than prints: handed over untouched.
_UNPRINTED = frozenset({"id", "type", "language"})
# A closing quote or apostrophe follows a letter, also across a closing tag (`</span>'s`).
_CLOSING_QUOTE = lazy_regex.compile(r"(?<=\w)'|(?<=\w</span>)'|(?<=\w</i>)'")
# An apostrophe that starts a word stands for what was left out: a century (`'06`, `'90s`) or
# the start of a word (`'t Hooft`, `rock 'n' roll`, `'tis`): a closing quote, not an opening one.
_ELISION = lazy_regex.compile(r"'(?=\d|(?:t|s|n|em|tis|twas|til|cause|round)\b)", re.IGNORECASE)
_OPENING_QUOTE = lazy_regex.compile(r"'(?=\w)")
# Preprint servers that BibTeX names in `archivePrefix`/`eprinttype` (the hub's `archive`).
PREPRINT_SERVERS = {"arxiv": "arXiv", "biorxiv": "bioRxiv", "medrxiv": "medRxiv"}
_ENGLISH = lazy_regex.compile(r"^(en|eng|english)([-_].*)?$", re.IGNORECASE)
# A container titled with a conference's name keeps it capitalized (a proper name).
_CONFERENCE = lazy_regex.compile(
    r"\b(conference|symposium|workshop|congress|meeting)\b", re.IGNORECASE
)
# A span ends before the next one opens: from each of 4,000 unclosed spans the search ran to the
# end of the title (quadratic: 8 s; issue 15).
_NOCASE_SPAN = lazy_regex.compile(
    r'<span class="nocase">((?:(?!</span>|<span class="nocase">).)*)</span>', re.DOTALL
)
_NOCASE_WHOLE = lazy_regex.compile(r'^<span class="nocase">((?:(?!</span>).)*)</span>$', re.DOTALL)
_SERIAL_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper"})
# A publisher exported in lowercase (`MIT press`) is recased only when it names a publisher;
# `howpublished = {Lecture notes}` also lands in `publisher` and is a description.
_PUBLISHER_WORD = lazy_regex.compile(
    r"\b(press|publishing|publishers?|university|books|verlag|society|association|institute)\b",
    re.IGNORECASE,
)
# Rewrites a librarian makes per style family (rendering/conventions.py), in this order.
_CONVENTIONS = {
    "apa": (
        conventions.article_number_from_page,
        journal_names.apa_journal_name,
        conventions.year_range_dash,
        conventions.data_set_label,
        conventions.conference_paper_as_chapter,
        journal_names.journal_series_dropped,
        conventions.original_date_only,
        conventions.edition_label,
        conventions.unpublished_thesis,
        conventions.report_number_label,
        conventions.description_not_publisher,
        conventions.container_author_not_repeated,
    ),
    "nlm": (
        conventions.nlm_place,
        nlm.proceedings_as_journal,
        journal_names.nlm_journal_abbreviation,
        journal_names.journal_series_dropped,
        nlm.nlm_page_ranges,
        nlm.doi_printed_once,
        nlm.group_after_persons,
        nlm.translators_after_title,
        nlm.proceedings_in_series,
        nlm.chapter_volume,
        nlm.report_number,
        nlm.description_not_publisher,
        conventions.edition_label,
    ),
}


@dataclass(frozen=True)
class StyleRules:
    family: str = ""  # "apa", "nlm" or "" for styles citeconv has no rules for
    after_break: AfterBreak = "upper"
    genres: dict[str, str] = field(default_factory=dict)
    omit_publisher_same_as_author: bool = False


@cache
def rules_for(style_id: str) -> StyleRules:
    for family, row in load_table("title-rules.toml")["styles"].items():
        for pattern in row["match"]:
            if style_id == pattern or (pattern.endswith("-") and style_id.startswith(pattern)):
                return StyleRules(
                    family,
                    row.get("after_break", "upper"),
                    dict(row.get("genres", {})),
                    row.get("publisher_same_as_author") == "omit",
                )
    return StyleRules()


def prepare_item(
    item: dict[str, Any],
    rules: StyleRules,
    mode: TitleCase,
    *,
    english: bool = True,
    journal_form: JournalForm | None = None,
) -> dict[str, Any]:
    """`english`: the output's locale is English, so dates citeconv writes out itself (NLM's
    `2015 Nov` for web pages) may use English month names. `journal_form`: how the style
    prints journal abbreviations (journals.abbreviation_form)."""
    item = with_note_variables(item)
    prepared = conventions.no_space_before_stops(as_newspaper(as_preprint(dict(item))))
    if rules.family != "nlm":  # the NLM file prints a part with no container well
        prepared = conventions.part_without_container(prepared)
        prepared = conventions.number_range_dash(prepared)
    prepared = conventions.drop_month_as_issue(conventions.normalize_edition(prepared))
    if rules.family:
        prepared = journal_names.journal_without_catalog_qualifier(prepared, journal_form)
    prepared = recase_titles(prepared, rules, mode)
    for convention in _CONVENTIONS.get(rules.family, ()):
        prepared = convention(prepared)
    if rules.family == "nlm" and english:
        prepared = nlm.web_date_with_month(prepared)
    if not rules.family and english:  # `Revised` -> `Revised ed.`, as APA and NLM print it
        prepared = conventions.edition_label(prepared)
    prepared = journal_names.short_title_for_style(prepared, journal_form)
    genre = prepared.get("genre")
    if isinstance(genre, str) and genre in rules.genres:
        prepared["genre"] = rules.genres[genre]
    if rules.omit_publisher_same_as_author and _publisher_is_author(prepared):
        del prepared["publisher"]
    for role in ("author", "editor"):
        if isinstance(prepared.get(role), list):
            prepared[role] = mark_others(prepared[role])
    return {key: _for_engine(key, value) for key, value in prepared.items()}


def _for_engine(key: str, value: Any) -> Any:
    """Every value citeproc-py may print with its `& < >` hidden (markup.py), so the output
    escapes them: titles typeset, identifiers and addresses exact, names and dates as they are."""
    if key in _UNPRINTED:
        return value
    if isinstance(value, str):
        return hide_specials(value) if key in VERBATIM else _typeset(value)
    if isinstance(value, list):
        return [_within(part) for part in value]
    if isinstance(value, dict):
        return _within(value)
    return value


def _within(value: Any) -> Any:
    """A name or date (or a list of strings): its strings with markup hidden, not typeset."""
    if isinstance(value, str):
        return hide_markup(value)
    if isinstance(value, list):
        return [_within(part) for part in value]
    if isinstance(value, dict):
        return {key: _within(part) for key, part in value.items()}
    return value


def as_preprint(item: dict[str, Any]) -> dict[str, Any]:
    """An e-print (`archive` arXiv + `archive_location` id) is a CSL preprint (`article`) whose
    number is `arXiv:ID` and publisher the server, as APA 7 §10.8 and NLM cite preprints."""
    server = PREPRINT_SERVERS.get(str(item.get("archive", "")).casefold())
    identifier = item.get("archive_location")
    if server is None or not identifier or item.get("type") not in {"article", "document"}:
        return item
    item = {k: v for k, v in item.items() if k not in {"archive", "archive_location"}}
    item.update(type="article", publisher=item.get("publisher", server))
    item.setdefault("number", f"{server}:{identifier}")
    return item


def as_newspaper(item: dict[str, Any]) -> dict[str, Any]:
    """A BibTeX @article dated to the day with no volume, issue, pages or DOI is a newspaper or
    magazine piece: APA then prints the full date and NLM the unabbreviated title. A DOI marks
    a journal article published ahead of print (Zotero exports those with full dates); a
    piece with no newspaper named is left as it is (fixture date_RangeDelimiter)."""
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    if item.get("type") != "article-journal" or len(parts[0]) < 3:
        return item
    if not item.get("container-title"):
        return item
    if any(item.get(variable) for variable in ("volume", "issue", "page", "DOI")):
        return item
    item = {k: v for k, v in item.items() if k != "container-title-short"}
    item["type"] = "article-newspaper"
    return item


def recase_titles(item: dict[str, Any], rules: StyleRules, mode: TitleCase) -> dict[str, Any]:
    if mode != "keep" and isinstance(item.get("container-title"), str):
        item["container-title"] = protect_foreign(item["container-title"])
    if mode == "keep" or (mode == "auto" and not rules.family) or not _is_english(item):
        return item
    phrases = proper_phrases() | _corporate_names(item)
    variables = _sentence_case_variables(item, rules)
    titles = [item[v] for v in variables if isinstance(item.get(v), str)]
    in_title_case = any(looks_like_title_case(_unbraced(title)) for title in titles)
    for variable in variables:
        value = item.get(variable)
        if isinstance(value, str):
            short = in_title_case and _capitalized_throughout(value)
            item[variable] = _recase_title(value, rules, "sentence" if short else mode, phrases)
    for variable in _name_like_variables(item):
        value = item.get(variable)
        if isinstance(value, str) and looks_lowercase(value):
            item[variable] = to_title_case(value)
    return item


def _recase_title(value: str, rules: StyleRules, mode: TitleCase, phrases: frozenset[str]) -> str:
    """One title in the style's sentence case. A title wholly in braces (Mendeley writes
    `{{Title}}` for every entry) is judged by what is inside the braces."""
    wrapped = _NOCASE_WHOLE.match(value)
    inner = wrapped.group(1) if wrapped else value
    inner = unbrace_words(inner)  # braces on every capitalized word protect nothing
    # Braced proper nouns count as capitalized words (`The {Puritan} Ethic and the {American
    # Revolution}` is Title Case); the braces still keep them capitalized.
    if (
        mode == "sentence"
        or looks_like_title_case(inner)
        or looks_like_title_case(_unbraced(inner))
    ):
        value = to_sentence_case(protect_phrases(inner, phrases), rules.after_break)
    if rules.after_break == "upper":
        return capitalize_after_breaks(value)
    whole = _NOCASE_WHOLE.match(value)
    if whole:  # `{{Tximeta: Reference sequence}}`: braces for the whole title, not its subtitle
        return f'<span class="nocase">{lower_after_breaks(whole.group(1))}</span>'
    return lower_after_breaks(value)


def _unbraced(title: str) -> str:
    return _NOCASE_SPAN.sub(r"\1", title)


def _capitalized_throughout(title: str) -> bool:
    """A title too short for looks_like_title_case (`Coping and Emotion`) whose every longer
    word is capitalized: Title Case when the work's other title is (the file's convention)."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", _unbraced(title))[1:] if len(w) > 3]
    return bool(words) and all(word[0].isupper() for word in words)


def _sentence_case_variables(item: dict[str, Any], rules: StyleRules) -> tuple[str, ...]:
    """Titles of works and of the books that contain them; not a conference's name."""
    item_type = item.get("type", "")
    if _names_a_conference(item):
        return ("title",)
    if item_type in BOOK_CONTAINER_TYPES:
        return ("title", "container-title")
    if item_type == "paper-conference" and item.get("editor"):
        return ("title", "container-title")  # proceedings as an edited book (APA 7 §10.5)
    return ("title",)


def _names_a_conference(item: dict[str, Any]) -> bool:
    """Proceedings with no editors are named after their conference (`PRNI 2014`, `Information
    Processing in Medical Imaging`), as is any container that says `Conference`."""
    if item.get("type") == "paper-conference" and not item.get("editor"):
        return True
    # `Elementary particle theory. {Proceedings of the Eighth Nobel Symposium}`: a book whose
    # protected addon names the conference
    container = str(item.get("container-title", ""))
    whole = _NOCASE_WHOLE.match(container)
    return bool(_CONFERENCE.search(_NOCASE_SPAN.sub(" ", whole.group(1) if whole else container)))


def _name_like_variables(item: dict[str, Any]) -> tuple[str, ...]:
    """Names printed in Title Case: journals, conferences and publishers (`MIT Press`)."""
    names = ["publisher"] if _PUBLISHER_WORD.search(str(item.get("publisher", ""))) else []
    if item.get("type") in _SERIAL_TYPES or _names_a_conference(item):
        names.append("container-title")
    return tuple(names)


def _corporate_names(item: dict[str, Any]) -> frozenset[str]:
    """The work's group authors and publisher, kept capitalized where the title names them
    (`Publication manual of the American Psychological Association`)."""
    names = [
        str(name.get("literal", ""))
        for role in ("author", "editor")
        for name in item.get(role) or []
        if isinstance(name, dict)
    ]
    names.append(str(item.get("publisher", "")))
    # one word only when it is a compound name (`Merriam-Webster`), not a common word
    return frozenset(
        name for name in names if len(name.split()) > 1 or re.search(r"\w-[A-Z]", name)
    )


def _is_english(item: dict[str, Any]) -> bool:
    language = item.get("language")
    return not isinstance(language, str) or not language.strip() or bool(_ENGLISH.match(language))


def _publisher_is_author(item: dict[str, Any]) -> bool:
    authors = item.get("author")
    publisher = item.get("publisher")
    if not isinstance(authors, list) or len(authors) != 1 or not isinstance(publisher, str):
        return False
    return str(authors[0].get("literal", "")).casefold() == publisher.casefold()


def _typeset(value: str) -> str:
    """Typewriter apostrophes and quotes become typographic ones, as citeproc-js prints them."""
    if "'" in value:  # all three patterns need one (issue 12: speed)
        value = _OPENING_QUOTE.sub(
            "\u2018", _ELISION.sub("\u2019", _CLOSING_QUOTE.sub("\u2019", value))
        )
    return hide_markup(value)
