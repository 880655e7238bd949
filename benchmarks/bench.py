"""Run every benchmark section (`benchmarks/bench_*.py`, each with `run(quick) -> list[str]`).

Usage: `python benchmarks/bench.py [--quick] [SECTION ...]` (sections: io, sync, catalogue, ...).
Plain Python, no timing assertions: figures are for people, printed as medians and ratios.
"""

from __future__ import annotations

import importlib
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    wanted = [a for a in argv if not a.startswith("-")]
    sections = sorted(p.stem[len("bench_") :] for p in HERE.glob("bench_*.py"))
    print(
        f"# subkit benchmarks ({platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, quick={quick})"
    )
    for name in sections:
        if wanted and name not in wanted:
            continue
        module = importlib.import_module(f"bench_{name}")
        print()
        print("\n".join(module.run(quick=quick)))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
