"""`python -m bbm_contracts` runs the `bbm` command."""

from .cli import main

main()
