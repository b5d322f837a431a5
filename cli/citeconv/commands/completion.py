"""Shell completion: `citeconv completion bash|zsh|fish`, and what --to and --locale complete to.

The scripts are click's own (the `_CITECONV_COMPLETE` protocol); this module only prints them
and supplies the candidates for options whose values click cannot know: formats, style aliases,
installed CSL style ids and installed locales.
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem, get_completion_class

from citeconv.commands.files import write_stdout

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VARIABLE = "_CITECONV_COMPLETE"
# Where each shell loads completion scripts from, for the help text and the README.
INSTALL_HINTS = {
    "bash": "citeconv completion bash > ~/.local/share/bash-completion/completions/citeconv",
    "zsh": "citeconv completion zsh > ~/.zfunc/_citeconv   # with fpath+=(~/.zfunc) in .zshrc",
    "fish": "citeconv completion fish > ~/.config/fish/completions/citeconv.fish",
}


@click.command(
    epilog="\b\nExamples:\n  "
    + "\n  ".join(INSTALL_HINTS[shell] for shell in SHELLS)
    + '\n  eval "$(citeconv completion bash)"   # this shell only'
)
@click.argument("shell", type=click.Choice(SHELLS), metavar="SHELL")
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the completion script for bash, zsh or fish.

    Completes commands, options, formats, style names and locales.
    """
    shell_complete = get_completion_class(shell)
    if shell_complete is None:  # the three SHELLS are built into click; this guards an upgrade
        raise click.UsageError(f"click has no completion for {shell}")
    script = shell_complete(ctx.find_root().command, {}, "citeconv", COMPLETE_VARIABLE).source()
    write_stdout(script if script.endswith("\n") else f"{script}\n")


def complete_format(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Formats and aliases always; installed style ids once a prefix narrows the 2,800 of them."""
    if "/" in incomplete or incomplete.endswith(".csl"):
        return [CompletionItem(incomplete, type="file")]
    from citeconv.formats import WRITERS
    from citeconv.project_data import load_table
    from citeconv.styles import installed_style_ids

    items = [CompletionItem(w.name, help=w.summary) for w in WRITERS]
    aliases = load_table("aliases.toml")["aliases"]
    items += [CompletionItem(name, help=row.get("summary")) for name, row in aliases.items()]
    known = {item.value for item in items}
    if incomplete:
        items += [CompletionItem(i) for i in installed_style_ids() if i not in known]
    return [item for item in items if str(item.value).startswith(incomplete)]


def complete_locale(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    from citeconv.locales import installed_locales

    prefix = incomplete.lower()
    return [CompletionItem(tag) for tag in installed_locales() if tag.lower().startswith(prefix)]
