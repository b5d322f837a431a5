"""Project configuration: where it is found, what it may hold, and that options beat it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.commands.config import find_config_file
from citeconv.settings import SETTINGS, InvalidConfig, parse_settings

ONE_ARTICLE = "@article{k1, author = {Doe, Jane}, title = {A title}, journal = {J}, year = 2001}\n"
RIS = "TY  - JOUR\nID  - k1\nAU  - Doe, Jane\nTI  - A title\nT2  - J\nPY  - 2001\nER  - \n"
PYPROJECT = """\
[project]
name = "thesis"

[tool.mypy]
strict = true

[tool.citeconv]
style = "ris"
newline = "crlf"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder holding PYPROJECT and refs.bib, and the current folder for the test."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(ONE_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".cache"))  # not the user's cache
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    # The bytes, because click's `result.stdout` turns \r\n into \n.
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr


# --- precedence: built-in default < config file < command-line option -------------------------


def test_settings_from_pyproject_are_the_defaults(project: Path) -> None:
    assert invoke("convert", "refs.bib") == (0, RIS.replace("\n", "\r\n"), "")


def test_an_option_on_the_command_line_beats_the_file(project: Path) -> None:
    assert invoke("convert", "refs.bib", "--newline", "lf") == (0, RIS, "")
    code, out, _ = invoke("convert", "refs.bib", "--to", "csl-json")
    assert code == 0
    assert out.startswith("[\r\n  {\r\n")  # the file's `newline` holds for every format


def test_the_output_suffix_beats_a_style_from_the_file(project: Path) -> None:
    # `-o refs.json` says CSL-JSON as plainly as `--to csl-json` would; the file only sets a
    # default for when the command line says nothing.
    assert invoke("convert", "refs.bib", "-o", "refs.json") == (0, "", "")
    assert (project / "refs.json").read_text(encoding="utf-8").startswith("[\n  {\n")


def test_no_config_ignores_the_file(project: Path) -> None:
    assert invoke("--no-config", "convert", "refs.bib") == (
        2,
        "",
        "citeconv: error: no output format: pass --to FORMAT (e.g. --to apa)\n",
    )


def test_an_explicit_config_file_replaces_the_search(project: Path) -> None:
    (project / "other.toml").write_text('style = "ris"\n', encoding="utf-8")
    assert invoke("--config", "other.toml", "convert", "refs.bib") == (0, RIS, "")


def test_boolean_settings_and_their_negating_options(project: Path) -> None:
    (project / "citeconv.toml").write_text('style = "ris"\nstrict = true\n', encoding="utf-8")
    (project / "warn.bib").write_text("@article{w, title = {T}, year = {20xx}}\n", "utf-8")
    code, out, err = invoke("convert", "warn.bib")
    assert code == 3  # strict from the file: warnings fail the run
    assert "warning[invalid-date]" in err
    assert out.startswith("TY  - JOUR\n")


def test_abbreviate_false_in_the_file_and_abbreviate_on_the_command_line(project: Path) -> None:
    bib = "@article{a, title = {T}, journal = {British Journal of Cancer}, year = 2020}\n"
    (project / "j.bib").write_text(bib, encoding="utf-8")
    (project / "citeconv.toml").write_text('style = "ris"\nabbreviate = false\n', "utf-8")
    assert "J2  - " not in invoke("convert", "j.bib")[1]
    assert "J2  - Br J Cancer\n" in invoke("convert", "j.bib", "--abbreviate", "--no-cache")[1]


# --- `citeconv config` -------------------------------------------------------------------------


def test_config_shows_each_setting_and_where_it_came_from(project: Path) -> None:
    (project / "docs").mkdir()
    result = CliRunner().invoke(main, ["config"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout == (
        "config file: pyproject.toml [tool.citeconv]\n"
        "setting        value  from\n"
        "style          ris    pyproject.toml:8\n"
        "locale         -      default\n"
        "markup         text   default\n"
        "title-case     auto   default\n"
        "abbreviate     true   default\n"
        "keep-unmapped  false  default\n"
        "strict         false  default\n"
        "newline        crlf   pyproject.toml:9\n"
    )


def test_config_from_a_subfolder_names_the_file_relative_to_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "docs").mkdir()
    monkeypatch.chdir(project / "docs")
    out = invoke("config")[1]
    assert out.splitlines()[0] == "config file: ../pyproject.toml [tool.citeconv]"
    assert "style          ris    ../pyproject.toml:8\n" in out


def test_config_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()  # the search stops at the repository root
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("config")
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        "config file: none found in this folder or its parents",
        "setting        value  from",
    ]
    assert invoke("--no-config", "config")[1].splitlines()[0] == "config file: none (--no-config)"


