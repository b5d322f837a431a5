"""Cites that render alike told apart by names (`disambiguate-add-names`), then by year suffix.

citeproc-py does no disambiguation. For the works cited in a document: each is rendered alone
(first position, no year suffix); works whose cites print the same text are ambiguous. With
`disambiguate-add-names`, their names lists grow together (`Smith, Brown, et al.`) until the
cites differ. A work whose cite the added names made unique loses the year suffix
rendering/disambiguation.py gave it by author and year; the others keep theirs, which match
the whole reference list.

Fixtures: disambiguate_AndreaEg*, disambiguate_SetsOfNames, disambiguate_ByCite*,
bugreports_DisambiguationAddNames.

This module never imports citeproc-py: the adapter hands its `model` module to install() and
renders the probes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, MutableMapping
from typing import Any

from citeconv.rendering import givennames
from citeconv.rendering.element_attributes import attributes_set

USE_FIRST = "citeconv_use_first"  # on an engine reference: names to show before "et al."
STILL_AMBIGUOUS = "citeconv_still_ambiguous"  # on a reference: `disambiguate="true"` holds
_YEAR_SUFFIX = "year_suffix"
_model: Any = None


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_ambiguity", False):
        return
    model.Name.process = _names_as_disambiguated(model.Name.process)
    # `<if disambiguate="true">` (citeproc-py ignored the test, so such a branch always held):
    # true only in citations, for works whose cites stay ambiguous after names were added.
    model.If.citeconv_disambiguate = _disambiguate_test
    model._citeconv_ambiguity = True


def _names_as_disambiguated(original: Any) -> Any:
    """Names shown before "et al." raised for this cite: the cs:name's et-al options are set
    on the element while it renders, then put back."""

    def process(self: Any, item: Any, variable: Any, context: Any = None, **kwargs: Any) -> Any:
        shown = item.reference.get(USE_FIRST) if kwargs.get("sort_options") is None else None
        if shown:
            layout = (context if context is not None else self).get_layout()
            shown = shown if isinstance(layout.getparent(), _model.Citation) else None
        if not shown:
            return original(self, item, variable, context, **kwargs)
        raised: dict[str, str | None] = {
            name: str(max(int(self.get_option(name, context)), int(shown)))
            for name in _USE_FIRST_OPTIONS
        }
        for name in _MIN_OPTIONS:
            if self.get_option(name, context):  # all names shown: no "et al." after them
                raised[name] = str(max(int(self.get_option(name, context)), int(shown) + 1))
        with attributes_set(self, raised):
            return original(self, item, variable, context, **kwargs)

    return process


_USE_FIRST_OPTIONS = ("et-al-use-first", "et-al-subsequent-use-first")
_MIN_OPTIONS = ("et-al-min", "et-al-subsequent-min")


def disambiguation_state(reference: Any) -> tuple[Any, ...]:
    """Everything disambiguation writes on an engine reference: a work's cite rendered alone
    changes only when this does (rendering/citeproc.cite_texts renders it again only then)."""
    expanded = reference.get(givennames.EXPANDED)
    return (
        reference.get(USE_FIRST),
        reference.get(STILL_AMBIGUOUS),
        reference.get(_YEAR_SUFFIX),
        tuple(sorted(expanded.items())) if expanded else None,
    )


def rendered_when_changed(
    render_many: RenderMany, state_of: Callable[[str], tuple[Any, ...]]
) -> RenderMany:
    """`render_many`, which renders a work's cite again only when its `state_of` changed since
    it was last rendered: most passes of `disambiguate` change few works or none."""
    known: dict[str, tuple[tuple[Any, ...], str]] = {}  # key -> (its state, its cite)

    def render_changed(keys: list[str]) -> list[str]:
        stale = [key for key in keys if key not in known or known[key][0] != state_of(key)]
        for key, text in zip(stale, render_many(stale), strict=True):
            known[key] = (state_of(key), text)
        return [known[key][1] for key in keys]

    return render_changed


def _disambiguate_test(self: Any, item: Any) -> list[bool]:
    wanted = self.get("disambiguate") == "true"
    return [bool(item.reference.get(STILL_AMBIGUOUS)) == wanted]


Render = Callable[[str], str]  # a work's key -> its cite rendered alone, in first position
# Several works' cites at once, as `Render` gives each (in worker processes for many: the
# cites of one state of the references, each depending only on its own work).
RenderMany = Callable[[list[str]], list[str]]


def disambiguate(
    keys: Iterable[str],
    source: MutableMapping[str, Any],
    render: Render,
    add_names: bool,
    givenname_rule: str | None = None,
    render_many: RenderMany | None = None,
    tests_disambiguate: bool = True,
) -> None:
    """Set USE_FIRST and given-name expansions, and prune year suffixes, on the engine's
    references of `keys`. `givenname_rule` is None without disambiguate-add-givenname.
    `tests_disambiguate`: the style has a `disambiguate` condition (else marking the works
    still ambiguous changes no cite, and they are not rendered again)."""
    keys = list(dict.fromkeys(keys))
    many = render_many or (lambda some: [render(key) for key in some])
    suffixes = {key: source[key].pop(_YEAR_SUFFIX, None) for key in keys}
    resolved: set[str] = set()
    try:
        if givenname_rule is not None and givenname_rule != "by-cite":
            givennames.add_givennames(keys, source, render, givenname_rule, [])
        before = _ambiguous(keys, many)
        groups = before
        if add_names:
            expand = None
            if givenname_rule == "by-cite":

                def expand(clashing: list[str]) -> None:
                    givennames.add_givennames(keys, source, render, "by-cite", [clashing])

            for group in groups:
                _add_names(group, source, many, expand)
            groups = _ambiguous(keys, many)  # only cites of works that changed are rendered
        if givenname_rule == "by-cite" and groups:
            givennames.add_givennames(keys, source, render, givenname_rule, groups)
            groups = _ambiguous(keys, many)
        for key in (key for group in groups for key in group):
            source[key][STILL_AMBIGUOUS] = True
        groups = _ambiguous(keys, many) if groups and tests_disambiguate else groups
        still = {key for group in groups for key in group}
        resolved = {key for group in before for key in group} - still
    finally:
        for key, suffix in suffixes.items():
            if suffix is not None and key not in resolved:
                source[key][_YEAR_SUFFIX] = suffix


def _ambiguous(keys: list[str], many: RenderMany) -> list[list[str]]:
    by_text: dict[str, list[str]] = defaultdict(list)
    for key, text in zip(keys, many(keys), strict=True):
        by_text[text].append(key)
    return [group for group in by_text.values() if len(group) > 1]


def _add_names(
    group: list[str],
    source: MutableMapping[str, Any],
    many: RenderMany,
    expand: Callable[[list[str]], None] | None = None,
) -> None:
    """Names are added cite by cite, as citeproc-js adds them: a cite stops growing once it
    differs from every other (`Smith, Benson, et al.` needs two names), and one that never
    does keeps the fewest names with which it clashes with the fewest cites. With `expand`
    (givenname rule by-cite), the given names of cites still alike are written out at each
    step (`Smith, Brown & J. Jones` against `Smith, Brown & A. Jones`)."""
    most = max(len(_names_of(source[key])) for key in group)
    if most < 2:  # no second name to add: nothing to render
        for key in group:
            source[key].pop(USE_FIRST, None)
        return
    texts = dict(zip(group, many(group), strict=True))
    fewest = {key: len(group) - 1 for key in group}  # cites it clashes with, at best
    best: dict[str, int] = {}
    growing = list(group)
    for shown in range(2, most + 1):
        for key in growing:
            source[key][USE_FIRST] = shown
        texts.update(zip(growing, many(growing), strict=True))
        if expand is not None:
            for clashing in _alike(growing, texts):
                expand(clashing)
                texts.update(zip(clashing, many(clashing), strict=True))
        still = []
        alike = Counter(texts[key] for key in group)  # one count, not every pair (quadratic)
        for key in growing:
            clashes = alike[texts[key]] - 1  # the other cites of the group printed the same
            if clashes < fewest[key]:
                fewest[key], best[key] = clashes, shown
            if clashes:
                still.append(key)
        growing = still
        if not growing:
            break
    for key in group:
        if key in best:
            source[key][USE_FIRST] = best[key]
        else:
            source[key].pop(USE_FIRST, None)


def _alike(keys: list[str], texts: dict[str, str]) -> list[list[str]]:
    by_text: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_text[texts[key]].append(key)
    return [group for group in by_text.values() if len(group) > 1]


def _names_of(reference: Any) -> list[Any]:
    for role in ("author", "editor", "translator"):
        names = reference.get(role)
        if names:
            return list(names)
    return []
