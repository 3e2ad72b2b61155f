"""Background retraining (django.tasks), reported through a Job."""

from __future__ import annotations

from django.tasks import task


@task
def retrain_autocoder(*, campaign_id: int, job_id: str | None = None) -> dict:
    from kozomol.autocoding.services import autocoder_train
    from kozomol.campaigns.models import Campaign
    from kozomol.core.jobs import Progress, job_fail, job_finish
    from kozomol.core.models import Job

    job = Job.objects.filter(pk=job_id).first() if job_id else None
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        if job is not None:
            job_fail(job, "campaign deleted")
        return {}
    with Progress(job, total=3) as progress:
        stored = autocoder_train(campaign=campaign, progress=progress)
    result = {"model": stored.pk, "passages": stored.passages_seen}
    if job is not None:
        from django.urls import reverse

        job_finish(
            job, result={**result, "url": reverse("autocoding:suggestions", kwargs={"slug": campaign.slug})}
        )
    return result
