"""Foundation: the home and campaign pages as a logged-in coordinator, against /healthz."""

from __future__ import annotations

from bench.harness import BenchContext, Result, django_setup, scratch_data_dir, summary, time_calls


def run(ctx: BenchContext) -> list[Result]:
    with scratch_data_dir() as data_dir:
        django_setup(data_dir)
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        call_command("demo", password="bench-password-1", verbosity=0)
        client = Client(HTTP_HOST="localhost")
        client.login(username="coordinator@example.org", password="bench-password-1")
        repeat = ctx.size(30, 200)
        baseline = summary(time_calls(lambda: client.get("/healthz"), repeat=repeat))
        page = summary(time_calls(lambda: client.get("/campaigns/monitoring-2013/"), repeat=repeat))
        return [
            Result(
                name="campaign page p95 (in-process client)",
                value=page["p95"],
                unit="ms",
                baseline=baseline["p95"],
                baseline_name="/healthz",
                target="< 200 ms",
                ok=page["p95"] < 200,
            )
        ]
