"""Rendering through CSL styles: item preparation, the citeproc-py adapter, output markup."""
