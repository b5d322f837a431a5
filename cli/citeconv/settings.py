"""Project settings: the `[tool.citeconv]` table of pyproject.toml, or a whole citeconv.toml.

Pure: the command layer finds and reads the file and hands its text here. Every setting is the
default of one command-line option; an option given on the command line always wins.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from citeconv import lazy_regex
from citeconv.errors import UsageError
from citeconv.formats import MARKUPS, suggest

SettingValue = str | bool


class InvalidConfig(UsageError):
    """The configuration file is not valid TOML, or names an unknown or ill-typed setting."""


@dataclass(frozen=True)
class Setting:
    key: str  # as written in the TOML table
    parameter: str  # the click parameter whose default it provides
    default: SettingValue | None  # None: no default (the option is then required or inferred)
    summary: str
    choices: tuple[str, ...] = ()  # allowed strings; empty when any string (or a bool) is fine


SETTINGS: tuple[Setting, ...] = (
    Setting("style", "to_format", None, "default --to: a format, alias, style id or .csl path"),
    Setting("locale", "locale", None, "CSL locale, e.g. en-GB or de-DE (default: the style's)"),
    Setting("markup", "markup", "text", "markup of styled output", MARKUPS),
    Setting("title-case", "title_case", "auto", "title recasing", ("auto", "keep", "sentence")),
    Setting("abbreviate", "abbreviate", True, "derive ISO 4 journal abbreviations"),
    Setting("keep-unmapped", "keep_unmapped", False, "keep fields with no CSL home in `note`"),
    Setting("strict", "strict", False, "exit 3 when any warning is reported"),
    Setting("newline", "newline", "lf", "line ends of RIS output", ("lf", "crlf")),
)
SETTINGS_BY_KEY: dict[str, Setting] = {setting.key: setting for setting in SETTINGS}
PYPROJECT_TABLE = "[tool.citeconv]"


@dataclass(frozen=True)
class ConfigValue:
    value: SettingValue | None  # None: unset (no built-in default)
    origin: str  # `pyproject.toml:12` (file and line), or "default"


def default_of(key: str) -> Any:
    """The built-in default of a setting: the commands use it as their option's default."""
    return SETTINGS_BY_KEY[key].default


def is_pyproject(path: str) -> bool:
    return PurePath(path).name == "pyproject.toml"


def config_table(text: str, path: str) -> dict[str, Any] | None:
    """The settings table of a config file, or None for a pyproject.toml without one."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidConfig(f"{path}: not valid TOML: {error}") from error
    except RecursionError as error:  # tomllib reads nested arrays and tables recursively
        raise InvalidConfig(f"{path}: not valid TOML: nested too deeply to read") from error
    if not is_pyproject(path):
        return document
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise InvalidConfig(f"{path}: [tool] must be a table")
    table = tool.get("citeconv")
    if table is not None and not isinstance(table, dict):
        raise InvalidConfig(f"{path}: {PYPROJECT_TABLE} must be a table")
    return table


def parse_settings(text: str, path: str) -> dict[str, ConfigValue]:
    """Checked settings of a config file, each with the line it came from."""
    table = config_table(text, path) or {}
    where = f" in {PYPROJECT_TABLE}" if is_pyproject(path) else ""
    values: dict[str, ConfigValue] = {}
    start = _table_start(text) if is_pyproject(path) else 0
    for key, value in table.items():
        line = _line_of(text, key, start)
        origin = f"{path}:{line}" if line else path
        setting = SETTINGS_BY_KEY.get(key)
        if setting is None:
            hint = suggest(key, list(SETTINGS_BY_KEY)) or f"; known: {', '.join(SETTINGS_BY_KEY)}"
            raise InvalidConfig(f"{origin}: unknown setting '{key}'{where}{hint}")
        checked = _checked(setting, value, origin)
        if key == "style" and isinstance(checked, str):
            checked = _beside(checked, path)
        values[key] = ConfigValue(checked, origin)
    return values


def _beside(style: str, config_path: str) -> str:
    """A relative .csl path in a configuration file names a file beside that file, from
    whichever folder below it the command runs (the file is found by walking up)."""
    if not (style.endswith(".csl") or "/" in style) or PurePath(style).is_absolute():
        return style
    folder = PurePath(config_path).parent
    return str(folder / style) if str(folder) != "." else style


def _checked(setting: Setting, value: object, origin: str) -> SettingValue:
    if isinstance(setting.default, bool):
        if not isinstance(value, bool):
            message = f"'{setting.key}' must be true or false, not {_shown(value)}"
            raise InvalidConfig(f"{origin}: {message}")
        return value
    if not isinstance(value, str):
        raise InvalidConfig(f"{origin}: '{setting.key}' must be a string, not {_shown(value)}")
    if setting.choices and value not in setting.choices:
        choices = ", ".join(setting.choices)
        message = f"'{setting.key}' must be one of {choices}, not {_shown(value)}"
        raise InvalidConfig(f"{origin}: {message}")
    if setting.key == "locale":
        from citeconv.locales import resolve_locale  # a directory listing, only when set

        try:
            return resolve_locale(value)
        except UsageError as error:
            raise InvalidConfig(f"{origin}: {error}") from error
    return value


def _shown(value: object) -> str:
    """A TOML value as TOML names it, never a Python repr (issue 15: `datetime.date(...)`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value:.60}'"
    if isinstance(value, int | float):
        return str(value)[:60]
    if isinstance(value, list):
        return "an array"
    return "a table" if isinstance(value, dict) else "a date or time"


def effective_settings(values: Mapping[str, ConfigValue]) -> list[tuple[Setting, ConfigValue]]:
    """Every setting, in table order, with its value from the file or its built-in default."""
    return [
        (setting, values.get(setting.key) or ConfigValue(setting.default, "default"))
        for setting in SETTINGS
    ]


_TABLE_HEADER = lazy_regex.compile(r"^\s*\[\s*tool\s*\.\s*citeconv\s*\]")


def _table_start(text: str) -> int:
    """0-based index of the `[tool.citeconv]` header line, so keys of other tools never match."""
    for index, line in enumerate(text.splitlines()):
        if _TABLE_HEADER.match(line):
            return index
    return 0


def _line_of(text: str, key: str, start: int) -> int:
    """1-based line of `key = ...` (bare or quoted) at or after `start`; 0 if not found."""
    quoted = re.escape(key)
    pattern = re.compile(rf"""^\s*(?:{quoted}|"{quoted}"|'{quoted}')\s*=""")
    lines = text.splitlines()
    for index in range(start, len(lines)):
        if pattern.match(lines[index]):
            return index + 1
    return 0
