"""Sphinx extension: `extensions = ["citeconv.sphinx"]` in conf.py.

    citeconv_bibliography = ["refs.bib"]   # paths relative to conf.py; BibTeX, RIS or CSL-JSON
    citeconv_style = "apa"                 # what `--to` takes: alias, style id or .csl path
    citeconv_locale = None                 # e.g. "en-GB"; None: the style's own

Roles `:cite:p:` (parenthetical) and `:cite:t:` (author in the text) take keys separated by
commas (`:cite:p:`smith2020,doe2019``) or a pandoc citation (`:cite:p:`see @smith2020, p. 33;
@doe2019``); `.. bibliography::` is replaced by the reference list of every cited work. All
citations of the project are rendered in one engine run once every document is read, in
toctree order, so numbers and year suffixes agree across pages. An unknown key or a broken
cited entry is a Sphinx warning, which `sphinx-build -W` turns into a failure; what is found
about an entry nobody cites is not.

The only module that imports Sphinx and docutils (`pip install citeconv[sphinx]`).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from citeconv.diagnostics import Diagnostic, Severity, format_diagnostic
from citeconv.documents.bibliography import about_cited
from citeconv.documents.citations import Citation, parse_cluster
from citeconv.documents.document import (
    cited_keys,
    printed_nothing,
    render_citations,
    resolve_keys,
)
from citeconv.rendering.clusters import CiteItem
from citeconv.rendering.markup_tree import Element, parse_fragment

logger = logging.getLogger(__name__)


class pending_citation(nodes.Inline, nodes.Element):  # type: ignore[misc]  # docutils: no types
    """A role's citation, replaced once all documents are read."""


class pending_bibliography(nodes.General, nodes.Element):  # type: ignore[misc]
    """Where the reference list goes."""


class CiteRole(SphinxRole):
    def __init__(self, author_in_text: bool) -> None:
        super().__init__()
        self.author_in_text = author_in_text

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        citations = _parse_role(self.text, self.author_in_text, self.lineno)
        if not citations:
            message = f"cannot read the citation '{self.text}' [citeconv.syntax]"
            logger.warning(message, location=self.get_location(), type="citeconv")
            return [nodes.Text(self.rawtext)], []
        cited = _state(self.env).cited.setdefault(self.env.docname, [])
        # The node names its own document: single-file builders (LaTeX) resolve the nodes of
        # every document in the tree of the root document.
        node = pending_citation(docname=self.env.docname, index=len(cited), rawtext=self.rawtext)
        cited.append(citations)
        return [node], []


class BibliographyDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        _state(self.env).lists.add(self.env.docname)
        return [pending_bibliography()]


def _parse_role(text: str, author_in_text: bool, line: int) -> list[Citation]:
    if "@" in text:
        items = parse_cluster(text)
    else:
        items = tuple(CiteItem(key.strip()) for key in text.split(",") if key.strip())
    if author_in_text:
        return [Citation(0, 0, line, (item,), author_in_text=True) for item in items]
    return [Citation(0, 0, line, items)] if items else []


