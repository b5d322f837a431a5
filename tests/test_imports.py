"""Third-party quarantine: each library is imported by exactly one adapter module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cli" / "citeconv"
ADAPTERS = {
    "bibtexparser": {"readers/bibtex.py"},
    "citeproc": {"rendering/citeproc.py"},
    "lxml": {"rendering/citeproc.py"},
    "pylatexenc": {"normalize/latex.py", "normalize/latex_walk.py"},
    "pyiso4": {"journals.py"},
    "sphinx": {"sphinx.py"},
    "docutils": {"sphinx.py"},
    "mkdocs": {"mkdocs_plugin.py"},
    "markdown": set(),
    "markdown_it": set(),
    "english_words": {"rendering/lexicon.py"},
    "click": {
        "commands/__init__.py",
        "commands/convert.py",
        "commands/report.py",
        "commands/styles.py",
        "commands/check.py",
        "commands/cite.py",
        "commands/doc.py",
        "commands/config.py",
        "commands/options.py",
        "commands/completion.py",
    },
}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_each_library_is_imported_only_by_its_adapter() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for library in imported_roots(path) & ADAPTERS.keys():
            assert relative in ADAPTERS[library], f"{relative} imports {library}"


def test_only_the_command_layer_writes_to_the_terminal() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        # launch.py is the console script, the command layer's front door: it lives outside
        # commands/ only so that `--version` need not import the package (click).
        if relative.startswith("commands/") or relative == "launch.py":
            continue
        source = path.read_text(encoding="utf-8")
        for forbidden in (r"(?<![\w.])print\(", r"\bsys\.(exit|stdout|stderr)\b", r"\bwarn\("):
            assert not re.search(forbidden, source), f"{relative} matches {forbidden}"
