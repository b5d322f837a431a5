"""Converters named by the field table: one small function per kind of value."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

from citeconv import lazy_regex
from citeconv.normalize.fields import LANGUAGE_TAGS, STATUS_KEYS
from citeconv.normalize.latex import to_rich, to_text

_DOI_PREFIX = lazy_regex.compile(
    r"^(?:https?://(?:dx\.|www\.)?doi\.org/|doi:\s*(?:https?://(?:dx\.)?doi\.org/)?)",
    re.IGNORECASE,
)
# A DOI resolver's link: doi.org, dx.doi.org, doi.acm.org, doi.ieeecomputersociety.org,
# doi.wiley.com, ... (a host under doi.org or whose first label is `doi`), path `10.NNNN/...`.
_RESOLVER_LINK = lazy_regex.compile(
    r"^(?:https?://)?(?:www\.)?(?:(?:[\w-]+\.)*doi\.org|doi\.(?:[\w-]+\.)+[a-z]{2,})(?::\d+)?/"
    r"(?:doi/(?:abs/|full/|pdf/)?)?(?P<doi>10\.\d{4,9}(?:/|%2F).+)$",
    re.IGNORECASE,
)
# A braced part inside a link may hold a braced part itself (`{\\~{}}`, a TeX tilde).
URL_BODY = r"(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*"
_URL_COMMAND = lazy_regex.compile(rf"\\(?:url|href)\s*\{{({URL_BODY})\}}(?:\{{[^{{}}]*\}})?")
_TEX_ESCAPE = lazy_regex.compile(r"\\([%_#&~$])(?:\{\})?")
_ISSN = lazy_regex.compile(r"\b\d{4}-?\d{3}[\dXx]\b")
_ISBN = lazy_regex.compile(r"\b(?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dXx]\b")
_PAGE_DASHES = lazy_regex.compile(r"\s*(?:-{1,3}|\u2013|\u2014|\u2212)+\s*")


def convert_pages(latex: str) -> str:
    """`355--361`, `355–361`, `355 - 361` -> `355-361` (CSL's page range delimiter); `14--14`
    -> `14`."""
    pages = _PAGE_DASHES.sub("-", to_text(latex.replace("--", "-")))
    return ",".join(_one_range(part) for part in pages.split(","))


def _one_range(part: str) -> str:
    """A range whose ends are equal (`14--14`) is one page."""
    first, dash, last = part.partition("-")
    return first if dash and first.strip() and first.strip() == last.strip() else part


def convert_doi(latex: str) -> str:
    """A bare DOI: `\\url{}`, resolver prefixes (`http://dx.doi.org/`, `https://doi.org/`) and
    `doi:` dropped, TeX escapes (`\\_`) decoded; no other LaTeX decoding."""
    link = convert_url(latex)
    return doi_in_link(link) or _DOI_PREFIX.sub("", link).strip()


def doi_in_link(link: str) -> str | None:
    """The DOI a resolver link points to (`http://doi.acm.org/10.1145/1137627.1137631` ->
    `10.1145/1137627.1137631`); None for any other link."""
    found = _RESOLVER_LINK.match(link.strip())
    return unquote(found.group("doi")).strip() if found else None


def convert_url(latex: str) -> str:
    """A link as written, less its `\\url{...}` wrapper and the TeX escapes that would break
    it (`Open\\%20science` -> `Open%20science`; `\\_`, `\\#`, `\\&`, `\\~`, `\\$`)."""
    text = latex.strip()
    wrapped = _URL_COMMAND.fullmatch(text)
    text = (wrapped.group(1) if wrapped else text).strip().strip("{}").strip()
    text = _TEX_ESCAPE.sub(r"\1", text) if "\\" in text else text
    # Braces are TeX's grouping (`{\\~{}}` is a tilde), never part of a link: unescaped in a
    # URL they are not allowed anyway.
    return text.replace("{", "").replace("}", "") if "{" in text or "}" in text else text


def convert_issn(latex: str) -> str:
    """Several ISSNs (`1234-5678 (Electronic) 1234-5679 (Linking)`) -> "1234-5678, 1234-5679"."""
    return _identifiers(latex, _ISSN)


def convert_isbn(latex: str) -> str:
    return _identifiers(latex, _ISBN)


def _identifiers(latex: str, pattern: re.Pattern[str]) -> str:
    text = to_text(latex)
    found = pattern.findall(text)
    if not found:
        return text
    return ", ".join(dict.fromkeys(value.strip() for value in found))


def convert_language(latex: str) -> str:
    """`langid = {english}`, `language = {eng}` -> BCP 47 (`en`); an unknown value is kept."""
    text = to_text(latex)
    return LANGUAGE_TAGS.get(text.strip(), LANGUAGE_TAGS.get(text.strip().lower(), text))


def convert_status(latex: str) -> str:
    """`pubstate = {inpress}` -> "in press"; free text is kept."""
    text = to_text(latex)
    return STATUS_KEYS.get(text.strip().lower(), text)


def convert_verbatim(latex: str) -> str:
    return latex.strip()


CONVERTERS: dict[str, Callable[[str], str]] = {
    "rich": to_rich,
    "text": to_text,
    "verbatim": convert_verbatim,
    "pages": convert_pages,
    "doi": convert_doi,
    "url": convert_url,
    "issn": convert_issn,
    "isbn": convert_isbn,
    "language": convert_language,
    "status": convert_status,
}