def test_every_setting_feeds_an_option_of_convert() -> None:
    from citeconv.commands.convert import convert

    parameters = {param.name for param in convert.params}
    assert {setting.parameter for setting in SETTINGS} <= parameters


# --- errors: compiler-style, exit 2 ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'style = "apa"\nstlye = "vancouver"\n',
            "citeconv.toml:2: unknown setting 'stlye'; did you mean 'style'?",
        ),
        (
            "colour = true\n",
            "citeconv.toml:1: unknown setting 'colour'; known: style, locale, markup, "
            "title-case, abbreviate, keep-unmapped, strict, newline",
        ),
        (
            'markup = "htm"\n',
            "citeconv.toml:1: 'markup' must be one of text, html, markdown, pandoc, rst, latex, "
            "not 'htm'",
        ),
        ('strict = "yes"\n', "citeconv.toml:1: 'strict' must be true or false, not 'yes'"),
        ("style = 3\n", "citeconv.toml:1: 'style' must be a string, not 3"),
        (
            '"locale" = "en-UK"\n',
            "citeconv.toml:1: unknown locale 'en-UK'; did you mean 'en-GB' or 'en-US'?",
        ),
    ],
)
def test_bad_settings_are_usage_errors_pointing_at_the_line(text: str, message: str) -> None:
    with pytest.raises(InvalidConfig) as raised:
        parse_settings(text, "citeconv.toml")
    assert str(raised.value).splitlines()[0] == message
    assert raised.value.exit_code == 2


def test_the_line_is_counted_inside_the_citeconv_table() -> None:
    # [tool.mypy] has `strict` too; the error must point at the one under [tool.citeconv].
    text = PYPROJECT + 'strict = "yes"\n'
    with pytest.raises(InvalidConfig, match=r"^pyproject.toml:10: 'strict' must be true"):
        parse_settings(text, "pyproject.toml")
    with pytest.raises(InvalidConfig, match=r"in \[tool.citeconv\]; did you mean 'style'"):
        parse_settings(PYPROJECT + 'styel = "apa"\n', "pyproject.toml")


@pytest.mark.parametrize(
    "command",
    [
        ["convert", "refs.bib"],
        ["check", "refs.bib"],
        ["cite", "k1", "--from", "refs.bib"],
        ["config"],
    ],
)
def test_invalid_toml_stops_every_command_that_uses_settings(
    project: Path, command: list[str]
) -> None:
    (project / "citeconv.toml").write_text('style = "apa\n', encoding="utf-8")
    code, out, err = invoke(*command)
    assert (code, out) == (2, "")
    assert err.startswith("citeconv: error: citeconv.toml: not valid TOML: ")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "command",
    [
        ["--help"],
        ["convert", "--help"],
        ["config", "--help"],
        ["styles", "vancouver"],
        ["completion", "bash"],
        ["--no-config", "convert", "refs.bib", "--to", "ris"],
    ],
)
def test_a_broken_file_still_leaves_help_styles_and_completion(
    project: Path, command: list[str]
) -> None:
    # The help explains the settings: it must be readable while the file is being fixed.
    (project / "pyproject.toml").write_text(PYPROJECT.replace("style", "stlye"), encoding="utf-8")
    assert invoke("convert", "refs.bib")[::2] == (
        2,
        "citeconv: error: pyproject.toml:8: unknown setting 'stlye' in [tool.citeconv]; "
        "did you mean 'style'?\n",
    )
    code, out, err = invoke(*command)
    assert (code, err) == (0, "")
    assert out


def test_locale_in_the_file_is_normalised() -> None:
    values = parse_settings('locale = "en_gb"\n', "citeconv.toml")
    assert values["locale"].value == "en-GB"
    assert values["locale"].origin == "citeconv.toml:1"


# --- the search -------------------------------------------------------------------------------


def test_citeconv_toml_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "citeconv.toml").write_text("", encoding="utf-8")
    assert find_config_file(tmp_path) == tmp_path / "citeconv.toml"


def test_the_nearest_config_upwards_is_found(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    deep = tmp_path / "docs" / "chapters"
    deep.mkdir(parents=True)
    assert find_config_file(deep) == tmp_path / "pyproject.toml"


def test_a_pyproject_without_the_table_is_the_project_boundary(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    inner = tmp_path / "subproject"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "inner"\n', encoding="utf-8")
    assert find_config_file(inner) is None


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "citeconv.toml").write_text("", encoding="utf-8")
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    assert find_config_file(repository) is None


def test_a_dependency_named_citeconv_is_not_a_settings_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["citeconv>=0.1"]\n', encoding="utf-8"
    )
    assert find_config_file(tmp_path) is None
