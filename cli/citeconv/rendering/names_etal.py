"""`and others` in BibTeX name lists: the hub's final `{"literal": "others"}` prints as "et al.".

citeproc-py would print the literal name ("Smith, J., & others"). The name is swapped for a
private-use placeholder before rendering and the placeholder, with the delimiter or `&`/`and`
the style put before it, becomes "et al." afterwards, in the bibliography and in citations.
"""

from __future__ import annotations

import html
import re
from typing import Any

from citeconv import lazy_regex
from citeconv.rendering.element_attributes import attributes_set
from citeconv.rendering.name_options import inverted, names_shown

OTHERS_PLACEHOLDER = "\ue020"
# `, & X`, ` & X`, `, and X`, ` and X`, `, X`, `; X`, ` ; X`, ` / X`, ` X` (the style's last-name
# delimiters); the `and` term in the style's language (`et`, `y`, `und`, `og`, `és`, `и`: a
# short word). A match starts only after a character that is no blank, never inside a run of
# blanks: the same matches, without retrying a run from each of its blanks (quadratic; issue 15).
_PLACEHOLDER_WITH_DELIMITER = lazy_regex.compile(
    r"(?<!\s)(?:\s*[,;/])?(?:\s+(?:&amp;|&|[^\W\d_]{1,4}\b))?\s*\ue020(\.?)"
)
# A style's formatting of the name (small caps) around the placeholder alone.
_WRAPPED_PLACEHOLDER = lazy_regex.compile(r"<(\w+)\b[^<>]*>\ue020</\1>")


def mark_others(names: list[Any]) -> list[Any]:
    if names and isinstance(names[-1], dict) and names[-1].get("literal") == "others":
        return [*names[:-1], {"literal": OTHERS_PLACEHOLDER}]
    return names


def others_to_et_al(rendered: str, comma_before: bool, et_al: str = "et al.") -> str:
    """Placeholder -> `et al.`: `Smith, J., et al.` (comma_before) or `Smith et al.`; `et_al`
    is the locale's term, as the style prints it for a list it shortens (`i in.`, `и др.`)."""
    separator = ", " if comma_before else " "
    et_al = html.escape(et_al, quote=False)  # the fragment is HTML: `& al.` would be markup
    unwrapped = rendered
    while OTHERS_PLACEHOLDER in unwrapped and _WRAPPED_PLACEHOLDER.search(unwrapped):
        unwrapped = _WRAPPED_PLACEHOLDER.sub(OTHERS_PLACEHOLDER, unwrapped)

    def replace(match: re.Match[str]) -> str:
        # `others` as the first name has no name before it to be separated from; any other
        # leading space or comma in the entry is the style's own (a prefix) and stays.
        return et_al if match.start() == 0 else f"{separator}{et_al}"

    return _PLACEHOLDER_WITH_DELIMITER.sub(replace, unwrapped)


def install(model: Any) -> None:
    """Patch the engine's `cs:name` (idempotent); innermost on Name.process, so the et-al
    options it reads are those the other units (disambiguation, later cites) have set."""
    if getattr(model, "_citeconv_others_as_et_al", False):
        return
    model.Name.process = _others_as_et_al(model.Name.process)
    model._citeconv_others_as_et_al = True


def _others_as_et_al(original: Any) -> Any:
    """A list that ends in `and others` prints its names and then the style's own et-al: its
    `<et-al>` term and formatting (`Roe <i>et al.</i>`, AMS's `and Coauthors`) after the
    delimiter its `delimiter-precedes-et-al` asks for, as for a list the style shortens
    itself, and as pandoc prints it (the delimiter after one inverted name: see
    comma_after_inverted_name). Sort keys keep the placeholder (sort_names)."""

    def process(self: Any, item: Any, variable: Any, context: Any = None, **kwargs: Any) -> Any:
        names: Any = item.reference.get(variable) or []
        if (
            kwargs.get("sort_options") is not None
            or len(names) < 2
            or names[-1].get("literal") != OTHERS_PLACEHOLDER
        ):
            return original(self, item, variable, context, **kwargs)
        shown = min(names_shown(self, item, variable, context, None), len(names) - 1)
        forced = {"et-al-min": str(len(names)), "et-al-use-first": str(shown)}
        if shown == 1 and _manual_wants_delimiter(self, context, names):
            forced["delimiter-precedes-et-al"] = "always"
        with attributes_set(self, {**forced, "et-al-use-last": "false"}):
            return original(self, item, variable, context, **kwargs)

    return process


_COMMA_AFTER_INVERTED: set[Any] = set()  # roots of the styles whose manuals ask for it


def comma_after_inverted_name(root: Any) -> None:
    """The style follows a manual that puts the delimiter between one name printed family
    first and `et al.` (`Roe J, et al.` in Citing Medicine; APA separates every inverted name
    so): its own `contextual` would put none. Other styles print what their own lists do."""
    _COMMA_AFTER_INVERTED.add(root)


def _manual_wants_delimiter(name: Any, context: Any, names: Any) -> bool:
    """One name shown, printed family first, under the default `contextual` delimiter, in a
    style whose manual asks for the delimiter there."""
    return (
        name.getroottree().getroot() in _COMMA_AFTER_INVERTED
        and name.get_option("delimiter-precedes-et-al", context) == "contextual"
        and name.get_option("form", context) != "short"
        and inverted(names, 0, name.get_option("name-as-sort-order", context))
    )
