"""`disambiguate-add-givenname`: initials or given names where a short name is ambiguous.

Rules (CSL 1.0.2, givenname-disambiguation-rule):
- `all-names`, `all-names-with-initials`: every cited name whose family name another cited
  person shares gets initials (with `initialize-with`) or, if those collide too, the given
  name (`-with-initials`: initials only);
- `primary-name`, `primary-name-with-initials`: the same for the first name of each cite;
- `by-cite` (the default): only in cites still ambiguous after names were added, name by name
  until the cites differ.

An expanded name is handed to citeproc-py's cs:name with its given name (or initials) already
written before the family name, so the short form prints `J. Doe`; the engine's reference is
restored after each cs:name.

Fixtures: disambiguate_AllNames*, disambiguate_PrimaryName*, disambiguate_ByCite*,
disambiguate_AndreaEg*.

This module never imports citeproc-py: the adapter hands its `model` and `source` modules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, MutableMapping
from typing import Any

EXPANDED = "citeconv_given"  # on an engine reference: {(role, index): "initials" | "full"}
_ROLES = ("author", "editor", "translator")
_model: Any = None
_source: Any = None


def install(model: Any, source: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model, _source
    _model, _source = model, source
    if getattr(model, "_citeconv_givennames", False):
        return
    model.Name.process = _expanded_names(model.Name.process)
    model._citeconv_givennames = True


def _expanded_names(original: Any) -> Any:
    def process(self: Any, item: Any, variable: Any, context: Any = None, **kwargs: Any) -> Any:
        reference = item.reference
        expanded = reference.get(EXPANDED) if kwargs.get("sort_options") is None else None
        if expanded and not _in_citation(self, context):
            expanded = None
        wanted = {
            index: level for (role, index), level in (expanded or {}).items() if role == variable
        }
        if not wanted:
            return original(self, item, variable, context, **kwargs)
        names = reference[variable]
        mark = self.get_option("initialize-with", context)
        reference[variable] = [
            _written_out(self, name, wanted.get(index), mark, context)
            for index, name in enumerate(names)
        ]
        try:
            return original(self, item, variable, context, **kwargs)
        finally:
            reference[variable] = names

    return process


def _in_citation(element: Any, context: Any) -> bool:
    layout = (context if context is not None else element).get_layout()
    return isinstance(layout.getparent(), _model.Citation)


def _written_out(element: Any, name: Any, level: str | None, mark: Any, context: Any) -> Any:
    given, family = name.get("given"), name.get("family")
    if level is None or not given or not family:
        return name
    initials = level == "initials" and mark is not None  # `initialize-with=""` is a mark too
    shown = element.initialize(given, mark, context) if initials else given
    parts = {
        key: value for key, value in name.items() if key not in ("given", "non-dropping-particle")
    }
    particle = name.get("non-dropping-particle")
    parts["family"] = " ".join(str(p).strip() for p in (shown, particle, family) if p)
    return _source.Name(**parts)


Render = Callable[[str], str]


def add_givennames(
    keys: list[str],
    source: MutableMapping[str, Any],
    render: Render,
    rule: str,
    ambiguous_groups: list[list[str]],
) -> None:
    """Mark the names to write out on the engine's references of the cited `keys`."""
    if rule.startswith(("all-names", "primary-name")):
        _global_rule(keys, source, rule)
        return
    for group in ambiguous_groups:
        _by_cite(group, source, render)


def _person(name: Any) -> tuple[str, str]:
    """The short name (with its particle) and the given name without spaces and periods."""
    particle = name.get("non-dropping-particle")
    family = f"{particle} {name.get('family')}" if particle else str(name.get("family") or "")
    return family, str(name.get("given") or "").replace(" ", "").replace(".", "")


def _global_rule(keys: list[str], source: MutableMapping[str, Any], rule: str) -> None:
    positions: list[tuple[str, str, int, tuple[str, str]]] = []
    for key in keys:
        for role in _ROLES:
            names = source[key].get(role) or []
            shown = names[:1] if rule.startswith("primary-name") else names
            positions.extend((key, role, index, _person(name)) for index, name in enumerate(shown))
            if names:
                break
    givens: dict[str, set[str]] = defaultdict(set)
    initials: dict[str, set[str]] = defaultdict(set)
    for _, _, _, (family, given) in positions:
        givens[family].add(given)
        initials[family].add(_initials(given))
    for key, role, index, (family, given) in positions:
        if len(givens[family]) < 2:
            continue
        if rule.endswith("with-initials") and initials[family] == {_initials(given)}:
            continue  # initials alone cannot tell this person from the others of the name
        level = "initials"
        if len(initials[family]) < len(givens[family]) and not rule.endswith("with-initials"):
            level = "full"
        source[key].setdefault(EXPANDED, {})[(role, index)] = level


def _initials(given: str) -> str:
    return "".join(part[:1] for part in given.replace("-", " ").split())


def _by_cite(group: list[str], source: MutableMapping[str, Any], render: Render) -> None:
    """Initials where a family name is shared with another given name; the full given name
    only where the initials are shared too (`John Jones` never for identical works)."""
    givens = _givens_at_places(group, source)
    for level in ("initials", "full"):
        for key in group:
            for role in _ROLES:
                names = source[key].get(role) or []
                for index, name in enumerate(names):
                    family, given = _person(name)
                    initials = _initials(given) if level == "full" else None
                    if len(givens[(role, index, family, initials)]) > 1:
                        source[key].setdefault(EXPANDED, {})[(role, index)] = level
                if names:
                    break
        if len({render(key) for key in group}) == len(group):
            return


# (role, place in the list, family name, initials or None) -> the given names found there.
GivensAtPlaces = defaultdict[tuple[str, int, str, str | None], set[str]]


def _givens_at_places(group: list[str], source: MutableMapping[str, Any]) -> GivensAtPlaces:
    """The given names of `group` at each place of each role, by family name, and by family
    name and initials: a person shares a family name with another given name at their place
    when theirs is not the only given name there (one look-up, where comparing each cite with
    every other was quadratic in a group of thousands of works by one family name)."""
    givens: GivensAtPlaces = defaultdict(set)
    for key in group:
        for role in _ROLES:
            for index, name in enumerate(source[key].get(role) or []):
                family, given = _person(name)
                givens[(role, index, family, None)].add(given)
                givens[(role, index, family, _initials(given))].add(given)
    return givens
