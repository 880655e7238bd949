"""Helpers several test areas share."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

#: other projects' test data, vendored with their licences (tests/corpora/SOURCES.md)
CORPORA = Path(__file__).resolve().parent / "corpora"


def modules_after_cli(arguments: list[str]) -> set[str]:
    """Top-level modules imported by running `subkit ARGUMENTS` in a fresh interpreter.

    Start-up cost is what was imported, so tests of lazy loading look at this set rather than
    at timings.
    """
    code = textwrap.dedent("""\
        import sys
        from subkit.cli import main
        try:
            main(sys.argv[1:])
        except SystemExit:
            pass
        sys.stdout.flush()
        print("\\nMODULES " + " ".join(sorted({name.split(".")[0] for name in sys.modules})))
        """)
    completed = subprocess.run([sys.executable, "-c", code, *arguments], capture_output=True, text=True, timeout=60)
    return set(completed.stdout.rsplit("MODULES ", 1)[1].split())
