"""A journal's name and abbreviation as each style family prints them.

APA 7 prints the journal's own name (`The Lancet`, not PubMed's `Lancet (London, England)`);
NLM the NLM Catalog abbreviation, else ISO 4 without periods; styles that print ISO 4 with
periods (IEEE, Nature, ACS, ...) get them. Pure functions of the item; tables in styles/.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from citeconv import journals, lazy_regex
from citeconv.journals import JournalForm
from citeconv.project_data import load_table

_SERIAL_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper"})
_TAGS = lazy_regex.compile(r"<[^<>]+>")


@lru_cache(maxsize=8)
def journal_form(style_path: str, locale: str | None) -> JournalForm | None:
    """How the style prints journal abbreviations, read from the style file itself."""
    from citeconv.rendering.citeproc import load_style

    root = load_style(style_path, locale).root
    return journals.abbreviation_form(
        dict(element.attrib) for element in root.iter() if str(element.tag).endswith("}text")
    )


def journal_without_catalog_qualifier(
    item: dict[str, Any], form: JournalForm | None
) -> dict[str, Any]:
    """The journal's own name, as APA and NLM print it: `Lancet`, `BMJ`, `ACM Transactions on
    Reconfigurable Technology and Systems` (no `(TRETS)`). Its abbreviation, derived from the
    qualified title when the file was read, is derived again if the style prints one (`form`);
    APA does not, and loading the ISO 4 tables for nothing costs a short run 10 ms."""
    title = item.get("container-title")
    if item.get("type") not in _SERIAL_TYPES or not isinstance(title, str):
        return item
    name = journals.bare_journal_title(title)
    if name == title or not name:
        return item
    item = {**item, "container-title": name}
    if form is not None and item.get("container-title-short"):
        item["container-title-short"] = journals.abbreviate_journal(_TAGS.sub("", name)) or name
    return item


def nlm_journal_abbreviation(item: dict[str, Any]) -> dict[str, Any]:
    """NLM Catalog abbreviations where ISO 4 differs (`Proc Natl Acad Sci U S A`, `JAMA`,
    `PLoS One`); words ISO 4 tooling truncates (`Heal` -> `Health`); Google Scholar's
    lowercase journal names (`nature`, `J mach learn res`) capitalized; no periods."""
    if item.get("type") not in _SERIAL_TYPES:
        return item
    title = item.get("container-title")
    if not isinstance(title, str):
        return item
    tables = journals.journal_tables()
    short = tables.catalog.get(journals.catalog_key(title)) or item.get("container-title-short")
    if item.get("type") == "article-magazine":
        # Citing Medicine has no format of its own for magazines: cited as journals (ch. 1),
        # abbreviated; the CSL file prints their full title and drops the month otherwise.
        item = {**item, "type": "article-journal"}
        short = short or journals.abbreviate_journal(_TAGS.sub("", title))
    if not isinstance(short, str):
        return item
    short = journals.nlm_form(journals.mend_words(short, title, tables))
    return {**item, "container-title-short": short}


def short_title_for_style(item: dict[str, Any], form: JournalForm | None) -> dict[str, Any]:
    """The abbreviation the style prints: a user's `shortjournal` only when it abbreviates the
    title (not a siglum such as `AW`), else ISO 4; with periods for ISO 4 styles."""
    short, title = item.get("container-title-short"), item.get("container-title")
    if form is None or not isinstance(short, str) or not isinstance(title, str):
        return item
    if item.get("type") not in _SERIAL_TYPES:
        return item
    plain_title = _TAGS.sub("", title)
    if not journals.abbreviates(short, plain_title):
        derived = journals.abbreviate_journal(plain_title)
        if derived is None:
            return {k: v for k, v in item.items() if k != "container-title-short"}
        short = derived
    if form == "iso4":
        short = journals.with_periods(short, journals.bare_journal_title(plain_title))
    return {**item, "container-title-short": short}


@cache
def _apa_journal_names() -> dict[str, str]:
    return dict(load_table("title-rules.toml")["styles"]["apa"].get("journals", {}))


def apa_journal_name(item: dict[str, Any]) -> dict[str, Any]:
    """The journal's own name for PubMed catalog titles (`Lancet` -> `The Lancet`)."""
    title = item.get("container-title")
    if item.get("type") not in _SERIAL_TYPES or not isinstance(title, str):
        return item
    name = _apa_journal_names().get(" ".join(title.split()).casefold())
    return {**item, "container-title": name} if name else item


def journal_series_dropped(item: dict[str, Any]) -> dict[str, Any]:
    """A journal's series (`series = {3}`, the hub's `collection-title`) is not printed by APA
    7 (§9.25: title, volume, issue, pages) nor NLM, whose CSL file glued it to the volume
    (`William Mary Q. 1958;315:168-90` for series 3, volume 15)."""
    if item.get("type") not in _SERIAL_TYPES or not item.get("collection-title"):
        return item
    return {k: v for k, v in item.items() if k not in {"collection-title", "collection-number"}}
