"""Which parts of a style print nothing for an item that lacks all of their variables.

Read from the style alone, once per element: a subtree is *silent* when every element in it
that could print is a variable (a `<text variable>`, `<names>`, `<date>`, `<number>`, a
`<label>` of its own variable) or a macro, group or choose made only of such elements, and
its variables are simple reference keys. For an item with none of those keys, the engine and
every unit wrapped around it render such a subtree to nothing: each variable fails
(VariableError) or gives None, a group of failures fails, a macro or choose of them gives
None, and no unit records anything, since each records only text that printed. Terms and
values count too where they cannot print: in a group beside a variable it calls (the group
fails), in a branch whose condition needs a variable or an item type.

`silent_keys(element)` is the set of reference keys of a silent subtree, with the item types
for which a branch may be taken marked `type=book`: an item holding none of the keys and of
none of the types renders it to nothing. It is None when the subtree may print without them:
a term or a value, a variable the engine does not simply look up (`locator`, `page`,
`citation-number`), a condition on `position` or `disambiguate` (which follow the citation,
not the item), an element this module does not know. Names inside a substitute and macros
count their own variables; a macro that calls itself is not silent. pruned_subtrees.py uses
the answer.

This module never imports citeproc-py: the adapter's `model` module is handed to it.
"""

from __future__ import annotations

from typing import Any

from citeconv.rendering.element_plans import text_needed_keys

_MEMO_LIMIT = 200_000
# Marks an item type among the keys: "type=book" (no variable has "=" in its name).
TYPE_MARK = "type="
_MISSING = object()
_memo: dict[Any, frozenset[str] | None] = {}
# Variables looked up otherwise than as a reference key of their own name.
_SPECIAL = frozenset(
    ("locator", "citation-number", "first-reference-note-number", "citation-label", "page-first")
)
# Conditions that follow the citation (its position, the ambiguity pass), not the item alone.
_CITATION_CONDITIONS = ("position", "disambiguate")


def silent_keys(element: Any, model: Any) -> frozenset[str] | None:
    """The reference keys whose absence makes `element` print nothing, or None (see above)."""
    found = _memo.get(element, _MISSING)
    if found is _MISSING:
        if len(_memo) > _MEMO_LIMIT:
            _memo.clear()
        _memo[element] = None  # a macro reached again through itself is not silent
        found = _memo[element] = _keys_of(element, model)
    return found  # type: ignore[return-value]


def _keys_of(element: Any, model: Any) -> frozenset[str] | None:
    kind = type(element)
    if kind is model.Text:
        return _text_keys(element, model)
    if kind in (model.Macro, model.Substitute):
        return _children_keys(element, model)
    if kind is model.Group:
        return _group_keys(element, model)
    if kind is model.Choose:
        return _choose_keys(element, model)
    if kind is model.Names:
        return _names_keys(element, model)
    if kind in (model.Date, model.Number, model.Label):
        return _variable_keys(element)
    return None


def _union(parts: list[frozenset[str] | None]) -> frozenset[str] | None:
    if any(part is None for part in parts):
        return None
    return frozenset().union(*parts)  # type: ignore[arg-type]


def _children_keys(element: Any, model: Any) -> frozenset[str] | None:
    return _union([silent_keys(child, model) for child in element.iterchildren()])


def _spellings(variable: str) -> frozenset[str] | None:
    """A variable as the reference may hold it (both spellings: some are stored under both)."""
    if not variable or variable in _SPECIAL or variable.startswith("page") or " " in variable:
        return None
    return frozenset((variable, variable.replace("-", "_")))


def _text_keys(text: Any, model: Any) -> frozenset[str] | None:
    attributes = text.attrib
    if "variable" in attributes:
        needed = text_needed_keys(text)
        spelled = _spellings(str(attributes["variable"]))
        return None if not needed or spelled is None else frozenset(needed) | spelled
    if "macro" in attributes:
        return silent_keys(text.get_macro(attributes["macro"]), model)
    return None  # a term or a value prints whatever the item holds


