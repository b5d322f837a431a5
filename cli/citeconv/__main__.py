"""`python -m citeconv` runs the `citeconv` command."""

from citeconv.launch import main

main()
