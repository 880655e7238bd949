"""`python -m subkit` runs the same command line as the `subkit` script."""

from subkit.cli import main

main(prog_name="subkit")
