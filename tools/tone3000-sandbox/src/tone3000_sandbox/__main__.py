"""`python -m tone3000_sandbox`: the same as the `tone3000-sandbox` command."""

from tone3000_sandbox.cli import main

main()
