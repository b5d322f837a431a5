"""What each CSL item type needs for APA 7 and Vancouver to print a usable reference.

Each rule is a tuple of alternatives: any one of them present satisfies it. The names users
recognise are the BibTeX fields, so messages name them too.
"""

from __future__ import annotations

Requirement = tuple[str, ...]

_WORK = (("author", "editor"), ("title",), ("issued",))

REQUIRED: dict[str, tuple[Requirement, ...]] = {
    "article-journal": (("author",), ("title",), ("container-title",), ("issued",)),
    "article-magazine": (("author",), ("title",), ("container-title",), ("issued",)),
    "article-newspaper": (("title",), ("container-title",), ("issued",)),
    "book": (*_WORK, ("publisher",)),
    "chapter": (("author",), ("title",), ("container-title",), ("issued",), ("publisher",)),
    "paper-conference": (("author",), ("title",), ("container-title",), ("issued",)),
    "thesis": (("author",), ("title",), ("issued",), ("publisher",)),
    "report": (("author", "editor", "publisher"), ("title",), ("issued",)),
    "collection": (("editor", "author"), ("title",), ("issued",)),
    "webpage": (("title",), ("URL",)),
    "software": (("title",),),
    "dataset": (("title",),),
}
DEFAULT_REQUIRED: tuple[Requirement, ...] = (("title",),)

# CSL variable -> the BibTeX/BibLaTeX fields that fill it, for messages.
BIBTEX_NAMES: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "title": "title",
    "container-title": "journal / booktitle",
    "issued": "year / date",
    "publisher": "publisher / school / institution",
    "URL": "url",
}

# Publication years outside this span are almost always typos (`20019`, `201`) or page numbers.
PLAUSIBLE_YEARS = range(1400, 2101)
