"""The hub -> a bibliography in any CSL style, one entry per line, in the style's order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import PurePath
from typing import Any, cast

from citeconv import lazy_regex
from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Diagnostic, Result
from citeconv.errors import CiteconvError, InvalidStyle
from citeconv.forked_map import forked_map
from citeconv.formats import Markup, TitleCase, WriteOptions
from citeconv.journals import JournalForm
from citeconv.rendering import citeproc, conventions, nlm, parallel
from citeconv.rendering.columns import html_entry, one_line
from citeconv.rendering.disambiguation import add_year_suffixes
from citeconv.rendering.engine_output import reason_of, render_failure
from citeconv.rendering.journal_names import journal_form
from citeconv.rendering.markup import html_to_pandoc, html_to_plain_output, restore_html
from citeconv.rendering.markup_latex import html_to_latex
from citeconv.rendering.markup_markdown import html_to_markdown
from citeconv.rendering.markup_rst import html_to_rst
from citeconv.rendering.names_etal import others_to_et_al
from citeconv.rendering.prepare import StyleRules, prepare_item, rules_for

# A value ending in `?`, `!` or an abbreviating period takes no period after it (`Can we get
# better at forgetting? The New York Times`, `Phys. Rev. Lett.`); citeproc-js drops it,
# citeproc-py prints `?.` and `Lett..`. An ellipsis (`...`) is left alone.
_DOUBLED_PERIOD = lazy_regex.compile(r"(?<!\.)([?!.])((?:</[^>]+>)*)\.(?!\.)")
# A group's suffix `. ` met by its parent's delimiter `, ` (IEEE's series: `Geschichte, no. 2. ,
# Stuttgart`; citeproc-js prints the same): the delimiter wins, as it does after any field.
_PERIOD_BEFORE_COMMA = lazy_regex.compile(r"\.((?:</[^>]+>)*)[ \t]+(?=,)")
# A term that follows a full stop starts a sentence: IEEE's `Poetics. in Clarendon Aristotle`
# (the series' `in` after a book's title) is `Poetics. In Clarendon Aristotle`.
_IN_AFTER_FULL_STOP = lazy_regex.compile(
    r"(?:(?<=[^\W\d_]{3}\.)|(?<=\d\.)|(?<=</i>\.))((?:</[^>]+>)*) in (?=(?:<[^>]+>)*[A-Z])"
)

# Workers prepare items, and turn rendered entries into lines, only from this many times the
# entries that rendering needs to fork (none under an explicit --jobs N, whose minimum is 0).
PREPARING_MIN_ENTRIES_FACTOR = 5

MARKUPS: dict[Markup, Callable[[str], str]] = {
    "text": html_to_plain_output,
    "html": lambda fragment: f'<div class="csl-entry">{fragment}</div>',
    "markdown": html_to_markdown,
    "pandoc": html_to_pandoc,
    "rst": html_to_rst,
    "latex": html_to_latex,
}


def prepare_items(
    items: Sequence[CslItem], style_path: str, options: WriteOptions
) -> list[dict[str, Any]]:
    """What citeproc-py is handed: style conventions applied, year suffixes, markup hidden."""
    rules = rules_for(PurePath(style_path).stem)
    english = not options.locale or options.locale.casefold().startswith("en")
    form = journal_form(style_path, options.locale)
    prepare = partial(
        _prepared_copy, rules=rules, mode=options.title_case, english=english, journal_form=form
    )
    # Each item alone (title casing is a fifth of an APA run): in workers for a large file.
    # Preparing costs a seventh of rendering per entry, so forking pays only for more entries.
    min_entries = options.parallel_min_entries * PREPARING_MIN_ENTRIES_FACTOR
    prepared = forked_map(prepare, items, options.jobs, min_entries)
    facts = citeproc.style_facts(style_path, options.locale)
    if facts.year_suffix:
        parallelism = parallel.Parallelism(options.jobs, options.parallel_min_entries)
        order = partial(
            parallel.style_order, path=style_path, locale=options.locale, parallelism=parallelism
        )
        texts = partial(
            citeproc.cite_texts,
            path=style_path,
            locale=options.locale,
            jobs=options.jobs,
            min_entries=options.parallel_min_entries,
        )
        prepared = add_year_suffixes(
            prepared, order if facts.bibliography else None, texts, facts.adds_names
        )
    return prepared


def _prepared_copy(
    item: CslItem,
    rules: StyleRules,
    mode: TitleCase,
    english: bool,
    journal_form: JournalForm | None,
) -> dict[str, Any]:
    return prepare_item(dict(item), rules, mode, english=english, journal_form=journal_form)


def finish(
    fragment: str, *, comma_before_et_al: bool, style_path: str, et_al: str = "et al."
) -> str:
    """citeproc-py HTML with our placeholders -> the final HTML fragment."""
    fragment = others_to_et_al(restore_html(fragment), comma_before_et_al, et_al)
    fragment = _PERIOD_BEFORE_COMMA.sub(r"\1", fragment)
    fragment = _IN_AFTER_FULL_STOP.sub(r"\1 In ", fragment)
    fragment = _DOUBLED_PERIOD.sub(r"\1\2", fragment)
    family = rules_for(PurePath(style_path).stem).family
    if family == "apa":
        fragment = fragment.replace(", \u2026 ", ", . . . ")  # APA 7 §9.8: 19 names, . . ., last
        fragment = conventions.finish_apa(fragment)
    elif family == "nlm":
        fragment = nlm.finish_nlm(fragment)
    return fragment


# One entry per line, always: a line break inside a value (a wrapped URL) becomes a space.
# A match starts where blanks begin, never inside a run of them: the same matches, without
# retrying a long run from each of its blanks (quadratic: 40,000 spaces took 14 s; issue 15).
_LINE_BREAKS = lazy_regex.compile(r"(?<!\s)\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")


def _line(html: str, markup: Markup, style_path: str, et_al: str) -> str:
    fragment = finish(html, comma_before_et_al=True, style_path=style_path, et_al=et_al)
    # A second-field-align column: two blocks in HTML, one space elsewhere (`[1] J. Doe`).
    # A line break inside a value (a URL wrapped in the .bib) never splits an entry.
    if markup == "html":
        return _LINE_BREAKS.sub(" ", html_entry(fragment))
    return _LINE_BREAKS.sub(" ", MARKUPS[markup](one_line(fragment)))


def write_styled(bibliography: Bibliography, options: WriteOptions, style_path: str) -> Result[str]:
    """The bibliography in the style; an entry the engine fails on is left out with an error
    (rendering an entry catches its own failure; sorting and citing need the fallback)."""
    try:
        return _write_all(bibliography, options, style_path)
    except CiteconvError:
        raise
    except Exception as error:  # an engine defect, for some entry or entries
        return _write_without_failing(bibliography, options, style_path, error)


def _write_without_failing(
    bibliography: Bibliography, options: WriteOptions, style_path: str, error: Exception
) -> Result[str]:
    """Each entry tried alone, in one process: those the engine fails on are left out with an
    error, and the rest written together. A failure only entries together cause is a broken
    style: exit 4 with its name and the reason, never an internal error. Costs one small run
    per entry, only after the engine failed."""
    alone = replace(options, jobs=1, render_memo=None, progress=None)
    failures: list[Diagnostic] = []
    kept: list[CslItem] = []
    for item in bibliography.items:
        try:
            # Twice, so that sorting compares (and so computes) the entry's sort keys.
            twice = (item, cast(CslItem, {**item, "id": f"{item['id']} (copy)"}))
            _write_all(Bibliography(twice), alone, style_path)
        except CiteconvError:
            raise
        except Exception as failure:
            failures.append(render_failure(reason_of(failure), str(item["id"])))
        else:
            kept.append(item)
    if not failures:
        raise InvalidStyle(
            f"{_style_name(style_path)}: the style engine failed ({reason_of(error)})"
        )
    try:
        written = _write_all(Bibliography(tuple(kept), bibliography.spans), options, style_path)
    except CiteconvError:
        raise
    except Exception as failure:
        raise InvalidStyle(
            f"{_style_name(style_path)}: the style engine failed ({reason_of(failure)})"
        ) from None
    located = tuple(_located(diagnostic, bibliography) for diagnostic in failures)
    return Result(written.value, located + written.diagnostics)


def _style_name(style_path: str) -> str:
    return PurePath(style_path).stem


def _write_all(bibliography: Bibliography, options: WriteOptions, style_path: str) -> Result[str]:
    prepared = prepare_items(bibliography.items, style_path, options)
    entries, diagnostics = parallel.render_bibliography(
        prepared,
        style_path,
        options.locale,
        parallel.Parallelism(options.jobs, options.parallel_min_entries),
        options.render_memo,
    )
    # Each entry's HTML -> its line: a tenth of the serial work of a run, so in workers too.
    et_al = citeproc.style_facts(style_path, options.locale).et_al
    line_of = partial(_line, markup=options.markup, style_path=style_path, et_al=et_al)
    min_entries = options.parallel_min_entries * PREPARING_MIN_ENTRIES_FACTOR
    lines = forked_map(line_of, [entry.html for entry in entries], options.jobs, min_entries)
    # Markdown, reST and LaTeX join adjacent lines into one paragraph: a blank line keeps
    # entries apart.
    separator = "\n\n" if options.markup in ("markdown", "pandoc", "rst", "latex") else "\n"
    located = tuple(_located(diagnostic, bibliography) for diagnostic in diagnostics)
    return Result(separator.join(lines) + "\n" if lines else "", located)


def _located(diagnostic: Diagnostic, bibliography: Bibliography) -> Diagnostic:
    """A style warning names its entry's key; the entry's file and line come from the hub."""
    key = diagnostic.span.key if diagnostic.span else None
    span = bibliography.span_of(key) if key else None
    return replace(diagnostic, span=span) if span is not None else diagnostic