def _group_keys(group: Any, model: Any) -> frozenset[str] | None:
    """A group of silent children; or one whose other children print only terms and values
    and call no variable, beside a silent child that does (not a choose: which branch calls
    is for the item to say). The group then fails (engine_patches._group_process): a
    variable was called and none printed."""
    parts: list[frozenset[str]] = []
    constants = caller = False
    for child in group.iterchildren():
        keys = silent_keys(child, model)
        if keys is not None:
            parts.append(keys)
            caller = caller or (type(child) is not model.Choose and bool(child.calls_variable()))
            continue
        constants = True
        if type(child) is model.Choose:
            keys = _choose_keys(child, model, in_group=True)
            if keys is None:
                return None
            parts.append(keys)
        elif child.calls_variable() or not _constant(child, model):
            return None
    return frozenset().union(*parts) if caller or not constants else None


def _constant(element: Any, model: Any) -> bool:
    """Whether a subtree holds only terms, values and conditions on the item (no variable it
    prints, nothing that follows the citation): it may print, but changes nothing."""
    kind = type(element)
    if kind is model.Text:
        if "macro" in element.attrib:
            return _constant(element.get_macro(element.get("macro")), model)
        return "term" in element.attrib or "value" in element.attrib
    if kind in (model.If, model.Else_If):
        if any(condition in element.attrib for condition in _CITATION_CONDITIONS):
            return False
    elif kind not in (model.Choose, model.Else, model.Group, model.Macro):
        return False
    return all(_constant(child, model) for child in element.iterchildren())


def _choose_keys(choose: Any, model: Any, in_group: bool = False) -> frozenset[str] | None:
    """Each branch silent, or never taken for an item lacking one of the variables its
    condition asks for (with `match` all, the default). `in_group`: a choose in a group, which
    asks the branch taken whether it calls a variable, so a branch that prints only terms and
    values and calls none is silent there too."""
    parts: list[frozenset[str] | None] = []
    for branch in choose.iterchildren():
        if type(branch) not in (model.If, model.Else_If, model.Else):
            return None
        if any(condition in branch.attrib for condition in _CITATION_CONDITIONS):
            return None
        keys = _branch_keys(branch, model)
        if keys is None and in_group and not branch.calls_variable():
            keys = frozenset() if _constant(branch, model) else None
        parts.append(keys)
    return _union(parts)


def _branch_keys(branch: Any, model: Any) -> frozenset[str] | None:
    untaken = _untaken_without(branch)
    return untaken if untaken is not None else _children_keys(branch, model)


def _untaken_without(branch: Any) -> frozenset[str] | None:
    """Keys (and types, marked) without which the branch's condition fails: None when its
    condition may hold for an item lacking all of them. `variable` and `is-numeric` are false
    for a variable the item lacks, `type` for any type not listed."""
    match = branch.get("match", "all")
    types = frozenset(TYPE_MARK + typ.lower() for typ in str(branch.get("type") or "").split())
    if match == "all":
        if types:  # fewer items are of the listed types than lack a variable, mostly
            return types
        for test in ("variable", "is-numeric"):
            variables = str(branch.get(test) or "").split()
            if variables and variables[0] != "locator":  # the locator is the cite's
                return frozenset((variables[0], variables[0].replace("-", "_")))
        return None
    tests = set(branch.attrib) - {"match"}
    variables = str(branch.get("variable") or "").split()
    if match != "any" or not tests <= {"type", "variable"} or "locator" in variables:
        return None
    return types.union(*(_condition_spellings(variable) for variable in variables))


def _condition_spellings(variable: str) -> frozenset[str]:
    return frozenset((variable, variable.replace("-", "_")))


def _names_keys(names: Any, model: Any) -> frozenset[str] | None:
    roles = str(names.get("variable") or "").split()
    if not roles:
        return None
    keys: list[frozenset[str] | None] = [_spellings(role) for role in roles]
    for child in names.iterchildren():
        kind = type(child)
        if kind is model.Substitute:
            keys.append(silent_keys(child, model))
        elif kind not in (model.Name, model.Et_Al, model.Label):
            return None
    return _union(keys)


def _variable_keys(element: Any) -> frozenset[str] | None:
    """A date, number or standalone label: its one variable (a label in names is its names')."""
    return _spellings(str(element.get("variable") or ""))
