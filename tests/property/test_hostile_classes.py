"""The classes of hostile input (issue 15), generated: every run ends cleanly and in proportion.

Nesting of any depth, macros that grow, any number of records, CSL-JSON values of any JSON
type and random bytes: the command ends with a documented exit code (0, 1, 2 or 3; 4 only for
input that is not valid JSON at all) and never with "internal error"; decoded text is never
much longer than the LaTeX it came from. Each example has a time limit (`deadline`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeconv.commands import main
from citeconv.formats import ReadOptions
from citeconv.normalize.latex import to_rich, to_text
from citeconv.readers.bibtex import read_bibtex
from citeconv.readers.csl_item_check import DATE_VARIABLES, NAME_VARIABLES, STRING_OR_NUMBER
from citeconv.readers.ris import read_ris

BOUNDED = settings(
    max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow]
)  # 5 s per example: far above a linear run, far below a quadratic one at these sizes
OPENERS = ["{", "\\emph{", "\\'{", '\\"{', "\\textbf{", "$_{", "\\c{", "\\textsuperscript{"]


def run(tmp_path: Path, name: str, data: bytes, *args: str) -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["convert", str(path), "--no-cache", *args])
    return result.exit_code, result.stderr


@st.composite
def nested_latex(draw: st.DrawFn) -> str:
    depth = draw(st.integers(0, 3000))
    openers = draw(st.lists(st.sampled_from(OPENERS), min_size=1, max_size=4))
    text = "".join(openers[i % len(openers)] for i in range(depth))
    return ("$" if "$" in text else "") + text + "x" + "}" * depth + ("$" if "$" in text else "")


@BOUNDED
@given(nested_latex())
def test_latex_of_any_depth_fails_alone_or_decodes_in_proportion(value: str) -> None:
    text = "@article{deep, title={" + value + "}}\n@article{good, title={Good}}\n"
    result = read_bibtex(text, "refs.bib", ReadOptions())
    ids = [item["id"] for item in result.value.items]
    assert ids[-1] == "good"
    if ids == ["good"]:
        assert [d.span.key for d in result.diagnostics if d.severity == "error"] == ["deep"]
    else:
        title = result.value.items[0]["title"]
        assert len(title) <= 6 * len(value) + 16  # tags such as <sub> per level: linear


@BOUNDED
@given(st.text(alphabet="\\{}'\"`^~=.a$_", max_size=400))
def test_decoded_latex_is_never_much_longer_than_its_source(latex: str) -> None:
    for decoded in (to_text(latex), to_rich(latex)):
        assert len(decoded) <= 6 * len(latex) + 16


@st.composite
def growing_macros(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 60))
    lines = ['@string{m0 = "ab"}']
    for index in range(1, count):
        uses = draw(st.lists(st.integers(0, index - 1), min_size=1, max_size=4))
        lines.append(f"@string{{m{index} = {' # '.join(f'm{u}' for u in uses)}}}")
    uses = draw(st.lists(st.integers(0, count - 1), min_size=1, max_size=4))
    lines.append(f"@article{{k, title = {' # '.join(f'm{u}' for u in uses)}}}")
    return "\n".join(lines) + "\n@article{good, title={Good}}\n"


@BOUNDED
@given(growing_macros())
def test_macros_that_grow_are_capped(text: str) -> None:
    result = read_bibtex(text, "refs.bib", ReadOptions())
    assert result.value.items[-1]["id"] == "good"
    assert all(len(item.get("title", "")) <= 100_016 for item in result.value.items)


@BOUNDED
@given(st.integers(0, 3000), st.sampled_from(["Smith, John", "", "O'Brien, Ann"]))
def test_any_number_of_records_gets_unique_ids(count: int, author: str) -> None:
    record = f"TY  - JOUR\nAU  - {author}\nPY  - 2020\nTI  - T\nER  - \n\n"
    items = read_ris(record * count, "refs.ris", ReadOptions()).value.items
    assert len({item["id"].lower() for item in items}) == len(items) == count


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
FIELDS = sorted({"title", "container-title", "type", "id", "custom", "categories"}
                | NAME_VARIABLES | DATE_VARIABLES | STRING_OR_NUMBER)  # fmt: skip


@BOUNDED
@given(st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=5))
def test_csl_json_of_any_types_is_read_or_skipped_never_crashes(
    tmp_path_factory: Any, fields: dict[str, Any]
) -> None:
    tmp_path = tmp_path_factory.mktemp("json")
    item = {"id": "a", "type": "book", **fields}
    good = {"id": "good", "type": "book", "title": "Good"}
    data = json.dumps([item, good]).encode()
    for style in ("csl-json", "ris", "apa"):
        code, stderr = run(tmp_path, "in.json", data, "--to", style)
        assert code in (0, 1) and "internal error" not in stderr, stderr


@BOUNDED
@given(st.binary(max_size=2000), st.sampled_from(["in.bib", "in.ris", "in.json"]))
def test_random_bytes_end_cleanly(tmp_path_factory: Any, data: bytes, name: str) -> None:
    tmp_path = tmp_path_factory.mktemp("bytes")
    code, stderr = run(tmp_path, name, data, "--to", "apa")
    assert "internal error" not in stderr, stderr
    if name == "in.json" and code == 4:
        assert "not valid JSON" in stderr or "must be an array" in stderr, stderr
    else:
        assert code in (0, 1, 2, 3), stderr
