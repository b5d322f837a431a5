"""The last sweeps' leftovers (issue 15): a narrative citation of an entry with neither author
nor title printed its key, a key in a link's text was not cited (pandoc cites it), standard
input read from the output file was written over."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_linear_growth import GROWTH_BOUND, growth

from citeconv.commands import main
from citeconv.readers.encoding import decode_input
from citeconv.styles import resolve_style


def run(args: list[str], stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("style", "expected"),
    [("apa", "As (2020) says, and (2020).\n"), ("vancouver", "As (1) says, and (1).\n")],
)
def test_a_narrative_citation_of_a_nameless_untitled_entry_never_prints_the_key(
    tmp_path: Path, style: str, expected: str
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{nokey, year={2020}}\n", encoding="utf-8")
    document = "As @nokey says, and [@nokey].\n"
    code, stdout, stderr = run(["doc", "-b", str(bib), "--to", style], document)
    assert code == 0
    assert stdout.splitlines(keepends=True)[0] == expected
    assert stderr == (
        "<stdin>:1: warning[style-warning] entry 'nokey' has no author or title to name in the"
        " text; the citation prints without them\n"
    )


def test_a_narrative_citation_of_a_titled_entry_in_a_numeric_style_names_the_title(
    tmp_path: Path,
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{t, title={Only Title}, year={2020}}\n", encoding="utf-8")
    code, stdout, stderr = run(["doc", "-b", str(bib), "--to", "vancouver"], "As @t says.\n")
    assert (code, stderr) == (0, "")
    assert stdout.startswith("As Only Title (1) says.\n")


def test_a_key_in_a_links_text_is_cited_there_as_pandoc_does(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{ok, author={Doe, Jane}, year={2021}, title={T}}\n", encoding="utf-8")
    document = "See [@ok](https://x.org), [see @ok, p. 3](https://y.org), [x](https://z.org/@ok).\n"
    code, stdout, stderr = run(["doc", "-b", str(bib), "--to", "apa"], document)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[0] == (
        "See [Doe (2021)](https://x.org), [see Doe (2021), p. 3](https://y.org),"
        " [x](https://z.org/@ok)."
    )


def test_standard_input_read_from_the_output_file_is_not_written_over(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    text = "@misc{a, title={T}, year=2000}\n"
    bib.write_text(text, encoding="utf-8")
    for output in (str(bib), "/dev/stdin"):
        with bib.open("rb") as stdin:
            done = subprocess.run(
                [sys.executable, "-m", "citeconv", "convert", "--to", "apa", "-o", output],
                stdin=stdin,
                capture_output=True,
                text=True,
                check=False,
            )
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == (
            f"citeconv: error: refusing to write over the input file '{output}' (standard input)\n"
        )
        assert bib.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_style_that_is_no_regular_file_is_refused_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, special: str
) -> None:
    # A style read without end took 24 GB (issue 15); from the configuration file as well.
    if special == "fifo":
        special = str(tmp_path / "style.csl")
        os.mkfifo(special)
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, title={T}, year=2000}\n", encoding="utf-8")
    expected = f"citeconv: error: {special}: not a regular file (a device, FIFO or socket)\n"
    assert run(["convert", str(bib), "--to", special, "--no-cache"]) == (4, "", expected)
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.citeconv]\nstyle = "{special}"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert run(["convert", str(bib), "--no-cache"]) == (4, "", expected)


def test_a_style_file_over_the_size_bound_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    style = tmp_path / "huge.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl">' + " " * 2_200_000 + "</style>"
    )
    monkeypatch.setattr("citeconv.styles.MAX_STYLE_BYTES", 2 * 1024 * 1024)
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", str(style)], "")
    assert (code, stdout) == (4, "")
    assert stderr == f"citeconv: error: {style}: larger than 2 MB; no CSL style is that large\n"


def test_year_suffixes_go_on_after_zz() -> None:
    # 703 works of one author and year: the list of letters stopped at zz, and the 703rd
    # and later printed without a suffix, alike.
    records = "TY  - JOUR\nAU  - Smith, J\nPY  - 2020\nER  - \n" * 703
    code, stdout, stderr = run(["convert", "-", "--from", "ris", "--to", "apa"], records)
    assert (code, stderr) == (0, "")
    lines = stdout.splitlines()
    assert len(lines) == len(set(lines)) == 703
    assert lines[701:] == ["Smith, J. (2020zz).", "Smith, J. (2020aaa)."]


@pytest.mark.parametrize("wide", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_concatenated_after_utf8_text_is_read(tmp_path: Path, wide: str) -> None:
    # `cat a.bib b-utf16.bib c.bib`: the UTF-16 part's entries were lost without an error.
    first = "@article{a, title={Café}, year=2020}\n".encode()
    middle = "\ufeff@article{b, title={Zürich}, year=2021}\n@misc{b2, title={X}}\n".encode(wide)
    last = "@article{c, title={Ünd}, year=2022}\n".encode()
    path = tmp_path / "cat.bib"
    path.write_bytes(first + middle + last)
    code, stdout, stderr = run(["convert", str(path), "--to", "apa"])
    assert code == 0
    assert stdout == "Café. (2020).\nX. (n.d.).\nZürich. (2021).\nÜnd. (2022).\n"
    assert stderr == (
        f"{path}:2: warning[encoding] a UTF-16 part (byte-order mark) starts here; read as UTF-16\n"
    )


def test_utf16_without_a_mark_after_other_text_is_said_to_be_unread(tmp_path: Path) -> None:
    path = tmp_path / "mixed.bib"
    tail = "@article{b, title={Lost}, year=2021}\n".encode("utf-16-le")
    path.write_bytes(b"@article{a, title={Kept}, year=2020}\n" + tail)
    code, stdout, stderr = run(["convert", str(path), "--to", "apa"])
    assert (code, stdout) == (0, "Kept. (2020).\n")
    assert stderr.splitlines()[-1] == (
        f"{path}:2: warning[encoding] NUL bytes from here on (binary data, or UTF-16 text without"
        " a byte-order mark after other text): nothing in them is read"
    )


def test_ris_files_joined_with_their_byte_order_marks_keep_every_record(tmp_path: Path) -> None:
    first = "\ufeffTY  - JOUR\nAU  - Smith, J\nTI  - First\nPY  - 2020\nER  - \n"
    second = "\ufeffTY  - BOOK\nAU  - Doe, J\nTI  - Second\nPY  - 2021\nER  - \n"
    path = tmp_path / "joined.ris"
    path.write_bytes((first + second).encode("utf-8"))
    code, stdout, stderr = run(["convert", str(path), "--to", "apa"])
    assert (code, stderr) == (0, "")
    assert stdout == "Doe, J. (2021). Second.\nSmith, J. (2020). First.\n"


def test_ris_name_lines_without_a_name_and_repeated_single_tags_are_said() -> None:
    record = (
        "TY  - JOUR\nAU  - ,\nAU  - Smith, J\nTI  - T\nUR  - http://a.org\n"
        "UR  - http://b.org\nN1  - one\nN1  - two\nER  - \n"
    )
    code, stdout, stderr = run(["convert", "-", "--from", "ris", "--to", "csl-json"], record)
    assert code == 0
    item = json.loads(stdout)[0]
    assert (item["author"], item["URL"], item["note"]) == (
        [{"family": "Smith", "given": "J"}],
        "http://a.org",
        "one; two",
    )
    assert stderr.splitlines() == [
        f"<stdin>:2: warning[invalid-name] entry '{item['id']}': RIS tag AU holds no name: dropped",
        f"<stdin>:6: warning[unmapped-field] entry '{item['id']}': RIS tag UR not used: 'URL' is"
        " already set from an earlier UR line (line 5)",
    ]


def test_a_stray_and_in_a_bibtex_name_list_is_no_person() -> None:
    bib = "@article{x, title={T}, author={A and and B and C and and}, year=2020}\n"
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "apa"], bib)
    assert (code, stdout) == (0, "A, B, & C. (2020). T.\n")
    assert stderr.splitlines() == [
        "<stdin>:1: warning[invalid-name] entry 'x': empty name in 'author' dropped",
        "<stdin>:1: warning[invalid-name] entry 'x': a name 'and' in 'author' (a stray 'and' in"
        " the list?) dropped",
    ]


def test_text_after_a_value_does_not_take_the_next_field_with_it() -> None:
    bib = (
        "@article{a,\n  title={T},\n  keywords = {x} junk words here\n  author={A, B},\n"
        "  journal={J}, year=2020}\n"
    )
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "apa"], bib)
    assert (code, stdout) == (0, "A, B. (2020). T. J.\n")
    assert stderr == (
        "<stdin>:3: warning[syntax-error] entry 'a': field 'keywords': unexpected text after the"
        " value; ignored, and 'author' read after it\n"
    )


def test_a_relative_style_path_in_a_configuration_file_is_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "styles").mkdir()
    apa = Path(str(resolve_style("apa").path))
    (tmp_path / "styles" / "house.csl").write_bytes(apa.read_bytes())
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citeconv]\nstyle = "styles/house.csl"\n', encoding="utf-8"
    )
    (tmp_path / "docs").mkdir()
    bib = tmp_path / "docs" / "refs.bib"
    bib.write_text("@misc{a, title={T}, year=2000}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "docs")  # the file is found by walking up: run from below it
    assert run(["convert", "refs.bib", "--no-cache"]) == (0, "T. (2000).\n", "")


def test_c1_control_characters_are_removed_like_c0_ones() -> None:
    bib = "@article{a, title={x\u0085y\u009b31mz}, year=2020}\n"
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "apa"], bib)
    assert (code, stdout) == (0, "xy31mz. (2020).\n")  # a word with digits keeps its case
    assert stderr == (
        "<stdin>:1: warning[encoding] 2 control characters (U+0085, U+009B) removed, the first"
        " here\n"
    )


def test_an_unknown_key_with_a_locator_is_an_error_even_in_the_text(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, title={T}, year=2000}\n", encoding="utf-8")
    document = "Mail @someone today.\n\nAs @nokey [p. 3] shows.\n"
    code, stdout, stderr = run(["doc", "-b", str(bib)], document)
    assert (code, stdout) == (1, document)
    assert stderr.splitlines()[:2] == [
        "<stdin>:1: warning[unknown-key] citation key 'someone' is not in the bibliography; left"
        " as written",
        "<stdin>:3: error[unknown-key] citation key 'nokey' is not in the bibliography; left as"
        " written",
    ]


def test_a_citation_in_an_html_comment_is_left_alone(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, author={Doe, J}, title={T}, year=2000}\n", encoding="utf-8")
    document = "Text [@a].\n<!-- old: [@a] and\n[@gone] -->\n"
    code, stdout, stderr = run(["doc", "-b", str(bib)], document)
    assert (code, stderr) == (0, "")
    assert stdout.startswith("Text (Doe, 2000).\n<!-- old: [@a] and\n[@gone] -->\n")


@pytest.mark.parametrize(
    ("season", "printed", "warning"),
    [
        ("Spring", "Spring 2020", ""),
        (3, "Autumn 2020", ""),
        (7, "2020", "season 7 in 'issued' is no season (1-4 or its name); dropped"),
        (
            "Frühling",
            "2020",
            "season 'Frühling' in 'issued' is no season (1-4 or its name); dropped",
        ),
    ],
)
def test_a_csl_json_season_prints_or_is_said_to_be_dropped(
    season: str | int, printed: str, warning: str
) -> None:
    issued = {"date-parts": [[2020]], "season": season}
    item = {"id": "a", "type": "article-journal", "title": "T", "container-title": "J"}
    items = json.dumps([{**item, "issued": issued}])
    code, stdout, stderr = run(["convert", "-", "--from", "csl-json", "--to", "mla"], items)
    assert (code, stdout) == (0, f"\u201cT\u201d. J, {printed}.\n")
    assert stderr == (f"<stdin>:1: warning[syntax-error] entry 'a': {warning}\n" if warning else "")


def test_a_field_written_twice_in_a_csl_json_item_is_said() -> None:
    items = '[{"id": "a", "type": "book", "title": "T", "title": "U"}]'
    code, stdout, stderr = run(["convert", "-", "--from", "csl-json", "--to", "apa"], items)
    assert (code, stdout) == (0, "U. (n.d.).\n")
    assert stderr == (
        "<stdin>:1: warning[syntax-error] entry 'a': field 'title' appears more than once in the"
        " item; the last value kept\n"
    )


def test_output_onto_a_symbolic_link_loop_is_an_unwritable_output(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, title={T}, year=2000}\n", encoding="utf-8")
    out = str(tmp_path / "a")
    assert run(["convert", str(bib), "--to", "apa", "-o", out]) == (
        4,
        "",
        f"citeconv: error: {out}: cannot write: Too many levels of symbolic links\n",
    )
    assert (tmp_path / "a").is_symlink()  # never replaced by a file of its own


def test_file_names_that_are_not_utf8_convert_and_are_shown_escaped(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    bib, style = folder + b"/caf\xe9.bib", folder + b"/house\xff.csl"
    with open(bib, "wb") as out:
        out.write(b"@misc{a, title={T}, year=2000, month={13}}\n")
    with open(style, "wb") as out:
        out.write(Path(str(resolve_style("apa").path)).read_bytes())
    args = ["convert", os.fsdecode(bib), "--to", os.fsdecode(style)]
    code, stdout, stderr = run(args)  # with the cache: its keys hash the names too
    assert (code, stdout) == (0, "T. (2000).\n")
    assert stderr.startswith(f"{tmp_path}/caf\\xe9.bib:1: warning[invalid-date] entry 'a'")


def test_an_accent_on_nothing_is_the_accent_itself() -> None:
    # `\~{}` is how BibTeX files write a literal tilde (`http://x.org/\~{}smith`).
    bib = "@misc{a, title={A\\~{}B, C{\\^{}}D, E\\'{}}, url={http://x.org/\\~{}smith}}\n"
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "csl-json"], bib)
    assert (code, stderr) == (0, "")
    item = json.loads(stdout)[0]
    assert (item["title"], item["URL"]) == ("A~B, C^D, E\u00b4", "http://x.org/~smith")


def test_a_link_with_a_braced_tilde_stays_one_link() -> None:
    bib = "@misc{a, title={T}, howpublished={\\url{http://x.org/{\\~{}}smith}}, year=2000}\n"
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "csl-json"], bib)
    assert (code, stderr) == (0, "")
    item = json.loads(stdout)[0]
    assert item["URL"] == "http://x.org/~smith" and "publisher" not in item


def test_brackets_before_other_brackets_read_as_pandoc_reads_them(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, author={Doe, J}, title={T}, year=2000}\n", encoding="utf-8")
    document = "A [@a][x and more. B [@a][] C [@a][nope] D [@a](x) E [@a]: end\n"
    code, stdout, stderr = run(["doc", "-b", str(bib)], document)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[0] == (
        "A (Doe, 2000)[x and more. B [Doe (2000)][] C [Doe (2000)][nope] D [Doe (2000)](x)"
        " E (Doe, 2000): end"
    )


def test_a_ris_end_page_beside_a_start_page_range_is_not_joined_to_it() -> None:
    records = "".join(
        f"TY  - JOUR\nTI  - {title}\nSP  - {start}\nEP  - {end}\nER  - \n"
        for title, start, end in (("T", "10-20", "30"), ("U", "10-20", "20"), ("V", "10", "20"))
    )
    code, stdout, stderr = run(["convert", "-", "--from", "ris", "--to", "csl-json"], records)
    assert code == 0
    assert [item["page"] for item in json.loads(stdout)] == ["10-20", "10-20", "10-20"]
    assert stderr == (
        "<stdin>:4: warning[unmapped-field] entry 'record1': RIS tag EP not used: SP already"
        " holds a range ('10-20')\n"
    )


def test_many_joined_utf16_parts_decode_in_linear_time() -> None:
    part = b"@misc{a, title={T}}\n" + "\ufeff@misc{b, title={U}}\n".encode("utf-16-le")

    def make(count: int) -> bytes:
        return part * count

    assert growth(make, lambda data: decode_input(data, "x.bib"), 8_000) < GROWTH_BOUND
