"""The declarative field table: BibTeX/BibLaTeX field -> CSL variable and the converter to use.

Converters (see normalize/__init__.py): `rich` keeps markup and case protection, `text` is plain
Unicode, `verbatim` is copied untouched (URLs, DOIs: BibLaTeX manual §2.2.2 "verbatim fields"),
`pages`, `doi`, `names`, `integer`.
"""

from __future__ import annotations

BIBLATEX_TO_CSL_FIELD: dict[str, tuple[str, str]] = {
    "title": ("title", "rich"),
    "shorttitle": ("title-short", "rich"),
    "journal": ("container-title", "rich"),
    "journaltitle": ("container-title", "rich"),
    "booktitle": ("container-title", "rich"),
    "shortjournal": ("container-title-short", "text"),
    "journalabbrev": ("container-title-short", "text"),
    "journal-abbrev": ("container-title-short", "text"),
    "series": ("collection-title", "rich"),
    "volume": ("volume", "text"),
    "volumes": ("number-of-volumes", "text"),
    "number": ("issue", "text"),
    "issue": ("issue", "text"),
    "pages": ("page", "pages"),
    "pagetotal": ("number-of-pages", "text"),
    "eid": ("number", "text"),
    "edition": ("edition", "text"),
    "chapter": ("chapter-number", "text"),
    "publisher": ("publisher", "text"),
    "institution": ("publisher", "text"),
    "school": ("publisher", "text"),
    "organization": ("publisher", "text"),
    "address": ("publisher-place", "text"),
    "location": ("publisher-place", "text"),
    "doi": ("DOI", "doi"),
    "url": ("URL", "verbatim"),
    "issn": ("ISSN", "text"),
    "isbn": ("ISBN", "text"),
    "abstract": ("abstract", "text"),
    "keywords": ("keyword", "text"),
    "note": ("note", "text"),
    "addendum": ("note", "text"),
    "annote": ("annote", "text"),
    "annotation": ("annote", "text"),
    "language": ("language", "text"),
    "langid": ("language", "text"),
    "pmid": ("PMID", "verbatim"),
    "pmcid": ("PMCID", "verbatim"),
    "type": ("genre", "text"),
    "version": ("version", "text"),
    "eventtitle": ("event-title", "rich"),
    "venue": ("event-place", "text"),
    "author": ("author", "names"),
    "editor": ("editor", "names"),
    "translator": ("translator", "names"),
    "bookauthor": ("container-author", "names"),
    "director": ("director", "names"),
    "holder": ("author", "names"),
}

# Some fields mean something else for some types: (field, BibTeX type) -> CSL variable.
FIELD_BY_TYPE: dict[tuple[str, str], str] = {
    ("number", "report"): "number",
    ("number", "techreport"): "number",
    ("number", "patent"): "number",
    ("number", "standard"): "number",
    ("number", "book"): "collection-number",
    ("number", "inbook"): "collection-number",
    ("number", "incollection"): "collection-number",
    ("number", "inproceedings"): "collection-number",
    ("number", "proceedings"): "collection-number",
    ("number", "collection"): "collection-number",
    ("title", "periodical"): "container-title",
}

# Fields read elsewhere (dates, cross-references) or that are bookkeeping with no CSL home.
HANDLED_ELSEWHERE: frozenset[str] = frozenset(
    """year month date urldate crossref xref xdata subtitle titleaddon eprint eprinttype
    archiveprefix primaryclass eprintclass howpublished""".split()
)
BOOKKEEPING_FIELDS: frozenset[str] = frozenset(
    """file owner timestamp date-added date-modified bdsk-url-1 bdsk-url-2 bdsk-file-1 adsurl
    adsnote mendeley-tags mendeley-groups pdf key sortkey keywords-plus
    citeulike-article-id citeulike-linkout-0 posted-at priority local-url""".split()
)
