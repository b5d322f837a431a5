"""Project configuration for every command, and `citeconv config` to show what is in effect.

Search: from the current folder upwards, the first `citeconv.toml`, or the first
`pyproject.toml`; a pyproject.toml marks the project root, so the search stops there (and at a
`.git` folder) even when it has no `[tool.citeconv]` table. The settings become the defaults of
the matching options (click's `default_map`), so an option on the command line always wins.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from citeconv.commands.files import write_stdout
from citeconv.commands.report import error_line
from citeconv.errors import CiteconvError, UnreadableInput
from citeconv.settings import (
    PYPROJECT_TABLE,
    SETTINGS_BY_KEY,
    ConfigValue,
    InvalidConfig,
    SettingValue,
    config_table,
    effective_settings,
    is_pyproject,
    parse_settings,
)

CONFIG_FILE = "citeconv.toml"
PROJECT_FILE = "pyproject.toml"


@dataclass(frozen=True)
class LoadedConfig:
    path: str | None  # as shown to the user (relative to the current folder when inside it)
    values: dict[str, ConfigValue] = field(default_factory=dict)
    why_none: str = "none found in this folder or its parents"
    # A broken file is reported by the commands that use settings, not by `--help`, `styles` or
    # `completion`: the user must still be able to read the help that explains how to fix it.
    error: CiteconvError | None = None


def find_config_file(start: Path) -> Path | None:
    """The nearest citeconv.toml, or the nearest pyproject.toml if it has [tool.citeconv]."""
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
        if (folder / PROJECT_FILE).is_file():
            return folder / PROJECT_FILE if _has_table(folder / PROJECT_FILE) else None
        if (folder / ".git").exists():
            return None
    return None


def _has_table(path: Path) -> bool:
    # A cheap textual test first: most pyproject.toml files are not ours and need no parsing.
    text = _read(path)
    return "citeconv" in text and config_table(text, str(path)) is not None


MAX_CONFIG_BYTES = 1024 * 1024  # settings fit in a few lines; `--config /dev/zero` never ends


def _read(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot read configuration: {error}") from error
    if len(data) > MAX_CONFIG_BYTES:
        raise InvalidConfig(f"{path}: over 1 MB: not a configuration file")
    try:
        return data.decode("utf-8-sig")  # a byte-order mark, as some editors write, is no key
    except UnicodeDecodeError as error:  # TOML is UTF-8: a configuration error (exit 2)
        raise InvalidConfig(f"{path}: not valid TOML: not UTF-8 text") from error


def load_config(explicit: str | None, disabled: bool) -> LoadedConfig:
    if disabled:
        return LoadedConfig(None, why_none="none (--no-config)")
    if explicit:
        return LoadedConfig(explicit, parse_settings(_read(Path(explicit)), explicit))
    path = find_config_file(Path.cwd())
    if path is None:
        return LoadedConfig(None)
    shown = os.path.relpath(path, Path.cwd())  # `pyproject.toml`, `../pyproject.toml`
    return LoadedConfig(shown, parse_settings(_read(path), shown))


def _load_or_keep_error(explicit: str | None, disabled: bool) -> LoadedConfig:
    try:
        return load_config(explicit, disabled)
    except CiteconvError as error:
        return LoadedConfig(explicit, why_none="unreadable", error=error)


def require_config(ctx: click.Context) -> LoadedConfig:
    """The loaded settings; a command that uses them stops here when the file is broken."""
    loaded = ctx.find_root().obj
    if not isinstance(loaded, LoadedConfig):  # a command invoked on its own, as in unit tests
        loaded = _load_or_keep_error(None, False)
    if loaded.error is not None:
        click.echo(error_line(loaded.error), err=True)
        raise SystemExit(loaded.error.exit_code)
    return loaded


def default_map(commands: Mapping[str, click.Command], values: Mapping[str, ConfigValue]) -> Any:
    """{command: {parameter: value}} for each command that has the option a setting feeds."""
    defaults: dict[str, dict[str, SettingValue | None]] = {}
    for name, command in commands.items():
        parameters = {param.name for param in command.params}
        chosen = {
            SETTINGS_BY_KEY[key].parameter: value.value
            for key, value in values.items()
            if SETTINGS_BY_KEY[key].parameter in parameters
        }
        if chosen:
            defaults[name] = chosen
    return defaults


def use_config(ctx: click.Context, explicit: str | None, disabled: bool) -> None:
    """Load the configuration once for the whole run and make it the options' defaults."""
    loaded = _load_or_keep_error(explicit, disabled)
    ctx.obj = loaded
    group = ctx.command
    if isinstance(group, click.Group):
        ctx.default_map = default_map(group.commands, loaded.values)


@click.command(
    epilog="""\b
Examples:
  citeconv config                        # settings in effect here, and where each came from
  citeconv --config docs/citeconv.toml config

\b
Settings ([tool.citeconv] in pyproject.toml, or top level in citeconv.toml):
"""
    + "\n".join(f"  {key:<14}{setting.summary}" for key, setting in SETTINGS_BY_KEY.items())
)
@click.pass_context
def config(ctx: click.Context) -> None:
    """Show the settings in effect and where each came from.

    Options on the command line override every setting shown here.
    """
    write_stdout(describe(require_config(ctx)))


def describe(loaded: LoadedConfig) -> str:
    where = loaded.why_none
    if loaded.path is not None:
        where = f"{loaded.path} {PYPROJECT_TABLE}" if is_pyproject(loaded.path) else loaded.path
    rows = [("setting", "value", "from")]
    for setting, value in effective_settings(loaded.values):
        rows.append((setting.key, _value_text(value.value), value.origin))
    widths = [max(len(row[column]) for row in rows) for column in (0, 1)]
    lines = [f"config file: {where}"]
    lines += [f"{k:<{widths[0]}}  {v:<{widths[1]}}  {o}" for k, v, o in rows]
    return "".join(f"{line}\n" for line in lines)


def _value_text(value: SettingValue | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
