"""Run every benchmark: `python -m bench` (or `make bench`), `python -m bench catalogue`."""

import importlib
import pkgutil
import sys
from pathlib import Path

from bench.setup import configure


def main(selected: list[str]) -> None:
    vendor = configure()
    print(f"database: {vendor}")
    names = sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if module.name.startswith("bench_")
    )
    for name in names:
        if selected and name.removeprefix("bench_") not in selected:
            continue
        print(f"\n== {name.removeprefix('bench_')}")
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
