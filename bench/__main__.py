"""``python -m bench [--quick|--full] [--only NAME]``: every benchmark of the project.

Each module ``bench/bench_<area>.py`` defines ``run(ctx: BenchContext) -> list[Result]``.
Every figure is reported beside a baseline measured in the same run, as a
ratio, because this machine is shared and noisy: absolute numbers drift,
ratios much less. Results go to stdout as a table and to
``bench/results/latest.json``; ``docs/benchmarks.md`` records them with the
command that produced them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench.harness import BenchContext, Result

HERE = Path(__file__).resolve().parent


def discover(only: list[str] | None) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if only:
        names = [n for n in names if any(o in n for o in only)]
    return names


def markdown_table(data: dict) -> str:
    """The figures of a results file as the Markdown table docs/benchmarks.md shows."""
    lines = [
        f"Last run: mode `{data['mode']}`, {data['when']}, Python {data['machine']['python']}, "
        f"{data['machine']['cpus']} CPUs, {data['machine']['platform']}.",
        "",
        "| benchmark | mode | value | baseline | ratio | target |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in data["results"]:
        base = (
            f"{r['baseline']:,.2f} {r['unit']} ({r['baseline_name']})"
            if r.get("baseline") is not None
            else "—"
        )
        ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else "—"
        verdict = "" if not r.get("target") else (" — OK" if r.get("ok") else " — MISSED")
        lines.append(
            f"| {r['name']} | {r.get('mode', data['mode'])} | {r['value']:,.2f} {r['unit']} | {base} | {ratio} "
            f"| {r.get('target', '')}{verdict} |"
        )
    return "\n".join(lines)


def run_module(name: str, ctx: BenchContext) -> list[Result]:
    """Run one benchmark module in its own Python process.

    Each module configures Django against its own scratch data directory, and
    Django can be set up once per process; a fresh process also keeps one
    module's caches and memory out of the next one's figures.
    """
    with tempfile.TemporaryDirectory(prefix="kozomol-bench-out-") as tmp:
        out = Path(tmp) / "results.json"
        cmd = [
            sys.executable,
            "-m",
            "bench",
            "--full" if ctx.full else "--quick",
            "--only",
            name,
            "--module-out",
            str(out),
        ]
        completed = subprocess.run(cmd, cwd=HERE.parent, check=False)
        if completed.returncode != 0 or not out.exists():
            raise RuntimeError(f"{name} exited with {completed.returncode}")
        fields = set(Result.__dataclass_fields__)
        return [
            Result(**{k: v for k, v in row.items() if k in fields}) for row in json.loads(out.read_text())
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small sizes, for development (default)")
    size.add_argument("--full", action="store_true", help="the sizes the issues name")
    parser.add_argument("--only", action="append", help="run benchmark modules whose name contains this")
    parser.add_argument("--output", default=str(HERE / "results" / "latest.json"))
    parser.add_argument("--module-out", help=argparse.SUPPRESS)
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="print the results file (--output) as a Markdown table for docs/benchmarks.md and stop",
    )
    args = parser.parse_args(argv)

    if args.markdown:
        print(markdown_table(json.loads(Path(args.output).read_text())))
        return 0
    ctx = BenchContext(full=bool(args.full))
    if args.module_out:
        # Child mode: one module, results as JSON to a file (see run_module).
        module = importlib.import_module(f"bench.{args.only[0]}")
        produced = module.run(ctx)
        Path(args.module_out).write_text(json.dumps([r.as_dict() for r in produced], ensure_ascii=False))
        return 0
    results: list[Result] = []
    modules: list[str] = []  # the module of each result
    failures = 0
    ran = discover(args.only)
    for name in ran:
        print(f"== {name} ({'full' if ctx.full else 'quick'}) ==", flush=True)
        started = time.monotonic()
        try:
            produced = run_module(name, ctx)
        except Exception:
            traceback.print_exc()
            failures += 1
            results.append(Result(name=f"{name}: crashed", value=float("nan"), unit="", ok=False))
            modules.append(name)
            continue
        for result in produced:
            print("   " + result.line(), flush=True)
        results.extend(produced)
        modules.extend([name] * len(produced))
        print(f"   ({time.monotonic() - started:.1f} s)", flush=True)

    print()
    print(Result.table(results))
    lacking = [r.name for r in results if r.baseline is None and not r.name.endswith("crashed")]
    if lacking:
        print("\nfigures without a baseline (every figure needs one):\n  " + "\n  ".join(lacking))
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    mode = "full" if ctx.full else "quick"
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    rows = [
        {**r.as_dict(), "module": m, "mode": mode, "when": when}
        for r, m in zip(results, modules, strict=True)
    ]
    # With --only, the other modules' latest figures (same mode) stay in the file.
    if args.only and out.exists():
        try:
            previous = json.loads(out.read_text())
        except ValueError:
            previous = {}
        if previous.get("results"):
            # Rows carry their own mode and time; older files without them keep the file's.
            kept = [
                {"mode": previous.get("mode", ""), "when": previous.get("when", ""), **row}
                for row in previous.get("results", [])
                if row.get("module") and row["module"] not in ran
            ]
            rows = kept + rows
    out.write_text(
        json.dumps(
            {
                "mode": mode,
                "when": when,
                "machine": {
                    "python": platform.python_version(),
                    "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                },
                "results": rows,
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    print(f"\nwritten to {out}")
    missed = [r for r in results if r.ok is False]
    return 1 if failures or missed else 0


if __name__ == "__main__":
    sys.exit(main())
