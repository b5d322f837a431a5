"""The sample as a careful reference librarian writes it (issue 2), asserted literally.

Independent of the golden files, so regenerating goldens cannot hide a regression here."""

from __future__ import annotations

import json

from click.testing import CliRunner

from citeconv.commands import main

from conftest import SEEDS

SAMPLE = str(SEEDS / "koutras2020.bib")

APA = (
    "Koutras, A., Zagouri, F., Koliou, G.-A., Psoma, E., Chryssogonidis, I., Lazaridis, G., "
    "Tryfonopoulos, D., Kotsakis, A., Res, E., Kentepozidis, N. K., Razis, E., Psyrri, A., "
    "Koumakis, G., Kalofonos, H. P., Dimopoulos, M. A., & Fountzilas, G. (2020). Phase 2 study "
    "of cabazitaxel as second-line treatment in patients with HER2-negative metastatic breast "
    "cancer previously treated with taxanes—A Hellenic Cooperative Oncology Group (HeCOG) "
    "Trial. British Journal of Cancer, 123(3), 355–361. "
    "https://doi.org/10.1038/s41416-020-0909-4\n"
)
VANCOUVER = (
    "1. Koutras A, Zagouri F, Koliou GA, Psoma E, Chryssogonidis I, Lazaridis G, et al. Phase 2 "
    "study of cabazitaxel as second-line treatment in patients with HER2-negative metastatic "
    "breast cancer previously treated with taxanes—a Hellenic Cooperative Oncology Group "
    "(HeCOG) Trial. Br J Cancer. 2020;123(3):355-61. doi:10.1038/s41416-020-0909-4\n"
)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["convert", SAMPLE, *args])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_apa_is_exact() -> None:
    assert run("--to", "apa") == APA


def test_vancouver_is_exact() -> None:
    assert run("--to", "vancouver") == VANCOUVER


def test_ris_has_every_tag_the_librarian_expects() -> None:
    lines = run("--to", "ris").splitlines()
    assert lines[0] == "TY  - JOUR"
    assert lines[-1] == "ER  - "
    assert lines[1] == "ID  - 3078780"
    authors = [line for line in lines if line.startswith("AU  - ")]
    assert len(authors) == 16
    assert authors[0] == "AU  - Koutras, A." and authors[-1] == "AU  - Fountzilas, G."
    for expected in (
        "T2  - British Journal of Cancer",
        "J2  - Br J Cancer",
        "PY  - 2020",
        "VL  - 123",
        "IS  - 3",
        "SP  - 355",
        "EP  - 361",
        "PB  - Springer Nature BV",
        "SN  - 0007-0920",
        "SN  - 1532-1827",
        "DO  - 10.1038/s41416-020-0909-4",
        "KW  - Drug Resistance, Neoplasm",
    ):
        assert expected in lines
    abstracts = [line for line in lines if line.startswith("AB  - ")]
    assert len(abstracts) == 1 and abstracts[0].endswith("Cancer Research UK.")
    assert all(len(line) >= 6 and line[2:6] == "  - " for line in lines)


def test_csl_json_hub() -> None:
    (item,) = json.loads(run("--to", "csl-json"))
    assert item["type"] == "article-journal"
    assert len(item["author"]) == 16
    assert item["author"][2] == {"family": "Koliou", "given": "G.-A."}
    assert item["author"][9] == {"family": "Kentepozidis", "given": "N. K."}
    assert item["issued"] == {"date-parts": [[2020]]}
    assert item["page"] == "355-361"
    assert item["container-title"] == "British Journal of Cancer"
    assert item["container-title-short"] == "Br J Cancer"
    for variable in ("volume", "issue", "DOI", "ISSN", "publisher", "keyword", "abstract"):
        assert variable in item
