"""Lint: what a style will need and what looks wrong, on the hub (any input format)."""

from __future__ import annotations

from citeconv.lint.rules import lint

__all__ = ["lint"]
