"""The declarative field table: BibTeX/BibLaTeX field -> CSL variable and the converter to use.

Converters (see normalize/__init__.py): `rich` keeps markup and case protection, `text` is plain
Unicode, `verbatim` is copied untouched (URLs, DOIs: BibLaTeX manual §2.2.2 "verbatim fields"),
`pages`, `doi`, `names`, `integer`.
"""

from __future__ import annotations

BIBLATEX_TO_CSL_FIELD: dict[str, tuple[str, str]] = {
    "title": ("title", "rich"),
    "shorttitle": ("title-short", "rich"),
    "journaltitle": ("container-title", "rich"),
    "journal": ("container-title", "rich"),
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
    "articleno": ("number", "text"),  # ACM's article number (APA 7 §9.27: `Article 71`)
    "article-number": ("number", "text"),  # Web of Science exports
    "edition": ("edition", "text"),
    "chapter": ("chapter-number", "text"),
    "publisher": ("publisher", "text"),
    "institution": ("publisher", "text"),
    "school": ("publisher", "text"),
    "organization": ("publisher", "text"),
    "address": ("publisher-place", "text"),
    "location": ("publisher-place", "text"),
    "doi": ("DOI", "doi"),
    "number-of-pages": ("number-of-pages", "text"),
    "origlocation": ("original-publisher-place", "text"),
    "origpublisher": ("original-publisher", "text"),
    "origtitle": ("original-title", "rich"),
    "eventtitleaddon": ("event-title", "rich"),
    "library": ("archive", "text"),
    "archive": ("archive", "text"),
    "callnumber": ("call-number", "text"),
    "part": ("part", "text"),
    "nationality": ("jurisdiction", "text"),
    "url": ("URL", "url"),
    "issn": ("ISSN", "issn"),
    "isbn": ("ISBN", "isbn"),
    "abstract": ("abstract", "text"),
    "keywords": ("keyword", "text"),
    "annote": ("annote", "text"),
    "annotation": ("annote", "text"),
    "langid": ("language", "language"),
    "hyphenation": ("language", "language"),
    "language": ("language", "language"),
    "pmid": ("PMID", "verbatim"),
    "pmcid": ("PMCID", "verbatim"),
    "type": ("genre", "genre"),
    "version": ("version", "text"),
    "pubstate": ("status", "status"),
    "eventtitle": ("event-title", "rich"),
    "venue": ("event-place", "text"),
    "author": ("author", "names"),
    "editor": ("editor", "names"),
    "translator": ("translator", "names"),
    "bookauthor": ("container-author", "names"),
    "director": ("director", "names"),
    "holder": ("author", "names"),
    "editora": ("editor", "names"),  # or the role its `editoratype` names (EDITOR_ROLES)
    "editorb": ("editor", "names"),
    "editorc": ("editor", "names"),
    "annotator": ("contributor", "names"),
    "commentator": ("contributor", "names"),
    "collaborator": ("contributor", "names"),
    "introduction": ("contributor", "names"),
    "foreword": ("contributor", "names"),
    "afterword": ("contributor", "names"),
}

# biblatex's `editoratype` (and `editorbtype`, `editorctype`) roles -> CSL name variables.
EDITOR_ROLES: dict[str, str] = {
    "editor": "editor",
    "redactor": "editor",
    "reviser": "editor",
    "translator": "translator",
    "compiler": "compiler",
    "director": "director",
    "organizer": "organizer",
    "producer": "producer",
    "curator": "curator",
    "chair": "chair",
    "illustrator": "illustrator",
    "collaborator": "contributor",
    "founder": "contributor",
    "continuator": "contributor",
}

# Some fields mean something else for some types: (field, BibTeX type) -> CSL variable.
FIELD_BY_TYPE: dict[tuple[str, str], str] = {
    ("number", "report"): "number",
    ("number", "techreport"): "number",
    ("number", "patent"): "number",
    ("number", "standard"): "number",
    ("number", "dataset"): "number",
    ("number", "legislation"): "number",
    ("number", "jurisdiction"): "number",
    ("number", "manual"): "number",
    ("number", "software"): "number",
    ("number", "thesis"): "number",
    ("number", "mvbook"): "collection-number",
    ("number", "bookinbook"): "collection-number",
    ("number", "mvcollection"): "collection-number",
    ("number", "book"): "collection-number",
    ("number", "inbook"): "collection-number",
    ("number", "incollection"): "collection-number",
    ("number", "inproceedings"): "collection-number",
    ("number", "proceedings"): "collection-number",
    ("number", "collection"): "collection-number",
    # A book's own `booktitle` is only there for its crossref children (biblatex ignores it).
    **{
        ("booktitle", kind): ""
        for kind in """book mvbook collection mvcollection proceedings
    mvproceedings reference mvreference periodical""".split()
    },
}

