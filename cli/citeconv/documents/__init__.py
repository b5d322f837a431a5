"""Documents that cite: pandoc's citation syntax found in Markdown and reST text, replaced by
rendered citations, with the reference list placed where the document asks for it."""