class CiteDomain(Domain):
    """`:cite:p:` and `:cite:t:`, and what the project cites (kept with the environment, so
    an incremental build knows the citations of the documents it does not read again)."""

    name = "cite"
    label = "citeconv citations"
    roles = {"p": CiteRole(author_in_text=False), "t": CiteRole(author_in_text=True)}  # noqa: RUF012
    initial_data = {"cited": {}, "lists": set(), "rendered": {}}  # noqa: RUF012 (copied per build)

    @property
    def cited(self) -> dict[str, list[list[Citation]]]:  # docname -> each role's citations
        return self.data["cited"]  # type: ignore[no-any-return]

    @property
    def lists(self) -> set[str]:  # documents holding a `.. bibliography::`
        return self.data["lists"]  # type: ignore[no-any-return]

    def clear_doc(self, docname: str) -> None:
        self.cited.pop(docname, None)
        self.lists.discard(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["cited"]:
                self.cited[docname] = otherdata["cited"][docname]
            if docname in otherdata["lists"]:
                self.lists.add(docname)


def _state(env: BuildEnvironment) -> CiteDomain:
    domain = env.domains["cite"]
    assert isinstance(domain, CiteDomain)
    return domain


def _render(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every citation of the project, in one run; the documents to write again."""
    state = _state(env)
    cited, lists = state.cited, state.lists
    if not cited and not lists:
        return []
    items, read = _read_bibliographies(app)
    known = [str(item["id"]) for item in items]
    order: list[tuple[str, int, int]] = []  # (docname, role index, citation within the role)
    flat: list[Citation] = []
    keys: set[str] = set()
    unknown: list[Diagnostic] = []
    for docname in _documents_in_order(env, cited):
        for index, citations in enumerate(cited[docname]):
            resolved = resolve_keys(citations, known, str(env.doc2path(docname)))
            keys |= cited_keys(citations)
            unknown.extend(resolved.diagnostics)
            if len(resolved.citations) == len(citations):
                order.extend((docname, index, part) for part in range(len(citations)))
                flat.extend(resolved.citations)
    _warn(about_cited(read, keys, missing=bool(unknown)))
    _warn(unknown)
    rendered = render_citations(flat, items, app.config.citeconv_style, app.config.citeconv_locale)
    _warn(rendered.diagnostics)
    html, entries = rendered.value
    by_role: dict[tuple[str, int], list[str]] = {}
    for (docname, index, _), citation, text in zip(order, flat, html, strict=True):
        by_role.setdefault((docname, index), [])
        if text:
            by_role[docname, index].append(text)
        else:  # left out, as pandoc leaves out a citation with no printed form
            _warn([printed_nothing(citation, str(env.doc2path(docname)))])
    state.data["rendered"] = {**{k: ", ".join(v) for k, v in by_role.items()}, "entries": entries}
    return sorted(set(cited) | lists)


def _documents_in_order(env: BuildEnvironment, cited: dict[str, Any]) -> list[str]:
    """The citing documents in the order a reader meets them: the toctree, depth first, then
    any document outside it by name."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname not in seen:
            seen.add(docname)
            order.append(docname)
            stack.extend(reversed(env.toctree_includes.get(docname, [])))
    order.extend(sorted(set(cited) - seen))
    return [docname for docname in order if docname in cited]


def _check_style(app: Sphinx, config: Config) -> None:
    """An unknown style or locale stops the build with citeconv's message (`did you mean`)."""
    from citeconv.errors import CiteconvError
    from citeconv.locales import resolve_locale
    from citeconv.styles import resolve_style

    try:
        resolve_style(config.citeconv_style)
        if config.citeconv_locale:
            resolve_locale(config.citeconv_locale)
    except CiteconvError as error:
        raise ConfigError(f"citeconv_style or citeconv_locale: {error}") from None


def _read_bibliographies(app: Sphinx) -> tuple[list[dict[str, Any]], list[Diagnostic]]:
    """The items of every bibliography, and what reading them found."""
    from citeconv.documents.bibliography import read_bibliography

    items: list[dict[str, Any]] = []
    found: list[Diagnostic] = []
    for name in _as_list(app.config.citeconv_bibliography):
        try:
            data = (Path(app.confdir) / name).read_bytes()
        except OSError as error:
            logger.warning(f"cannot read the bibliography {name}: {error.strerror} [citeconv]")
            continue
        result = read_bibliography(data, name, app.config.citeconv_style)
        found.extend(result.diagnostics)
        items.extend(result.value)
    return items, found


def _as_list(value: str | list[str] | tuple[str, ...]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _warn(diagnostics: Iterable[Diagnostic]) -> None:
    """A citeconv warning or error is a Sphinx warning (so `-W` fails); info is dropped. The
    message names the file and line itself, as on the command line."""
    for diagnostic in diagnostics:
        if diagnostic.severity == Severity.INFO:
            continue
        logger.warning(format_diagnostic(diagnostic), type="citeconv", subtype=str(diagnostic.code))


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    rendered: dict[Any, Any] = _state(app.env).data["rendered"]
    for node in list(doctree.findall(pending_citation)):
        html = rendered.get((node["docname"], node["index"]))
        node.replace_self(_to_nodes(html) if html is not None else [nodes.Text(node["rawtext"])])
    for node in list(doctree.findall(pending_bibliography)):
        paragraphs = [
            nodes.paragraph("", "", *_to_nodes(entry), classes=["citeconv-entry"])
            for entry in rendered.get("entries", ())
        ]
        node.replace_self(nodes.container("", *paragraphs, classes=["citeconv-bibliography"]))


_NODE_FOR_TAG: dict[str, type[nodes.TextElement]] = {
    "i": nodes.emphasis,
    "b": nodes.strong,
    "sup": nodes.superscript,
    "sub": nodes.subscript,
    "sc": nodes.inline,
}


def _to_nodes(fragment: str) -> list[nodes.Node]:
    return _children(parse_fragment(fragment))


def _children(element: Element) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for child in element.children:
        if isinstance(child, str):
            out.append(nodes.Text(child))
        elif child.tag in _NODE_FOR_TAG:
            classes = ["smallcaps"] if child.tag == "sc" else []
            out.append(_NODE_FOR_TAG[child.tag]("", "", *_children(child), classes=classes))
        else:
            out.extend(_children(child))
    return out


def setup(app: Sphinx) -> dict[str, Any]:
    from citeconv import __version__

    app.add_config_value("citeconv_bibliography", [], "env", types=(str, list, tuple))
    app.add_config_value("citeconv_style", "apa", "env", types=(str,))
    app.add_config_value("citeconv_locale", None, "env", types=(str, type(None)))
    app.add_node(pending_citation)
    app.add_node(pending_bibliography)
    app.add_domain(CiteDomain)
    app.add_directive("bibliography", BibliographyDirective)
    app.connect("config-inited", _check_style)
    app.connect("env-updated", _render)
    app.connect("doctree-resolved", _resolve)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
