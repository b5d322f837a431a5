"""citeproc-py crashes that citeconv works around, each on the smallest item that showed it."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from citeconv.commands import main

BOOK: dict[str, Any] = {
    "id": "k",
    "type": "book",
    "title": "Title",
    "author": [{"family": "Homer"}],
    "publisher": "Pub",
    "issued": {"date-parts": [[2004]]},
}


def render(item: dict[str, Any], style: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, ["convert", "--from", "csl-json", "--to", style], input=json.dumps([item])
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_name_variables_citeproc_py_does_not_know_render_as_names() -> None:
    item = {**BOOK, "contributor": [{"family": "Latacz", "given": "Joachim"}]}
    assert render(item, "apa") == (0, "Homer (with Latacz, J.). (2004). Title. Pub.\n", "")


def test_a_season_in_a_numeric_month_slot_does_not_stop_the_run() -> None:
    """citeproc-py asserted; the season term is asked for instead (the locale may have none)."""
    item = {
        **BOOK,
        "type": "paper-conference",
        "issued": {"date-parts": [[2004]], "season": 1},
        "event-date": {"date-parts": [[2003]], "season": 3},
    }
    for style in ("apa", "vancouver", "ieee", "chicago-author-date"):
        code, out, err = render(item, style)
        assert (code, err) == (0, "")
        assert "2004" in out


def test_a_date_range_in_a_localized_date_prints_both_ends() -> None:
    item = {**BOOK, "issued": {"date-parts": [[1999, 10, 14], [2010, 1, 23]]}}
    code, out, err = render(item, "apa")
    assert (code, err) == (0, "")
    assert out.startswith("Homer. (1999")


def test_an_unexpected_failure_is_one_line_and_exit_4(monkeypatch: Any) -> None:
    """A defect inside a command (ours or citeproc-py's) never reaches the user as a traceback."""
    from citeconv.writers import styled

    def broken(*args: object) -> None:
        raise RuntimeError("engine exploded\nsecond line")

    monkeypatch.setattr(styled, "write_styled", broken)
    code, out, err = render(BOOK, "apa")
    assert (code, out) == (4, "")
    assert err == (
        "citeconv: error: internal error (RuntimeError: engine exploded); nothing written. "
        "Please report it with the input that caused it.\n"
    )


def test_chicago_keeps_given_names_whole_as_the_style_asks() -> None:
    """`initialize="false"` on Chicago's bibliography names; citeproc-py ignored it."""
    item = {**BOOK, "author": [{"family": "Doe", "given": "Jane"}]}
    assert render(item, "chicago-author-date") == (0, "Doe, Jane. 2004. Title. Pub.\n", "")
    assert render(item, "apa")[1] == "Doe, J. (2004). Title. Pub.\n"


def test_page_ranges_compare_whole_numbers() -> None:
    """citeproc-py compared digits up to the shorter number: NLM printed 1–2 for pages 1-12."""
    pages = {
        "1-12": ("1–12", "1-12"),
        "12-123": ("12–123", "12-123"),
        "906-10": ("906–910", "906-10"),
        "355-361": ("355–361", "355-61"),
    }
    for page, (apa, nlm) in pages.items():
        item = {
            **BOOK,
            "type": "article-journal",
            "container-title": "J",
            "volume": "1",
            "page": page,
        }
        assert render(item, "apa")[1] == f"Homer. (2004). Title. J, 1, {apa}.\n"
        assert render(item, "vancouver")[1] == f"1. Homer. Title. J. 2004;1:{nlm}.\n"


def test_no_doubled_period_after_an_abbreviated_journal() -> None:
    item = {**BOOK, "type": "article-journal", "container-title": "Phys. Rev. Lett."}
    assert render(item, "apa")[1] == "Homer. (2004). Title. Phys. Rev. Lett.\n"
