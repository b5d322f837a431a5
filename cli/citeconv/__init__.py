"""citeconv: BibTeX/BibLaTeX -> CSL-JSON hub -> APA, Vancouver, any CSL style, RIS."""

__version__ = "0.1.0"
