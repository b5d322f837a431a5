"""Every engine unit installed into citeproc-py, in the one order that works: units that wrap
the same method wrap each other, so the order is part of the fix (the comments say why where it
matters). Each unit patches the modules the adapter (rendering/citeproc.py) hands it and never
imports citeproc-py itself; each is pinned in tests/KNOWN_DIFFERENCES.md or by the CSL fixtures
its docstring names.
"""

from __future__ import annotations

from typing import Any

from citeconv.rendering import (
    absent_names,
    ambiguity,
    author_substitute,
    cite_locators,
    cite_order,
    collapse,
    columns,
    dates,
    engine_patches,
    givennames,
    ibid,
    initials,
    labels,
    macro_groups,
    name_options,
    name_parts,
    name_variables,
    names,
    names_etal,
    ordinal_gender,
    page_ranges,
    positions,
    pruned_subtrees,
    punctuation,
    sort_keys,
    sort_names,
    speedups,
    substitute,
    substitute_walk,
    term_forms,
    text_case,
    year_suffix,
)


def install(model: Any, string: Any, source: Any, citation_item: Any) -> None:
    """Patch citeproc-py's `model`, `string` and `source` modules (each unit is idempotent)."""
    text_case.install(model, string)  # before engine_patches wraps Label.case
    substitute_walk.install(model)  # before engine_patches wraps Substitute.render
    engine_patches.install(model, string)
    name_variables.install(model, source)  # after engine_patches, which extends the names
    names_etal.install(model)  # innermost on Name.process: reads the et-al options set
    name_options.install(model)  # inside ambiguity's wrapper, which sets et-al options
    name_parts.install(model, string)
    dates.install(model)
    page_ranges.install(model)
    ambiguity.install(model)
    givennames.install(model, source)
    initials.install(model)
    names.install(model)
    substitute.install(model)
    labels.install(model)
    term_forms.install(model)
    ordinal_gender.install(model)
    macro_groups.install(model)
    cite_locators.install(model)
    speedups.install(model, source, citation_item)
    cite_order.install(model)  # before positions and collapse, which wrap it
    positions.install(model)
    ibid.install(model)
    collapse.install(model)
    columns.install(model)
    punctuation.install(model, string)
    year_suffix.install(model)
    author_substitute.install(model)
    sort_keys.install(model, string)
    sort_names.install(model)
    absent_names.install(model)  # outer on Names.process: it stands for every unit below
    pruned_subtrees.install(model)  # outermost on Macro, Choose, Group and Names
