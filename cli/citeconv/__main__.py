"""`python -m citeconv` runs the `citeconv` command."""

from citeconv.commands import main

main()
