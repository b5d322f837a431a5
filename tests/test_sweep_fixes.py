"""What a hostile-input sweep found after the last round (issue 15): a line inside a value that
starts with `@`, processing instructions in a style, mixed and 32-bit encodings, inputs that
never end, running out of memory, quadratic locators and citation look-ups in documents, and
a document that cites one work many times."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_linear_growth import GROWTH_BOUND, growth

from citeconv.commands import main
from citeconv.documents.citations import find_citations
from citeconv.rendering.cite_locators import numeric, several


def run(args: list[str], stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_a_line_starting_with_at_inside_a_value_keeps_the_entry() -> None:
    bib = (
        "@article{k, title={A}, abstract={Line one\n@ home\n@twitter handle\n@misc at x},"
        " year=2020}\n@article{j, title={B}, year=2021}\n"
    )
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "apa"], bib)
    assert (code, stderr) == (0, "")
    assert stdout == "A. (2020).\nB. (2021).\n"


def test_an_unclosed_entry_still_ends_at_the_next_entry() -> None:
    bib = "@article{k, title={A, year=2020}\n@article{j, title={B}, year=2021}\n"
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "apa"], bib)
    assert code == 1 and stdout == "B. (2021).\n"
    assert stderr.startswith(
        "<stdin>:1: error[syntax-error] entry 'k': entry not closed before the next entry "
        "(line 2); entry skipped\n"
    )


STYLE = """<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet href="x.xsl"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>T</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="and">and<?editor keep?> also</term></terms></locale>
  <citation><layout><?editor note?><text variable="title"/></layout></citation>
  <bibliography><layout><?a?><group delimiter=" "><?b?><text variable="title"/><?c?>
    <text term="and"/></group></layout></bibliography>
