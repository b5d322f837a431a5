"""The Python API: bibliographies in memory, in and out. Never prints, warns or exits.

    >>> import citeconv
    >>> result = citeconv.convert(bibtex_text, to="apa")
    >>> result.value                      # the bibliography, one entry per line
    >>> [citeconv.format_diagnostic(d) for d in result.diagnostics]

Each function returns a `Result`: the value plus the diagnostics (an entry skipped, a field
dropped, a date kept as text), the same ones the command line prints. A fatal problem (an
unknown style, markup or locale; a broken .csl file; JSON that is not CSL-JSON) raises a
`CiteconvError` subclass instead, whose `exit_code` is the command line's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast, get_args

from citeconv import lazy_regex
from citeconv.csl import CslItem
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan
from citeconv.errors import InvalidArgument, UnknownFormat, UnreadableInput
from citeconv.formats import Markup, ReadOptions, TitleCase, WriteOptions, find_reader, find_writer
from citeconv.pipeline import Source, read_all
from citeconv.pipeline import convert as run_conversion
from citeconv.readers.encoding import remove_controls

if TYPE_CHECKING:
    from citeconv.rendering.clusters import Cluster, RenderedCitations

__all__ = ["cite", "convert", "read", "render"]

_SURROGATE = lazy_regex.compile("[\ud800-\udfff]")


def convert(
    text: str,
    to: str = "apa",
    markup: Markup = "text",
    *,
    locale: str | None = None,
    input_format: str = "bibtex",
    title_case: TitleCase = "auto",
    abbreviate: bool = True,
    keep_unmapped: bool = False,
    source: str = "<string>",
) -> Result[str]:
    """BibTeX/BibLaTeX (or RIS, CSL-JSON) text -> a bibliography in a style, RIS or CSL-JSON.

    `to` takes what `citeconv convert --to` takes: `apa`, `vancouver`, any installed CSL style
    id, a path to a .csl file, `ris` or `csl-json`. `source` names the text in diagnostics.
    """
    _require_text(text=text, to=to, input_format=input_format, source=source)
    _require_text_or_none(locale=locale)
    reader = find_reader(input_format)
    writer = find_writer(to)
    read_options = _read_options(abbreviate, keep_unmapped)
    write_options = _write_options(markup, locale, title_case)
    text, repaired = _valid_unicode(text, source)
    converted = run_conversion([Source(text, source)], reader, writer, read_options, write_options)
    return Result(converted.value, repaired + converted.diagnostics)


def read(
    text: str,
    *,
    input_format: str = "bibtex",
    abbreviate: bool = True,
    keep_unmapped: bool = False,
    source: str = "<string>",
) -> Result[list[CslItem]]:
    """Text -> CSL-JSON items (plain dicts, as the CSL-JSON schema spells them)."""
    _require_text(text=text, input_format=input_format, source=source)
    text, repaired = _valid_unicode(text, source)
    hub = read_all(
        [Source(text, source)], find_reader(input_format), _read_options(abbreviate, keep_unmapped)
    )
    return Result(list(hub.value.items), repaired + hub.diagnostics)


def _valid_unicode(text: str, source: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """A str from Python may hold lone surrogates (`"\\ud800"`), which no file can: they
    would reach the output, which then cannot be written as UTF-8 (issue 15). U+FFFD instead,
    with a warning at the first one."""
    text, removed = remove_controls(text, source)  # as from a file (readers/encoding.py)
    first = _SURROGATE.search(text)
    if first is None:
        return text, removed
    line = text.count("\n", 0, first.start()) + 1
    message = "text with a lone surrogate (invalid Unicode); replaced by U+FFFD"
    warning = Diagnostic(Severity.WARNING, Code.ENCODING, message, SourceSpan(source, line))
    return _SURROGATE.sub("\ufffd", text), (*removed, warning)


def render(
    items: Iterable[Mapping[str, Any]],
    style: str = "apa",
    markup: Markup = "text",
    *,
    locale: str | None = None,
    title_case: TitleCase = "auto",
) -> Result[str]:
    """CSL-JSON items (from `read`, or built by hand) -> a bibliography in `style`.

    Items pass the same shape check as a CSL-JSON file: one without an `id` is skipped with an
    error diagnostic, an unknown `type` becomes `document` with a warning.
    """
    _require_text(style=style)
    _require_text_or_none(locale=locale)
    if isinstance(items, str | bytes | Mapping):
        raise InvalidArgument(f"items must be a list of CSL items, not {type(items).__name__}")
    try:
        text = json.dumps(list(items), ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise UnreadableInput(f"items are not JSON-compatible CSL data: {error}") from error
    reader = find_reader("csl-json")
    write_options = _write_options(markup, locale, title_case)
    return run_conversion(
        [Source(text, "<items>")], reader, find_writer(style), ReadOptions(), write_options
    )


def cite(
    items: Iterable[Mapping[str, Any]],
    clusters: Sequence[Cluster],
    style: str = "apa",
    *,
    locale: str | None = None,
) -> Result[RenderedCitations]:
    """CSL-JSON items + a document's citation clusters, in document order -> each cluster
    rendered (HTML) and the reference list of the cited works (HTML per entry).

        >>> from citeconv import CiteItem, Cluster
        >>> citeconv.cite(items, [Cluster((CiteItem("doe2020", locator="12"),))], "apa")

    Positions (ibid, subsequent, ...), disambiguation and collapsing span all the clusters."""
    from citeconv.rendering.clusters import render_clusters

    _require_text(style=style)
    _require_text_or_none(locale=locale)
    _require_clusters(clusters)
    return render_clusters(list(items), clusters, style, locale=locale)


def _require_clusters(clusters: object) -> None:
    """`clusters` as documented: a list of Cluster, each a tuple of CiteItem with text fields."""
    from citeconv.rendering.clusters import CiteItem, Cluster

    if not isinstance(clusters, list | tuple):
        raise InvalidArgument(f"clusters must be a list of Cluster, not {type(clusters).__name__}")
    for number, cluster in enumerate(clusters, start=1):
        if not isinstance(cluster, Cluster) or not isinstance(cluster.items, list | tuple):
            kind = type(cluster).__name__
            raise InvalidArgument(f"cluster {number} must be a Cluster of CiteItem, not {kind}")
        if isinstance(cluster.note_index, bool) or not isinstance(cluster.note_index, int):
            raise InvalidArgument(f"cluster {number}: note_index must be an int")
        for cite in cluster.items:
            if not isinstance(cite, CiteItem):
                kind = type(cite).__name__
                raise InvalidArgument(f"cluster {number} must hold CiteItem, not {kind}")
            _require_text(id=cite.id)
            _require_text_or_none(
                locator=cite.locator, label=cite.label, prefix=cite.prefix, suffix=cite.suffix
            )


def _require_text(**arguments: object) -> None:
    """Wrong types are a usage error with the argument's name, never a TypeError from inside."""
    for name, value in arguments.items():
        if not isinstance(value, str):
            raise InvalidArgument(f"{name} must be a str, not {type(value).__name__}")


def _require_text_or_none(**arguments: object) -> None:
    _require_text(**{name: value for name, value in arguments.items() if value is not None})


def _read_options(abbreviate: bool, keep_unmapped: bool) -> ReadOptions:
    abbreviator = None
    if abbreviate:
        from citeconv.journals import abbreviate_journal

        abbreviator = abbreviate_journal
    return ReadOptions(keep_unmapped=keep_unmapped, abbreviate=abbreviator)


def _write_options(markup: str, locale: str | None, title_case: str) -> WriteOptions:
    if markup not in get_args(Markup):
        raise UnknownFormat(f"unknown markup '{markup}'; one of: {', '.join(get_args(Markup))}")
    if title_case not in get_args(TitleCase):
        choices = ", ".join(get_args(TitleCase))
        raise UnknownFormat(f"unknown title case '{title_case}'; one of: {choices}")
    if locale is not None:
        from citeconv.locales import resolve_locale

        locale = resolve_locale(locale)
    return WriteOptions(
        markup=cast(Markup, markup), locale=locale, title_case=cast(TitleCase, title_case)
    )
