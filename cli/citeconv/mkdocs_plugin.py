"""MkDocs plugin: `plugins: [citeconv]` in mkdocs.yml (`pip install citeconv[mkdocs]`).

    plugins:
      - citeconv:
          bib_file: refs.bib        # or a list; relative to mkdocs.yml; BibTeX, RIS or CSL-JSON
          style: apa                # what `--to` takes: alias, style id or .csl path
          locale: en-GB             # optional; default: the style's own

Each page's pandoc citations are rendered as `citeconv doc` renders them, page by page, and the
page's reference list replaces its `::: {#refs}` ... `:::` block or is added at its end. An
unknown key or a broken cited entry is a warning, which `mkdocs build --strict` turns into a
failure; what is found about an entry no page cites is not (it is reported with the first page
citing the entry).
The only module that imports MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from citeconv.diagnostics import Diagnostic, Severity, format_diagnostic

log = get_plugin_logger(__name__)


class CiteconvConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs: untyped hook
    bib_file = options.Type((str, list))
    style = options.Type(str, default="apa")
    locale = options.Optional(options.Type(str))


class CiteconvPlugin(BasePlugin[CiteconvConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.read: list[Diagnostic] = []  # found reading the bibliographies
        self.reported: set[Diagnostic] = set()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        from citeconv.documents.bibliography import read_bibliography

        _check_style(self.config.style, self.config.locale)
        folder = Path(config.config_file_path or ".").parent
        names = self.config.bib_file
        self.items, self.read, self.reported = [], [], set()
        for name in [names] if isinstance(names, str) else names:
            try:
                data = (folder / name).read_bytes()
            except OSError as error:
                log.warning(f"cannot read the bibliography {name}: {error.strerror}")
                continue
            result = read_bibliography(data, name, self.config.style)
            self.read.extend(result.diagnostics)
            self.items.extend(result.value)
        return config

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        from citeconv.documents.document import cite_document

        result = cite_document(
            markdown,
            page.file.src_uri,
            self.items,
            self.config.style,
            syntax="markdown",
            locale=self.config.locale,
            read=self.read,
        )
        fresh = [d for d in result.diagnostics if d not in self.reported]
        self.reported.update(d for d in fresh if d.severity != Severity.INFO)
        _warn(fresh)
        return result.value


def _check_style(style: str, locale: str | None) -> None:
    """An unknown style or locale stops the build with citeconv's message (`did you mean`)."""
    from citeconv.errors import CiteconvError
    from citeconv.locales import resolve_locale
    from citeconv.styles import resolve_style

    try:
        resolve_style(style)
        if locale:
            resolve_locale(locale)
    except CiteconvError as error:
        raise PluginError(f"citeconv: {error}") from None


def _warn(diagnostics: list[Diagnostic]) -> None:
    """A citeconv warning or error is an MkDocs warning (so `--strict` fails); info is dropped.
    The message names the file and line, as on the command line."""
    for diagnostic in diagnostics:
        if diagnostic.severity != Severity.INFO:
            log.warning(format_diagnostic(diagnostic))
