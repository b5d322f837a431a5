"""Building real documentation sites in tests: MkDocs and Sphinx projects, and their pages' text.

Each builder gets a bare theme that writes only the page body, so a page's paragraphs are
exactly what the Markdown or reST source turned into. LaTeX has no builder here: its output is
checked for unescaped specials and decoded back to text by pylatexenc.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

MKDOCS_THEME_PAGE = "{{ page.content }}\n"
SPHINX_PAGE_TEMPLATE = "{{ body }}\n"


class ParagraphText(HTMLParser):
    """The text of every <p> of a page, in order, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p":
            self._depth += 1
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.paragraphs[-1] += data


def paragraphs(html: str) -> list[str]:
    parser = ParagraphText()
    parser.feed(html)
    return parser.paragraphs


def run(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *arguments], cwd=cwd, capture_output=True, text=True, check=False
    )


def mkdocs_site(folder: Path, pages: dict[str, str], extra_config: str = "") -> Path:
    """An MkDocs project with one page per item of `pages` (name -> Markdown)."""
    (folder / "docs").mkdir(parents=True)
    (folder / "theme").mkdir()
    (folder / "theme" / "main.html").write_text(MKDOCS_THEME_PAGE, encoding="utf-8")
    for name, text in pages.items():
        (folder / "docs" / f"{name}.md").write_text(text, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: corpus\nuse_directory_urls: false\n"
        "theme:\n  name: null\n  custom_dir: theme\n" + extra_config,
        encoding="utf-8",
    )
    return folder


def mkdocs_build(folder: Path) -> subprocess.CompletedProcess[str]:
    """`--strict` without `--quiet`: MkDocs drops the warnings `--quiet` hides before it counts
    them, so `--strict --quiet` passes a build with warnings."""
    return run(["mkdocs", "build", "--strict"], folder)


def warnings_of(build: subprocess.CompletedProcess[str]) -> list[str]:
    """The lines of a build's log that are not routine progress."""
    return [
        line for line in build.stderr.splitlines() if line.strip() and not line.startswith("INFO")
    ]


def sphinx_project(folder: Path, pages: dict[str, str], extra_config: str = "") -> Path:
    """A Sphinx project with an index whose toctree lists one page per item of `pages`."""
    (folder / "_templates").mkdir(parents=True)
    (folder / "_templates" / "page.html").write_text(SPHINX_PAGE_TEMPLATE, encoding="utf-8")
    (folder / "conf.py").write_text(
        'project = "corpus"\nhtml_theme = "basic"\ntemplates_path = ["_templates"]\n'
        + extra_config,
        encoding="utf-8",
    )
    (folder / "index.rst").write_text(
        "Corpus\n======\n\n.. toctree::\n   :glob:\n\n   *\n", encoding="utf-8"
    )
    for name, text in pages.items():
        (folder / f"{name}.rst").write_text(text, encoding="utf-8")
    return folder


def sphinx_build(folder: Path) -> subprocess.CompletedProcess[str]:
    return run(["sphinx", "-W", "--keep-going", "-q", "-b", "html", ".", "_build"], folder)


# --- LaTeX ---------------------------------------------------------------------------------------

LATEX_COMMAND = re.compile(r"\\(?:textit|textbf|textsuperscript|textsubscript|textsc)\{")
LATEX_ESCAPE = re.compile(
    r"\\[#$%&_{}]|\\(?:textbackslash|textasciitilde|textasciicircum|textless|textgreater"
    r"|textasciigrave)\{\}|[-']\{\}"
)
LATEX_URL = re.compile(r"\\url\{((?:\\[#%]|[^{}\\\s])*)\}")
TEX_SPECIALS = set("\\#$%&_^~{}<>")


def unescaped_specials(latex: str) -> list[str]:
    """What is left once every command, escape and URL citeconv may write is taken out, and
    the braces the commands open are matched: any TeX special left was not escaped."""
    problems = []
    for line in latex.splitlines():
        rest = LATEX_ESCAPE.sub("", LATEX_URL.sub("", line))
        depth = 0
        for char in LATEX_COMMAND.sub("\x01", rest):
            if char == "\x01":
                depth += 1
            elif char == "}" and depth:
                depth -= 1
            elif char in TEX_SPECIALS:
                problems.append(line)
                break
        if depth:
            problems.append(line)
    return problems


def latex_to_text(latex: str) -> str:
    """LaTeX back to text as a TeX engine would print it, by an independent decoder
    (pylatexenc), told only what it prints differently from TeX. `\\url` reads its argument
    verbatim, which pylatexenc cannot: URLs are set aside and put back unescaped."""
    from pylatexenc import latex2text

    database = latex2text.get_default_latex_context_db()
    database.add_context_category(
        "as-tex-prints-it",
        prepend=True,
        macros=[
            latex2text.MacroTextSpec("textless", "<"),
            latex2text.MacroTextSpec("textgreater", ">"),
            latex2text.MacroTextSpec("textasciicircum", "^"),
        ],
        specials=[
            latex2text.SpecialsTextSpec("-{}", "-"),
            latex2text.SpecialsTextSpec("'{}", "'"),
        ],
    )
    converter = latex2text.LatexNodes2Text(latex_context=database, math_mode="verbatim")
    urls = [re.sub(r"\\([#%])", r"\1", m.group(1)) for m in LATEX_URL.finditer(latex)]
    counter = iter(range(len(urls)))
    hidden = LATEX_URL.sub(lambda m: chr(0xE100 + next(counter)), latex)
    text = str(converter.latex_to_text(hidden))
    return re.sub("[\ue100-\uf8ff]", lambda m: urls[ord(m.group(0)) - 0xE100], text)
