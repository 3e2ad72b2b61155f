"""The demo's indicators: the built-in set of the report, defined for monitoring-2013.

When the demo holds fewer than 300 migrants' interviews (other apps load only
a handful), 300 synthetic ones are added with a fixed seed, so the dashboard
has figures to show; they are labelled as synthetic in their form's title.
"""

from __future__ import annotations

from typing import Any

from kozomol.accounts.roles import Role
from kozomol.analytics import synthetic
from kozomol.analytics.builtin import BUILTIN_INDICATORS
from kozomol.analytics.services import indicator_save

DEMO_SEED = 2013
DEMO_MIN_SUBMISSIONS = 300


def load(ctx: Any) -> None:
    campaign = ctx.campaign
    actor = ctx.users.get(Role.ANALYST) or ctx.users.get(Role.COORDINATOR)
    for position, (key, ru, ky, en, spec) in enumerate(BUILTIN_INDICATORS):
        indicator_save(
            actor=actor,
            campaign=campaign,
            key=key,
            title_ru=ru,
            title_ky=ky,
            title_en=en,
            spec=spec,
            position=position,
        )
    model = synthetic._model("submissions", "Submission")
    if model is None:
        ctx.say("analytics: the submissions app has not landed; the dashboard will be empty")
        return
    have = model.objects.filter(campaign=campaign, target_group__code="migrants").count()
    if have < DEMO_MIN_SUBMISSIONS:
        report = synthetic.generate(campaign, submissions=DEMO_MIN_SUBMISSIONS, seed=DEMO_SEED)
        ctx.say(
            f"analytics: {len(BUILTIN_INDICATORS)} indicators; {report.submissions} synthetic interviews added"
        )
    else:
        ctx.say(f"analytics: {len(BUILTIN_INDICATORS)} indicators")
