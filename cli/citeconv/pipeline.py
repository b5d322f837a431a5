"""The whole architecture on one screen: read -> CSL-JSON hub -> write, diagnostics threaded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Code, Diagnostic, Result, Severity
from citeconv.formats import Reader, ReadOptions, WriteOptions, Writer


@dataclass(frozen=True)
class Source:
    text: str
    name: str  # the file name as given, or "<stdin>"


def read_all(
    sources: Sequence[Source], reader: Reader, options: ReadOptions
) -> Result[Bibliography]:
    """Read each source and merge them in order; a key seen in an earlier source wins."""
    results = [reader.read(source.text, source.name, options) for source in sources]
    diagnostics = [d for result in results for d in result.diagnostics]
    items: list[CslItem] = []
    spans = {}
    seen: set[str] = set()
    for result in results:
        for item in result.value.items:
            span = result.value.span_of(item["id"])
            if item["id"].lower() in seen:
                diagnostics.append(
                    Diagnostic(
                        Severity.ERROR,
                        Code.DUPLICATE_KEY,
                        "key already defined in an earlier input; entry skipped",
                        span,
                    )
                )
                continue
            seen.add(item["id"].lower())
            items.append(item)
            if span is not None:
                spans[item["id"]] = span
    return Result(Bibliography(tuple(items), spans), tuple(diagnostics))


def convert(
    sources: Sequence[Source],
    reader: Reader,
    writer: Writer,
    read_options: ReadOptions,
    write_options: WriteOptions,
) -> Result[str]:
    hub = read_all(sources, reader, read_options)
    output = writer.write(hub.value, write_options)
    return Result(output.value, hub.diagnostics + output.diagnostics)
