"""A first one-line reason for a CSL fixture that fails, from what it exercises.

`python tests/csl_suite.py --update` writes these for fixtures newly failing; a reason written
by hand in tests/csl_suite_failures.txt is kept as long as its fixture fails. A guessed reason
says `untriaged`: it names the first CSL feature the fixture's style uses, in the order below,
not a diagnosis.
"""

from __future__ import annotations

import re
from typing import Any

# Checked in this order on the fixture's style: the first feature found names the reason.
_FEATURES = (
    (r'disambiguate-add-givenname="true"', "engine: disambiguation add-givenname"),
    (r'disambiguate-add-names="true"', "engine: disambiguation add-names"),
    (r'disambiguate-add-year-suffix="true"', "engine: disambiguation year-suffix"),
    (r'disambiguate="true"', "engine: condition disambiguate"),
    (r'collapse="', "engine: collapse"),
    (r'position="', "engine: positions (ibid, subsequent, near-note)"),
    (r"second-field-align", "markup: second-field-align columns"),
    (r"subsequent-author-substitute", "engine: subsequent-author-substitute"),
    (r'text-case="', "engine: text-case"),
    (r"et-al-use-last|et-al-subsequent", "engine: et-al options"),
    (r"name-part", "engine: name-part formatting"),
    (r"<sort", "engine: sorting"),
    (r"page-range-format", "engine: page-range-format"),
    (r'form="ordinal"|form="long-ordinal"', "engine: ordinals"),
    (r"<date", "engine: dates"),
    (r"<names", "engine: names"),
)


def guess_reason(fixture: Any, actual: str) -> str:
    if actual.startswith("crash: "):
        return actual.split(":", 2)[0] + ": " + actual.split(":", 2)[1].strip()
    if re.sub(r"\s+", "", actual) == re.sub(r"\s+", "", fixture.result):
        return "engine: whitespace only"
    for pattern, reason in _FEATURES:
        if re.search(pattern, fixture.style):
            return f"untriaged, {reason}"
    return f"untriaged, engine: {fixture.category}"
