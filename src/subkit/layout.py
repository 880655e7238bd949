"""The dynamic programme that lays units out on lines: shared by the word wrapper
(`subkit.linebreak`) and the phrase wrapper for scripts without spaces (`subkit.scripts`), which
the word wrapper calls, so it lives below both.
"""

from __future__ import annotations

from collections.abc import Callable


def layout_breaks(count: int, lines: int, cost: Callable[[int, int, int], float]) -> list[int]:
    """Where each of `lines` lines starts among `count` units, minimising the sum of
    `cost(line, i, j)` (line number from 1; units i..j-1 on it, the break after it included):
    dynamic programming. Shared by the word wrapper and the phrase wrapper for scripts
    without spaces (`subkit.scripts`). The first line starts at unit 0 and the last ends at the
    last unit, so two lines cost O(count); three or more O(lines * count^2)."""
    inf = float("inf")
    best: list[list[float]] = [[inf] * (count + 1) for _ in range(lines + 1)]
    back: list[list[int]] = [[0] * (count + 1) for _ in range(lines + 1)]
    best[0][0] = 0.0
    for line in range(1, lines + 1):
        ends = range(count, count + 1) if line == lines else range(line, count - (lines - line) + 1)
        for j in ends:
            for i in range(line - 1, 1 if line == 1 else j):
                if best[line - 1][i] == inf:
                    continue
                value = best[line - 1][i] + cost(line, i, j)
                if value < best[line][j]:
                    best[line][j] = value
                    back[line][j] = i
    starts: list[int] = []
    j = count
    for line in range(lines, 0, -1):
        j = back[line][j]
        starts.append(j)
    return list(reversed(starts))
