"""Roman numerals of a bounded size (`<number form="roman"/>`)."""

from __future__ import annotations

from typing import Any

# Roman numerals stop at 3,999 (MMMCMXCIX): beyond, the engine wrote one `M` per thousand, a
# line of 10 million letters for `volume={10000000000}` and an OverflowError for more (issue
# 15: 43 stock styles print volumes in roman numerals). Larger numbers stay arabic.
_ROMAN_LIMIT = 3999


def romanize_bounded(romanize: Any) -> Any:
    def bounded(number: int) -> str:
        if not 0 < number <= _ROMAN_LIMIT:
            return str(number)
        return str(romanize(number))

    return bounded
