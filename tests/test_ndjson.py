"""`--to ndjson`: line-delimited CSL-JSON, the same items as `--to csl-json`, one per line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main

from conftest import corpus_dir

ONE_ARTICLE = (
    '@article{k1, author = {Doe, Jane}, title = {A "title" — ü}, journal = {J}, year = 2001}\n'
    "@book{k2, title = {B}, year = 1999}\n"
)


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_one_compact_item_per_line_id_and_type_first() -> None:
    assert invoke("convert", "--to", "ndjson", "--no-cache", stdin=ONE_ARTICLE) == (
        0,
        '{"id":"k1","type":"article-journal","author":[{"family":"Doe","given":"Jane"}],'
        '"container-title":"J","issued":{"date-parts":[[2001]]},"title":"A \\"title\\" — ü"}\n'
        '{"id":"k2","type":"book","issued":{"date-parts":[[1999]]},"title":"B"}\n',
        "",
    )


def test_the_output_suffix_selects_ndjson(tmp_path: Path) -> None:
    target = tmp_path / "refs.ndjson"
    code, out, err = invoke("convert", "-o", str(target), "--no-cache", stdin=ONE_ARTICLE)
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8").count("\n") == 2


def test_an_empty_bibliography_is_an_empty_file() -> None:
    assert invoke("convert", "--to", "ndjson", "--no-cache", stdin="\n") == (
        0, "", "<stdin>: warning[no-entries] the input is empty\n"
    )  # fmt: skip


@pytest.mark.parametrize("folder", ["realworld", "malformed"])
def test_every_corpus_file_gives_the_csl_json_items_line_by_line(folder: str) -> None:
    for path in sorted(corpus_dir(folder).glob("*.bib")):
        array = invoke("convert", str(path), "--to", "csl-json", "--no-cache")
        lines = invoke("convert", str(path), "--to", "ndjson", "--no-cache")
        assert (lines[0], lines[2]) == (array[0], array[2]), path.name
        items = [json.loads(line) for line in lines[1].splitlines()]
        assert items == json.loads(array[1]), path.name
        compact = [json.dumps(i, ensure_ascii=False, separators=(",", ":")) for i in items]
        assert lines[1] == "".join(f"{line}\n" for line in compact), path.name
