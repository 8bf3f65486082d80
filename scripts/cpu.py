"""The CPU (user + system seconds) of a command and of every process it starts, however they end.

`/usr/bin/time` counts a process only once its parent has waited for it: a process whose parent ends
first is handed to init and counted nowhere. Chromium's renderers end that way when the browser closes,
and so did most of the browser tests' CPU. This script makes itself the command's sub-reaper
(Linux's PR_SET_CHILD_SUBREAPER): every orphan below it comes to it instead of init, and it waits for
them all, so that the figure it prints counts every process. It is the figure CONTRIBUTING.md's table of
the suite's cost gives. Linux only.

    python3 scripts/cpu.py .ci/run
    python3 scripts/cpu.py .venv/bin/python -m pytest tests/test_explorer.py

It prints, after the command's own output: CPU user + system, wall time, and the load average (the
machine's, over one minute) at the start and the end. It exits with the command's status.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
LINGER = 60.0
"""Seconds to wait, once the command has ended, for processes it left running (they are counted if they end)."""


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")
    load_start, started = os.getloadavg()[0], time.monotonic()
    command = subprocess.Popen(argv)
    status, deadline = None, None
    while True:
        try:
            pid, wait_status = os.waitpid(-1, 0 if deadline is None else os.WNOHANG)
        except ChildProcessError:
            break  # the command and every orphan have ended and been counted
        if pid == command.pid:
            status = os.waitstatus_to_exitcode(wait_status)
            deadline = time.monotonic() + LINGER
        elif pid == 0:  # orphans still running after the command ended
            if time.monotonic() > deadline:
                print(f"cpu.py: processes still running {LINGER:.0f} s after the command ended are not counted",
                      file=sys.stderr)
                break
            time.sleep(0.2)
    wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    print(f"cpu.py: CPU {cpu:.1f} s ({int(cpu // 60)} min {cpu % 60:.0f} s: user {usage.ru_utime:.1f} s, "
          f"system {usage.ru_stime:.1f} s), wall {wall:.0f} s, load average {load_start:.1f} -> "
          f"{os.getloadavg()[0]:.1f}", file=sys.stderr)
    return status if status is not None else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