</style>
"""


def test_processing_instructions_in_a_style_are_ignored(tmp_path: Path) -> None:
    style = tmp_path / "pi.csl"
    style.write_text(STYLE, encoding="utf-8")
    bib = "@misc{k, title={Alpha}}\n"
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", str(style)], bib)
    assert (code, stdout, stderr) == (0, "Alpha and also\n", "")
    code, stdout, stderr = run(["cite", "k", "--from", "-", "--to", str(style)], bib)
    assert (code, stdout, stderr) == (0, "Alpha\n", "")


GOOD = "@misc{k, title={Gööd}}\n@misc{j, title={Second}}\n"


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (codecs.BOM_UTF32_LE + GOOD.encode("utf-32-le"), ""),
        (codecs.BOM_UTF32_BE + GOOD.encode("utf-32-be"), ""),
        (
            GOOD.encode("utf-32-le"),
            "<stdin>:1: warning[encoding] no byte-order mark, but the NUL bytes say "
            "UTF-32-LE; read as such\n",
        ),
        (
            GOOD.encode("utf-32-be"),
            "<stdin>:1: warning[encoding] no byte-order mark, but the NUL bytes say "
            "UTF-32-BE; read as such\n",
        ),
    ],
)
def test_utf32_is_read(data: bytes, warning: str) -> None:
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "apa"], data)
    assert (code, stdout, stderr) == (0, "Gööd. (n.d.).\nSecond. (n.d.).\n", warning)


def test_utf8_with_one_legacy_line_keeps_its_utf8_letters() -> None:
    data = "@misc{k, title={Gööd}}\n".encode() + b"@misc{j, title={Caf\xe9}}\n"
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "apa"], data)
    assert (code, stdout) == (0, "Café. (n.d.).\nGööd. (n.d.).\n")
    assert stderr == (
        "<stdin>:2: warning[encoding] not valid UTF-8, the first such line here; lines that "
        "are not UTF-8 read as Windows-1252 (Latin-1); check accented letters\n"
    )


def test_a_legacy_line_keeps_byte_pairs_that_happen_to_be_utf8() -> None:
    # cp1252 `à`, a no-break space and `»` are E0 A0 BB: a valid UTF-8 sequence (U+083B).
    title = "Le café «\u00a0voilà\u00a0» et la maîtrise"
    data = f"@misc{{k, title={{{title}}}}}\n".encode("cp1252")
    assert "\u083b".encode() in data  # the accident the test is about
    code, stdout, _ = run(["convert", "-", "--from", "bibtex", "--to", "csl-json"], data)
    assert code == 0 and f'"title": "{title}"' in stdout


def test_an_endless_binary_input_is_not_read_whole() -> None:
    code, stdout, stderr = run(["convert", "/dev/zero", "--to", "apa"])
    assert (code, stdout) == (1, "")
    assert stderr == (
        "/dev/zero:1: warning[encoding] NUL bytes from here on (binary data, or UTF-16 text "
        "without a byte-order mark after other text): nothing in them is read\n"
        "/dev/zero:1: error[syntax-error] no BibTeX entries found (text outside entries is "
        "ignored)\nciteconv: 1 error (see above)\n"
    )


def test_an_endless_configuration_file_is_a_configuration_error(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{k, title={A}}\n", encoding="utf-8")
    code, stdout, stderr = run(["--config", "/dev/zero", "convert", str(bib), "--to", "apa"])
    assert (code, stdout) == (2, "")
    assert stderr == "citeconv: error: /dev/zero: over 1 MB: not a configuration file\n"


def test_a_configuration_file_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    config = tmp_path / "citeconv.toml"
    config.write_bytes(codecs.BOM_UTF8 + b'style = "vancouver"\n')
    bib = "@misc{k, title={A}, year={2020}}\n"
    args = ["--config", str(config), "convert", "-", "--from", "bibtex"]
    code, stdout, stderr = run(args, bib)
    assert (code, stdout, stderr) == (0, "1. A. 2020.\n", "")


def test_running_out_of_memory_is_one_line_not_an_internal_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from citeconv.commands import files

    def exhausted(data: bytes, source: str) -> None:
        raise MemoryError

    monkeypatch.setattr(files, "decode_input", exhausted)
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "apa"], "@misc{k,}")
    assert (code, stdout, stderr) == (4, "", "citeconv: error: out of memory; nothing written\n")


@pytest.mark.parametrize("shape", ["digits", "letters", "list", "alternating"])
def test_locator_tests_take_linear_time(shape: str) -> None:
    unit = {"digits": "1", "letters": "a", "list": "1,", "alternating": "a1"}[shape]

    def both(locator: str) -> object:
        return several(locator), numeric(locator + "x")

    assert growth(lambda size: unit * size, both, 40000) < GROWTH_BOUND


@pytest.mark.parametrize(
    ("locator", "is_several", "is_numeric"),
    [
        ("12-13", True, True),
        ("12a-13b", True, True),
        ("iv-vi", True, False),
        ("3 and 5", True, False),
        ("2x3-4", True, False),
        ("S1-S4", True, True),
        ("12", False, True),
        ("iii", False, False),
        ("12 and", False, False),
    ],
)
def test_locators_read_as_before(locator: str, is_several: bool, is_numeric: bool) -> None:
    assert (several(locator), numeric(locator)) == (is_several, is_numeric)


def test_finding_citations_takes_linear_time() -> None:
    def document(count: int) -> str:
        return " ".join(f"[@k{index}] @b{index}" for index in range(count))

    assert growth(document, find_citations, 4000) < GROWTH_BOUND


def rendered_clusters(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The clusters the engine renders: each is announced to positions.note_numbers_before."""
    from citeconv.rendering import positions

    calls: list[object] = []
    original = positions.note_numbers_before

    def counted(citation: object, *args: object) -> None:
        calls.append(citation)
        original(citation, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(positions, "note_numbers_before", counted)
    return calls


@pytest.mark.parametrize(
    ("style", "renders", "first_line"),
    [
        ("apa", 3, "(Roe, 2020) (Poe, 2020, p. 3) (Roe, 2020) (Poe, 2020, p. 3) "
                   "(Poe, 2020; Roe, 2020)"),
        ("vancouver", 3, "(1) (2) (1) (2) (1,2)"),
        ("chicago-author-date", 5, None),  # `position` tests in its citation macros
        ("chicago-notes-bibliography", 5, None),  # ibid and short forms: where a cite stands
        ("modern-language-association", 3, None),
    ],
)  # fmt: skip
def test_a_cluster_cited_again_is_rendered_once_unless_the_style_asks_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, style: str, renders: int, first_line: str
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{roe, author={Roe, Jane}, title={A}, journal={J}, year={2020}}\n"
        "@article{poe, author={Poe, Ed}, title={B}, journal={J}, year={2020}}\n",
        encoding="utf-8",
    )
    calls = rendered_clusters(monkeypatch)
    text = "[@roe] [@poe, p. 3] [@roe] [@poe, p. 3] [@roe; @poe]\n"
    code, stdout, stderr = run(["doc", "-b", str(bib), "--to", style], text)
    assert (code, stderr, len(calls)) == (0, "", renders)
    if first_line:
        assert stdout.splitlines()[0] == first_line


