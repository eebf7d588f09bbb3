"""Small timing helpers: best-of-N wall time, so one noisy run does not skew a ratio."""

import time
from collections.abc import Callable


def best_seconds(work: Callable[[], object], *, repeat: int = 7, number: int = 20) -> float:
    """The fastest of `repeat` runs, each the mean of `number` calls, in seconds per call."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            work()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def row(label: str, seconds: float, baseline: float | None = None) -> str:
    ratio = f"{seconds / baseline:6.2f}x" if baseline else "      "
    return f"  {label:<48} {seconds * 1000:9.3f} ms  {ratio}"
