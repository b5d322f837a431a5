"""Broken styles and wrong API arguments are reported as such (issue 15), never as defects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import citeconv
from citeconv.commands import main
from citeconv.errors import InvalidArgument, InvalidStyle
from citeconv.style_check import check_style
from citeconv.styles import installed_dir

from conftest import SEEDS

HEAD = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Broken</title><id>broken</id><updated>2020-01-01T00:00:00+00:00</updated></info>
"""
BROKEN = {
    "recursive": (
        '<macro name="a"><text macro="b"/></macro><macro name="b"><text macro="a"/></macro>'
        '<citation><layout><text macro="a"/></layout></citation>'
        '<bibliography><layout><text macro="a"/></layout></bibliography>',
        "macro 'a' calls itself (a -> b -> a)",
    ),
    "missing": (
        '<citation><layout><text macro="nope"/></layout></citation>'
        '<bibliography><layout><text macro="nope"/></layout></bibliography>',
        "macro 'nope' is used but not defined",
    ),
    "unknown": (
        "<citation><layout><blink/></layout></citation>"
        '<bibliography><layout><text variable="title"/></layout></bibliography>',
        "unknown element <blink>",
    ),
    "deep": (
        "<citation><layout>" + "<group>" * 200 + "</group>" * 200 + "</layout></citation>",
        "elements nested more than 64 levels deep",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_style_exits_4_naming_it_and_the_reason(tmp_path: Path, name: str) -> None:
    body, reason = BROKEN[name]
    style = tmp_path / f"{name}.csl"
    style.write_text(HEAD + body + "</style>\n", encoding="utf-8")
    bib = str(SEEDS / "koutras2020.bib")
    result = CliRunner().invoke(main, ["convert", bib, "--to", str(style), "--no-cache"])
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == f"citeconv: error: {style}: {reason}\n"
    with pytest.raises(InvalidStyle, match=reason.replace("(", r"\(").replace(")", r"\)")):
        citeconv.convert("@article{a, title={T}}", to=str(style))


def test_every_installed_style_passes_the_check() -> None:
    # All 2,800 take 6 s: the a* styles, and Chicago's, the largest (3,047 elements an entry).
    chosen = [*installed_dir().glob("a*.csl"), *installed_dir().glob("chicago*.csl")]
    assert len(chosen) > 100
    for path in sorted(chosen):
        check_style(path, path.name)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: citeconv.convert(123), "text must be a str, not int"),
        (lambda: citeconv.convert(b"@article{a}"), "text must be a str, not bytes"),
        (lambda: citeconv.convert("", to=5), "to must be a str, not int"),
        (lambda: citeconv.convert("", locale=5), "locale must be a str, not int"),
        (lambda: citeconv.read(None), "text must be a str, not NoneType"),
        (lambda: citeconv.read("", input_format=3), "input_format must be a str, not int"),
        (lambda: citeconv.render("abc"), "items must be a list of CSL items, not str"),
        (lambda: citeconv.render({"id": "a"}), "items must be a list of CSL items, not dict"),
    ],
)
def test_wrong_argument_types_raise_a_citeconv_error(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(InvalidArgument) as raised:
        call()
    assert str(raised.value) == message
    assert isinstance(raised.value, citeconv.CiteconvError) and raised.value.exit_code == 2