def test_cite_says_when_a_cited_key_was_renamed_as_a_duplicate(tmp_path: Path) -> None:
    items = tmp_path / "case.json"
    items.write_text(
        '[{"id": "Smith", "type": "book", "title": "Upper", "author": [{"family": "Upper"}]},'
        ' {"id": "smith", "type": "book", "title": "Lower", "author": [{"family": "Lower"}]},'
        ' {"id": "doe", "type": "book", "title": "Doe", "editor": ""}]',
        encoding="utf-8",
    )
    code, stdout, stderr = run(["cite", "smith", "--from", str(items), "--to", "apa"])
    assert (code, stdout) == (0, "(Upper, n.d.)\n")
    assert stderr == (  # the warning about `doe`, which is not cited, is left out
        f"{items}:1: warning[duplicate-key] entry 'smith': duplicate key, first used by an "
        "earlier entry; kept as 'smith-2'\n"
    )


def test_names_that_are_not_one_name_are_warned_of() -> None:
    bib = (
        "@misc{a, author={Doe, J; Roe, R; Poe, P}, title={T}}\n"
        "@misc{b, author={Doe, Jr, J, extra}, title={U}}\n"
        "@misc{c, author={given=Jane, family=Doe, prefix=van}, title={V}}\n"  # biblatex's form
        "@misc{d, author={{Smith; Jones Ltd} and Doe, Jr, Jane}, title={W}}\n"  # braced: a name
    )
    _, _, stderr = run(["check", "-"], bib)
    warnings = [line for line in stderr.splitlines() if "invalid-name" in line]
    assert warnings == [
        "<stdin>:1: warning[invalid-name] entry 'a': 'Doe, J; Roe, R; Poe, P' in 'author': ';' "
        "does not separate names in BibTeX ('and' does): read as one name",
        "<stdin>:2: warning[invalid-name] entry 'b': 'Doe, Jr, J, extra' in 'author': 3 commas: "
        "a name is 'Last, First' or 'Last, Jr, First' ('and' separates names); the rest is read "
        "as given names",
    ]


@pytest.mark.parametrize(
    ("json_text", "shown"), [("5", "a number"), ('"x"', "a string"), ("null", "null")]
)
def test_csl_json_that_is_no_array_names_its_file(
    tmp_path: Path, json_text: str, shown: str
) -> None:
    path = tmp_path / "items.json"
    path.write_text(json_text, encoding="utf-8")
    code, stdout, stderr = run(["convert", str(path), "--to", "apa"])
    assert (code, stdout) == (4, "")
    assert stderr == f"citeconv: error: {path}: CSL-JSON must be an array of items, not {shown}\n"