# Fields read elsewhere (dates, cross-references) or that are bookkeeping with no CSL home.
HANDLED_ELSEWHERE: frozenset[str] = frozenset(
    """year month day date urldate eventdate origdate origyear crossref xref xdata subtitle
    titleaddon
    maintitle booksubtitle booktitleaddon mainsubtitle maintitleaddon journalsubtitle
    issuetitle issuesubtitle
    eprint eprinttype archiveprefix howpublished note addendum
    ids entryset editoratype editorbtype editorctype""".split()
)

# The `type` field names a genre; BibLaTeX's localisation keys become what styles print.
GENRE_KEYS: dict[str, str] = {
    "phdthesis": "Doctoral dissertation",
    "mathesis": "Master's thesis",
    "mastersthesis": "Master's thesis",
    "bathesis": "Bachelor's thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
    "software": "Computer software",
    "datacd": "CD-ROM",
    "audiocd": "Audio CD",
    "patent": "Patent",
    "patentus": "U.S. patent",
    "patenteu": "European patent",
    "patentde": "German patent",
    "patentuk": "British patent",
    "patentfr": "French patent",
    "patrequs": "U.S. patent request",
}
# A `type` written out (`PhD thesis`, `Ph.D. dissertation`, `MSc thesis`) -> the genre key.
THESIS_GENRES: tuple[tuple[str, str], ...] = (
    (r"(?:ph\.?\s?d\.?|doctoral|doctorate|dr\.?)\s*(?:thesis|dissertation)", "phdthesis"),
    (r"(?:master'?s?|m\.?\s?sc?\.?|m\.?\s?a\.?)\s*(?:thesis|dissertation)", "mathesis"),
)
# BibLaTeX `pubstate` keys -> the words styles print (biblatex localisation strings).
STATUS_KEYS: dict[str, str] = {
    "inpress": "in press",
    "inpreparation": "in preparation",
    "forthcoming": "forthcoming",
    "submitted": "submitted",
    "prepublished": "prepublished",
}
# Entry types for which `type` is an exporter's label ("Journal Article"), not a genre.
TYPE_FIELD_IGNORED: frozenset[str] = frozenset(
    "article book inbook incollection inproceedings conference proceedings collection".split()
)

# langid / language -> BCP 47 (babel and polyglossia names, and ISO 639-2 codes Zotero writes).
LANGUAGE_TAGS: dict[str, str] = {
    "english": "en",
    "american": "en-US",
    "USenglish": "en-US",
    "british": "en-GB",
    "UKenglish": "en-GB",
    "canadian": "en-CA",
    "australian": "en-AU",
    "newzealand": "en-NZ",
    "german": "de",
    "ngerman": "de",
    "austrian": "de-AT",
    "naustrian": "de-AT",
    "swissgerman": "de-CH",
    "nswissgerman": "de-CH",
    "french": "fr",
    "francais": "fr",
    "spanish": "es",
    "catalan": "ca",
    "italian": "it",
    "portuguese": "pt",
    "portuges": "pt",
    "brazilian": "pt-BR",
    "dutch": "nl",
    "danish": "da",
    "norwegian": "nb",
    "norsk": "nb",
    "nynorsk": "nn",
    "swedish": "sv",
    "finnish": "fi",
    "icelandic": "is",
    "polish": "pl",
    "czech": "cs",
    "slovak": "sk",
    "slovene": "sl",
    "croatian": "hr",
    "serbian": "sr",
    "bulgarian": "bg",
    "russian": "ru",
    "ukrainian": "uk",
    "greek": "el",
    "latin": "la",
    "turkish": "tr",
    "hungarian": "hu",
    "magyar": "hu",
    "romanian": "ro",
    "estonian": "et",
    "latvian": "lv",
    "lithuanian": "lt",
    "hebrew": "he",
    "arabic": "ar",
    "japanese": "ja",
    "chinese": "zh",
    "korean": "ko",
    "eng": "en",
    "ger": "de",
    "deu": "de",
    "fre": "fr",
    "fra": "fr",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "rus": "ru",
    "dut": "nl",
    "nld": "nl",
    "jpn": "ja",
    "chi": "zh",
    "zho": "zh",
    "kor": "ko",
    "pol": "pl",
    "swe": "sv",
}
BOOKKEEPING_FIELDS: frozenset[str] = frozenset(
    """file owner timestamp date-added date-modified bdsk-url-1 bdsk-url-2 bdsk-file-1 adsurl
    adsnote mendeley-tags mendeley-groups pdf key sortkey keywords-plus
    citeulike-article-id citeulike-linkout-0 posted-at priority local-url""".split()
)
