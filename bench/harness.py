"""Shared pieces of the benchmarks: results with baselines, timing, a scratch Kozomol."""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    name: str
    value: float
    unit: str
    baseline: float | None = None  # the same measure for the baseline, same unit
    baseline_name: str = ""
    target: str = ""  # e.g. "< 300 ms p95"
    ok: bool | None = None  # None: no target
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0) or self.value is None or math.isnan(self.value):
            return None
        return self.value / self.baseline  # type: ignore[operator]

    def line(self) -> str:
        parts = [f"{self.name}: {self.value:,.2f} {self.unit}"]
        if self.baseline is not None:
            parts.append(
                f"baseline {self.baseline_name} {self.baseline:,.2f} {self.unit} (ratio {self.ratio:.2f})"
            )
        if self.target:
            parts.append(
                f"target {self.target}: {'OK' if self.ok else 'MISSED' if self.ok is False else '—'}"
            )
        return " · ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data

    @staticmethod
    def table(results: list[Result]) -> str:
        head = f"{'benchmark':58} {'value':>14} {'baseline':>14} {'ratio':>8}  target"
        rows = [head, "-" * len(head)]
        for r in results:
            base = f"{r.baseline:,.2f}" if r.baseline is not None else "—"
            ratio = f"{r.ratio:.2f}" if r.ratio is not None else "—"
            verdict = "" if not r.target else ("OK" if r.ok else "MISSED")
            rows.append(
                f"{r.name[:58]:58} {r.value:>10,.2f} {r.unit:<3} {base:>14} {ratio:>8}  {r.target} {verdict}"
            )
        return "\n".join(rows)


@dataclass
class BenchContext:
    full: bool = False

    def size(self, quick: int, full: int) -> int:
        return full if self.full else quick


def percentile(samples: list[float], p: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    k = (len(ordered) - 1) * p / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] if lo == hi else ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def time_calls(fn: Callable[[], Any], *, repeat: int, warmup: int = 2) -> list[float]:
    """Wall-clock milliseconds of each call."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000.0)
    return samples


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "p50": percentile(samples, 50),
        "p95": percentile(samples, 95),
        "p99": percentile(samples, 99),
        "mean": statistics.fmean(samples) if samples else float("nan"),
    }


@contextmanager
def scratch_data_dir(prefix: str = "kozomol-bench-") -> Iterator[Path]:
    """A fresh KOZOMOL_DATA_DIR for one benchmark (SQLite database inside)."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        yield Path(tmp)


def django_setup(data_dir: Path, database_url: str | None = None) -> None:
    """Configure Django in this process against ``data_dir`` (call once per process)."""
    os.environ["KOZOMOL_DATA_DIR"] = str(data_dir)
    if database_url:
        os.environ["KOZOMOL_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kozomol.settings")
    import django

    django.setup()


def kozomol(
    *args: str, data_dir: Path, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """Run the ``kozomol`` command line against ``data_dir``."""
    full_env = {**os.environ, "KOZOMOL_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kozomol.cli", *args],
        env=full_env,
        check=True,
        text=True,
        capture_output=True,
        **kwargs,
    )


@contextmanager
def served(
    data_dir: Path, *, port: int, workers: int = 2, env: dict[str, str] | None = None
) -> Iterator[str]:
    """``kozomol serve`` on loopback for the duration of the block; yields its base URL."""
    import urllib.request

    full_env = {**os.environ, "KOZOMOL_DATA_DIR": str(data_dir), **(env or {})}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kozomol.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("kozomol serve did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
