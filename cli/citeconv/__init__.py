"""citeconv: BibTeX/BibLaTeX -> CSL-JSON hub -> APA, Vancouver, any CSL style, RIS.

The Python API (see `citeconv.api`)::

    import citeconv
    result = citeconv.convert(bibtex_text, to="apa")
    result.value                    # the bibliography, one entry per line
    result.diagnostics              # what was skipped, dropped or changed, with its line
    citeconv.read(bibtex_text)      # CSL-JSON items; citeconv.render(items, style=...)
    citeconv.cite(items, [citeconv.Cluster((citeconv.CiteItem("key"),))], "apa")

`import citeconv` stays cheap: the names below are imported on first use, so the command line,
which imports `citeconv.commands`, never pays for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from citeconv.api import cite, convert, read, render
    from citeconv.csl import CslItem
    from citeconv.diagnostics import Diagnostic, Result, Severity, format_diagnostic
    from citeconv.errors import CiteconvError
    from citeconv.rendering.clusters import CiteItem, Cluster, RenderedCitations

__all__ = [
    "CiteItem",
    "CiteconvError",
    "Cluster",
    "CslItem",
    "Diagnostic",
    "RenderedCitations",
    "Result",
    "Severity",
    "__version__",
    "cite",
    "convert",
    "format_diagnostic",
    "read",
    "render",
]

# Public name -> the module that defines it, imported on first access.
_LAZY = {
    "cite": "citeconv.api",
    "CiteItem": "citeconv.rendering.clusters",
    "Cluster": "citeconv.rendering.clusters",
    "RenderedCitations": "citeconv.rendering.clusters",
    "convert": "citeconv.api",
    "read": "citeconv.api",
    "render": "citeconv.api",
    "CslItem": "citeconv.csl",
    "Diagnostic": "citeconv.diagnostics",
    "Result": "citeconv.diagnostics",
    "Severity": "citeconv.diagnostics",
    "format_diagnostic": "citeconv.diagnostics",
    "CiteconvError": "citeconv.errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'citeconv' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
