"""The hub: CSL-JSON items as plain dicts, their TypedDicts and the CSL 1.0.2 vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Required, TypedDict

from citeconv.diagnostics import SourceSpan

CslName = TypedDict(
    "CslName",
    {
        "family": str,
        "given": str,
        "non-dropping-particle": str,
        "dropping-particle": str,
        "suffix": str,
        "literal": str,
        "comma-suffix": bool,
    },
    total=False,
)

CslDate = TypedDict(
    "CslDate",
    {"date-parts": list[list[int]], "season": int, "circa": bool, "literal": str, "raw": str},
    total=False,
)


class CslItem(TypedDict, total=False):
    id: Required[str]
    type: Required[str]


# Items carry any CSL variable besides id and type; code reads them with .get() and Any values.
CslValue = Any

# CSL 1.0.2 item types, as in the official csl-data.json schema.
CSL_TYPES: frozenset[str] = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia event
    figure graphic hearing interview legal_case legislation manuscript map motion_picture
    musical_score pamphlet paper-conference patent performance periodical
    personal_communication post post-weblog regulation report review review-book software
    song speech standard thesis treaty webpage""".split()
)

NAME_VARIABLES: frozenset[str] = frozenset(
    """author chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director executive-producer guest host interviewer
    illustrator narrator organizer original-author performer producer recipient
    reviewed-author script-writer series-creator translator""".split()
)

DATE_VARIABLES: frozenset[str] = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)

STANDARD_VARIABLES: frozenset[str] = frozenset(
    """abstract annote archive archive_collection archive_location archive-place authority
    call-number chapter-number citation-number citation-label collection-number
    collection-title container-title container-title-short dimensions division DOI edition
    event event-title event-place first-reference-note-number genre ISBN ISSN issue
    jurisdiction keyword locator medium note number number-of-pages number-of-volumes
    original-publisher original-publisher-place original-title page page-first part
    part-title PMCID PMID printing publisher publisher-place references reviewed-genre
    reviewed-title scale section source status supplement title title-short URL version
    volume volume-title volume-title-short year-suffix""".split()
)

CSL_VARIABLES: frozenset[str] = (
    frozenset({"id", "type", "citation-key", "categories", "language", "custom"})
    | NAME_VARIABLES
    | DATE_VARIABLES
    | STANDARD_VARIABLES
)


@dataclass(frozen=True)
class Bibliography:
    """What every reader returns and every writer takes: hub items plus where each came from."""

    items: tuple[CslItem, ...]
    spans: dict[str, SourceSpan] = field(default_factory=dict)  # item id -> span

    def span_of(self, item_id: str) -> SourceSpan | None:
        return self.spans.get(item_id)
