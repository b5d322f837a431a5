"""Inputs of about 1 MB made of many tiny entries (issue 15: no input of 1 MB or less takes more
than 10 s or 1 GB). Not part of the test suite; tests/test_linear_growth.py uses the same shapes
at small sizes.

    python bench/tiny_entries.py [--mb 1] [--formats apa,vancouver,...] [--shapes ...]

Each shape is written to a temporary file and converted cold (`--no-cache`, `--jobs 1`) to
each format; the table gives CPU seconds (user + system) and peak RSS from GNU time.

Shapes (N counts up from 0):
- `titles`: `@misc{kN, title={Word N}, year={2000}}`, no author: every entry is its own
  title-as-author group of one year.
- `authors`: the same with one author each, `Surname N, Given`.
- `shared`: one author and one year for every 500 entries (`Surname (N // 500)`), so year
  suffixes run to `2000sf` and disambiguation compares many works of one author and year.
- `same`: every entry by the same author in the same year (the worst case for suffixes).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

FORMATS = ("apa", "vancouver", "chicago-author-date", "ieee", "ris", "csl-json")


def titles(index: int) -> str:
    return f"@misc{{k{index}, title={{Word {index}}}, year={{2000}}}}\n"


def authors(index: int) -> str:
    return (
        f"@misc{{k{index}, author={{Surname{index}, Given}}, title={{Word {index}}}, "
        f"year={{2000}}}}\n"
    )


def shared(index: int) -> str:
    return (
        f"@misc{{k{index}, author={{Surname{index // 500}, Given}}, "
        f"title={{Word {index}}}, year={{2000}}}}\n"
    )


def same(index: int) -> str:
    return f"@misc{{k{index}, author={{Surname, Given}}, title={{Word {index}}}, year={{2000}}}}\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "titles": titles,
    "authors": authors,
    "shared": shared,
    "same": same,
}


def build(shape: Callable[[int], str], size: int) -> str:
    """Entries of `shape` until the text holds `size` characters."""
    parts: list[str] = []
    length = 0
    while length < size:
        part = shape(len(parts))
        parts.append(part)
        length += len(part)
    return "".join(parts)


def measure(path: Path, fmt: str) -> tuple[float, float, int]:
    """(CPU seconds, peak RSS in MB, exit status) of one cold conversion."""
    citeconv = Path(sys.executable).parent / "citeconv"
    command = ["/usr/bin/time", "-v", str(citeconv), "convert", str(path), "--to", fmt]
    command += ["--no-cache", "--jobs", "1", "-o", "/dev/null"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    report = done.stderr

    def number(label: str) -> float:
        found = re.search(rf"{label}: ([\d.]+)", report)
        return float(found.group(1)) if found else float("nan")

    cpu = number(r"User time \(seconds\)") + number(r"System time \(seconds\)")
    return cpu, number(r"Maximum resident set size \(kbytes\)") / 1024, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--shapes", default=",".join(SHAPES))
    args = parser.parse_args()
    print("| shape | entries | format | CPU s | peak RSS MB | exit |")
    print("| --- | ---: | --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as directory:
        for name in args.shapes.split(","):
            text = build(SHAPES[name], int(args.mb * 1_000_000))
            path = Path(directory) / f"{name}.bib"
            path.write_text(text, encoding="utf-8")
            entries = text.count("@misc")
            for fmt in args.formats.split(","):
                cpu, rss, status = measure(path, fmt)
                print(f"| {name} | {entries:,} | {fmt} | {cpu:.2f} | {rss:.0f} | {status} |")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