def test_an_object_that_is_no_item_is_reported_at_line_one(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text('{"items": [{"id": "a", "type": "book"}]}', encoding="utf-8")
    code, _, stderr = run(["convert", str(path), "--to", "apa"])
    assert code == 1
    assert stderr.startswith(
        f"{path}:1: error[syntax-error] item 1 is not an object with an id; skipped\n"
    )


def test_an_ris_end_page_without_a_start_page_is_kept_and_said() -> None:
    ris = "TY  - JOUR\nID  - x\nTI  - T\nEP  - 20\nER  - \n"
    code, stdout, stderr = run(["convert", "-", "--from", "ris", "--to", "csl-json"], ris)
    assert (code, '"page": "20"' in stdout) == (0, True)
    assert stderr == (
        "<stdin>:4: warning[missing-field] entry 'x': RIS tag EP (end page) without SP (start "
        "page): read as the page\n"
    )


@pytest.mark.parametrize(
    ("jo", "short"),
    [("J Ex", "J Ex"), ("Cell", None), ("Journal", None)],  # `Cell` is another journal
)
def test_an_ris_jo_is_the_abbreviation_only_of_every_word(jo: str, short: str | None) -> None:
    ris = f"TY  - JOUR\nID  - x\nJF  - Journal of Examples Cell\nJO  - {jo}\nER  - \n"
    ris = ris.replace("Examples Cell", "Examples") if jo == "J Ex" else ris
    code, stdout, stderr = run(["convert", "-", "--from", "ris", "--to", "csl-json"], ris)
    assert code == 0
    if short:
        assert f'"container-title-short": "{short}"' in stdout and stderr == ""
    else:
        assert "container-title-short" not in stdout or f'"{jo}"' not in stdout
        assert "RIS tag JO not used" in stderr


def test_an_at_sign_in_a_web_address_is_no_citation(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{doe2020, author={Doe, Jane}, title={T}, year={2020}}\n", "utf-8")
    text = (
        "Follow [me](https://mastodon.social/@doe2020) or https://mastodon.social/@doe2020,"
        " as @doe2020 says.\n"
    )
    code, stdout, stderr = run(["doc", "-b", str(bib), "--to", "apa"], text)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[0] == (
        "Follow [me](https://mastodon.social/@doe2020) or https://mastodon.social/@doe2020,"
        " as Doe (2020) says."
    )


def test_a_pipe_too_large_to_hold_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from citeconv.commands import files

    monkeypatch.setattr(files, "MAX_STREAM_BYTES", 1000)
    bib = "@misc{k, title={A}}\n" * 100
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "apa"], bib)
    assert (code, stdout) == (4, "")
    assert stderr == (
        "citeconv: error: <stdin>: over 256 MB through a pipe or device; give it as a file\n"
    )


def test_several_names_on_one_ris_line_are_split_and_said() -> None:
    ris = "TY  - JOUR\nID  - x\nAU  - Smith, J; Doe, K\nTI  - T\nER  - \n"
    code, stdout, stderr = run(["convert", "-", "--from", "ris", "--to", "apa"], ris)
    assert (code, stdout) == (0, "Smith, J., & Doe, K. (n.d.). T.\n")
    assert stderr == (
        "<stdin>:3: warning[invalid-name] entry 'x': RIS tag AU holds several names: split at ';'\n"
    )


@pytest.mark.parametrize(
    ("line", "issued", "warning"),
    [
        ("Y1  - March 2020", "[[2020, 3]]", ""),  # beside PY 2020: the fuller date, quietly
        ("Y1  - 15-20 June 2020", "[[2020, 6, 15], [2020, 6, 20]]", ""),
        ("DA  - 2020 Mar 5", "[[2020, 3, 5]]", ""),
        (
            "DA  - 2020/May/17",
            "[[2020]]",
            "<stdin>:4: warning[invalid-date] entry 'x': 'May/17' after the year is not read as "
            "a month and day; dropped\n",
        ),
    ],
)
def test_worded_ris_dates_are_read(line: str, issued: str, warning: str) -> None:
    ris = f"TY  - JOUR\nID  - x\nPY  - 2020\n{line}\nER  - \n"
    code, stdout, stderr = run(["convert", "-", "--from", "ris", "--to", "csl-json"], ris)
    assert (code, stderr) == (0, warning)
    item = json.loads(stdout)[0]
    assert json.dumps(item["issued"]["date-parts"]) == issued


def test_an_entry_that_starts_inside_a_broken_one_is_read() -> None:
    bib = (
        "@article{a, title = {Unclosed, year = 2020 } @article{b, title={B}, year=2021}\n"
        "@article{c, title={C}, year=2022}\n"
    )
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "apa"], bib)
    assert (code, stdout) == (1, "B. (2021).\nC. (2022).\n")
    assert stderr == (
        "<stdin>:1: error[syntax-error] entry 'a': entry not closed before the next entry "
        "(line 1); entry skipped\n"
        "citeconv: 1 entry not converted (see errors above); all others were written\n"
    )


def test_others_alone_is_no_author() -> None:
    bib = "@misc{a, author={others}, title={Alone}, year={2020}}\n"
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "apa"], bib)
    assert (code, stdout) == (0, "Alone. (2020).\n")
    assert (
        stderr == "<stdin>:1: warning[invalid-name] entry 'a': 'others' alone in 'author' dropped\n"
    )
