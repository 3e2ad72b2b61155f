"""``python bench/launch.py CMD…``: run CMD and report its peak memory and CPU time on stderr.

Linux floors a forked child's ru_maxrss at its parent's RSS, so a command is
measured from a small launcher rather than from the benchmark's own process.
A command may start processes of its own (an import reads its file in a
second process): the peak is that of the whole process tree, sampled from
/proc ten times a second, and never less than the kernel's own ru_maxrss.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading


def tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in KiB (0 for processes gone)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii", errors="replace") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as f:
                    stack.extend(int(child) for child in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def main(cmd: list[str]) -> int:
    proc = subprocess.Popen(cmd)  # noqa: S603 - the benchmark's own commands
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.1):
            peak = max(peak, tree_rss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    sys.stderr.write(f"\nMAXRSS_KB {max(peak, usage.ru_maxrss)} CPU_S {usage.ru_utime + usage.ru_stime}\n")
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
