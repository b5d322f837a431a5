"""Data for the LaTeX decoder: the commands pylatexenc does not know, or that CSL renders as markup.

CSL rich text is the HTML subset CSL processors understand (CSL 1.0.2, "Rich text"): <i>, <b>,
<sup>, <sub>, <span style="font-variant:small-caps;"> and <span class="nocase">.
"""

from __future__ import annotations

SMALL_CAPS = 'span style="font-variant:small-caps;"'

# \command{text} -> <tag>text</tag>
FORMAT_COMMANDS: dict[str, str] = {
    "textit": "i",
    "emph": "i",
    "textsl": "i",
    "mkbibemph": "i",
    "mkbibitalic": "i",
    "textbf": "b",
    "mkbibbold": "b",
    "textsuperscript": "sup",
    "mkbibsuperscript": "sup",
    "textsubscript": "sub",
    "mkbibsubscript": "sub",
    "textsc": SMALL_CAPS,
}

# {\it text} and \begin{it}text\end{it}: the switch applies to the rest of its group.
FORMAT_SWITCHES: dict[str, str] = {
    "it": "i",
    "itshape": "i",
    "em": "i",
    "sl": "i",
    "slshape": "i",
    "bf": "b",
    "bfseries": "b",
    "sc": SMALL_CAPS,
    "scshape": SMALL_CAPS,
}

# \command{text} -> text: font and box commands that carry no meaning for a reference list.
TRANSPARENT_COMMANDS: frozenset[str] = frozenset(
    """textrm textsf texttt textup textmd textnormal text mbox hbox fbox makebox textlatin
    foreignlanguage hyphenation NoCaseChange nocase autocap MakeUppercase MakeLowercase
    ensuremath mathrm mathit mathbf mathsf mathtt mathcal mathbb operatorname
    uppercase lowercase""".split()
)

# Commands whose first argument is a language or option, not text: it is dropped.
FIRST_ARGUMENT_DROPPED: frozenset[str] = frozenset({"foreignlanguage", "hyphenation"})

# Commands that print nothing (sort keys, index entries).
SILENT_COMMANDS: dict[str, int] = {"noopsort": 1, "index": 1, "label": 1, "nocite": 1}

# Argument counts for commands the LaTeX parser does not know (it would leave the braces as
# groups, which the reader would take for case protection).
ARGUMENT_COUNTS: dict[str, int] = {
    **dict.fromkeys(FORMAT_COMMANDS, 1),
    **dict.fromkeys(TRANSPARENT_COMMANDS, 1),
    "foreignlanguage": 2,
    "url": 1,
    "href": 2,
    "ElsevierGlyph": 1,
    "ocirc": 1,
    "mkbibquote": 1,
    "enquote": 1,
    **SILENT_COMMANDS,
}

# Accent commands defined by journals' macro packages -> the standard accent they draw
# (MathSciNet's \ocirc{u} is a ring above: ů).
ACCENT_ALIASES: dict[str, str] = {"ocirc": "r"}

QUOTE_COMMANDS: frozenset[str] = frozenset({"mkbibquote", "enquote"})

# Argument-less commands pylatexenc leaves out.
SYMBOLS: dict[str, str] = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "BibTeX": "BibTeX",
    "XeTeX": "XeTeX",
    "textendash": "\u2013",
    "textemdash": "\u2014",
    "textregistered": "\u00ae",
    "texttrademark": "\u2122",
    "textcopyright": "\u00a9",
    "textdegree": "\u00b0",
    "textmu": "\u00b5",
    "textperthousand": "\u2030",
    "textquotesingle": "'",
    "textasciitilde": "~",
    "textbackslash": "\\",
    "slash": "/",
    "hyphen": "-",
    "/": "",
    "-": "",
    "\\": " ",
    "newline": " ",
    "relax": "",
    "protect": "",
    "ifmmode": "",
    "else": "",
    "fi": "",
}

# NASA ADS exports use the AAS journal macros (journal = {\apj}); this is what aas_macros.sty
# prints for each, so the hub holds the journal exactly as the compiled paper shows it.
AAS_JOURNALS: dict[str, str] = {
    "aj": "AJ",
    "actaa": "Acta Astron.",
    "araa": "ARA&A",
    "apj": "ApJ",
    "apjl": "ApJL",
    "apjlett": "ApJL",
    "apjs": "ApJS",
    "apjsupp": "ApJS",
    "ao": "Appl. Opt.",
    "applopt": "Appl. Opt.",
    "apss": "Ap&SS",
    "aap": "A&A",
    "astap": "A&A",
    "aapr": "A&A Rv",
    "aaps": "A&AS",
    "azh": "AZh",
    "baas": "BAAS",
    "icarus": "Icarus",
    "jrasc": "JRASC",
    "memras": "MmRAS",
    "mnras": "MNRAS",
    "na": "New A",
    "nar": "New A Rev.",
    "pra": "Phys. Rev. A",
    "prb": "Phys. Rev. B",
    "prc": "Phys. Rev. C",
    "prd": "Phys. Rev. D",
    "pre": "Phys. Rev. E",
    "prl": "Phys. Rev. Lett.",
    "pasa": "PASA",
    "pasp": "PASP",
    "pasj": "PASJ",
    "qjras": "QJRAS",
    "skytel": "S&T",
    "solphys": "Sol. Phys.",
    "sovast": "Soviet Ast.",
    "ssr": "Space Sci. Rev.",
    "zap": "ZAp",
    "nat": "Nature",
    "iaucirc": "IAU Circ.",
    "aplett": "Astrophys. Lett.",
    "gca": "Geochim. Cosmochim. Acta",
    "grl": "Geophys. Res. Lett.",
    "jcp": "J. Chem. Phys.",
    "jgr": "J. Geophys. Res.",
    "jqsrt": "J. Quant. Spec. Radiat. Transf.",
    "memsai": "Mem. Soc. Astron. Italiana",
    "nphysa": "Nucl. Phys. A",
    "physrep": "Phys. Rep.",
    "physscr": "Phys. Scr",
    "planss": "Planet. Space Sci.",
    "procspie": "Proc. SPIE",
}
