"""How finding annotations scales with their number in one paragraph: it should be linear.

    python benchmarks/annotation_scale.py [COUNT ...]

Times `find_annotations` on one paragraph of COUNT annotations (default 10,000, 20,000,
40,000 and 70,000) and prints the seconds and the microseconds per annotation; a linear
reader keeps the last column about flat. (The reader once sliced the paragraph for every
match: 56 s for 70,000, quadratic.) This is a benchmark, not a test: the figures depend
on the machine, so compare the rows of one run with each other.
"""

from __future__ import annotations

import sys
import time

from mkdocs_briefs.annotations import find_annotations
from mkdocs_briefs.diagnostics import Diagnostics


def main(argv: list[str]) -> int:
    counts = [int(a) for a in argv] or [10_000, 20_000, 40_000, 70_000]
    print(f"{'annotations':>12} {'seconds':>9} {'µs each':>9}")
    for count in counts:
        body = " ".join(["[Seoul](actor:rok)"] * count)
        start = time.process_time()
        found = find_annotations(body, "b.md", 1, Diagnostics())
        took = time.process_time() - start
        assert len(found) == count
        print(f"{count:>12,} {took:>9.2f} {took / count * 1e6:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
