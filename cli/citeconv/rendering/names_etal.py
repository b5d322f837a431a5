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
