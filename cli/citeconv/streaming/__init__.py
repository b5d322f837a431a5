"""Streamed conversion: a large BibTeX file read, normalized and written in bounded chunks.

The whole-file reader (readers/bibtex.py) holds the text, every block, every entry and every
item at once: about 24 bytes per input byte. Here the file is cut into chunks before lines that
start an entry, where the pre-scan always starts a new block, and each chunk goes through the
same reader steps; what a chunk needs from the rest of the file comes from earlier passes
(`bibtex.py`). The output is byte for byte that of the whole-file run, diagnostics included.
"""
