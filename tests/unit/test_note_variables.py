"""Variables written in a note, one `variable: value` a line (rendering/note_variables.py)."""

from __future__ import annotations

from citeconv.rendering.note_variables import with_note_variables


def test_names_dates_and_text_are_read_and_leave_the_note() -> None:
    item = {
        "id": "a",
        "type": "post-weblog",
        "note": "reviewed-title: Deaf potential\nreviewed-author: Hall || W.C.\n"
        "event-date: 2004-10-01/2004-10-14\nSeen at the library",
    }
    assert with_note_variables(item) == {
        "id": "a",
        "type": "post-weblog",
        "reviewed-title": "Deaf potential",
        "reviewed-author": [{"family": "Hall", "given": "W.C."}],
        "event-date": {"date-parts": [[2004, 10, 1], [2004, 10, 14]]},
        "note": "Seen at the library",
    }


def test_a_variable_the_item_has_keeps_its_value_and_type_is_never_read() -> None:
    item = {"id": "a", "type": "book", "title": "Kept", "note": "title: Other\ntype: film"}
    assert with_note_variables(item) is item


def test_a_date_that_is_not_iso_is_raw_and_a_name_without_bars_is_literal() -> None:
    item = {"id": "a", "type": "book", "note": "issued: Spring 1999\nauthor: The Group"}
    assert with_note_variables(item) == {
        "id": "a",
        "type": "book",
        "issued": {"raw": "Spring 1999"},
        "author": [{"literal": "The Group"}],
    }


def test_a_note_with_no_variable_lines_is_the_item_itself() -> None:
    item = {"id": "a", "type": "book", "note": "ArticleType: research-article / Mar., 2000"}
    assert with_note_variables(item) is item
