"""One world with an object behind every URL of the access matrix, built through the apps' own services.

``build()`` returns the actors (anonymous, a member of the lead organisation in
every role, a member of the partner organisation in every role, a member of an
organisation outside the campaign in every role) and the URL keyword values
(``objs``) the matrix rows name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kozomol.accounts.models import Membership, User
from kozomol.accounts.roles import Role
from kozomol.questionnaires.models import FormMedia
from kozomol.testing import World, make_user, make_world

ROLES: tuple[str, ...] = tuple(Role.values)
GROUPS = ("own", "partner", "outsider")


@dataclass
class MatrixWorld:
    world: World
    actors: dict[str, User | None] = field(default_factory=dict)  # "anon", "own:viewer", ...
    objs: dict[str, Any] = field(default_factory=dict)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def build() -> MatrixWorld:
    from kozomol.cases import services as case_services
    from kozomol.cases.models import Attachment as CaseAttachment
    from kozomol.cases.models import IntakeRoute
    from kozomol.cases.tests.conftest import file_appeal, jpeg_with_gps
    from kozomol.cases.uploads import clean_upload
    from kozomol.coding.models import Code
    from kozomol.coding.services import codebook_seed, document_create, memo_create, passages_create
    from kozomol.core.models import Job
    from kozomol.directory.models import Service
    from kozomol.findings import services as finding_services
    from kozomol.findings.models import Addressee, Theme
    from kozomol.places.models import Location
    from kozomol.reports.services import report_job_run, report_job_start
    from kozomol.submissions import services as sub_services
    from kozomol.submissions.io.samples import make_sample_form
    from kozomol.submissions.models import Attachment, Submission
    from kozomol.submissions.tests.collect_fixtures import migrant_form, submission_xml

    w = make_world("matrix")
    coordinator = w.users[Role.COORDINATOR]
    monitor = w.users[Role.MONITOR]
    analyst = w.users[Role.ANALYST]
    m = MatrixWorld(world=w)
    m.actors["anon"] = None
    for role in ROLES:
        m.actors[f"own:{role}"] = w.users[role]
        m.actors[f"partner:{role}"] = w.partner_users[role]
        if role == Role.COORDINATOR:
            m.actors[f"outsider:{role}"] = w.outsider
        else:
            outsider = make_user(f"{role}@outside.matrix.test")
            Membership.objects.create(user=outsider, organisation=w.other_org, role=role)
            m.actors[f"outsider:{role}"] = outsider

    campaign = w.campaign
    o = m.objs
    o["slug"] = campaign.slug
    o["org_id"] = w.org.pk
    o["membership_id"] = Membership.objects.get(user=w.users[Role.VIEWER]).pk
    o["participation_id"] = campaign.participations.get(organisation=w.partner_org).pk
    o["group_id"] = campaign.target_groups.first().pk

    # Questionnaires and submissions: an ODK form with an OpenRosa submission and its photo,
    # the sample form with rows imported from CSV, a web draft of the monitor, a device link.
    fv = migrant_form(campaign, coordinator)
    form = fv.form if hasattr(fv, "form") else fv
    o["form_pk"] = form.pk
    o["version_pk"] = form.current_version.pk
    # A media file of the form (the name the URL rows use for files): served to collectors only.
    FormMedia.objects.create(
        form_version=form.current_version,
        name="passport.jpg",
        md5="md5:" + "0" * 32,
        size=4,
        file=ContentFile(b"\xff\xd8\xff\xd9", name="passport.jpg"),
    )
    _iid, xml = submission_xml()
    sub_services.submission_receive(
        campaign=campaign,
        xml=xml,
        files=[SimpleUploadedFile("passport.jpg", jpeg_with_gps(), content_type="image/jpeg")],
        user=monitor,
    )
    submission = Submission.objects.get(campaign=campaign)
    o["pk"] = submission.pk
    o["attachment_pk"] = Attachment.objects.get(submission=submission).pk
    o["name"] = "passport.jpg"
    o["draft_pk"] = sub_services.draft_start(form=form, user=monitor).pk
    token = sub_services.collect_token_create(
        campaign=campaign, user=monitor, label="phone", actor=coordinator
    )
    o["token_pk"] = token.pk
    o["token"] = token.token

    sample = make_sample_form(campaign, coordinator)
    csv = (
        "profile/country;profile/age;problems;meta/instanceID\n"
        "RU;30;wages;uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7\n"
    ).encode("cp1251")
    client = _client(coordinator)
    response = client.post(
        reverse("submissions:import_upload", kwargs={"slug": campaign.slug}),
        {"form": sample.pk, "files": SimpleUploadedFile("data.csv", csv)},
    )
    assert response.status_code == 302, response
    o["import_job"] = Job.objects.get(kind="submissions.import_preview").pk
    response = client.post(
        reverse("submissions:export_start", kwargs={"slug": campaign.slug}),
        {"form": form.pk, "format": "csv", "language": "ru", "background": "on"},
    )
    assert response.status_code == 302, response
    o["export_job"] = Job.objects.get(kind="submissions.export").pk

    # Coding: the seeded codebook, a transcript, a coded passage and a memo.
    codebook_seed(actor=None, campaign=campaign)
    document = document_create(
        actor=monitor, campaign=campaign, title="Интервью", text="Работали без договора. Зарплату не платили."
    )
    code = Code.objects.filter(campaign=campaign).order_by("pk").first()
    passage = passages_create(actor=analyst, document=document, codes=[code], start=0, end=21)[0]
    o["document_id"] = document.pk
    o["passage_id"] = passage.pk
    o["code_id"] = code.pk
    o["memo_id"] = memo_create(actor=analyst, text="Заметка", document=document).pk

    # Cases: an appeal routed to the lead organisation with a photo, and a referral to the partner.
    IntakeRoute.objects.create(organisation=w.org)
    case, _secret = file_appeal(files=[clean_upload(jpeg_with_gps())])
    referred, _secret = file_appeal()
    referral = case_services.referral_create(
        case=referred, actor=w.users[Role.CASEWORKER], to_organisation=w.partner_org
    )
    o["case_pk"] = case.pk
    o["case_file"] = CaseAttachment.objects.get(case=case).name
    o["referral_pk"] = referral.pk

    # Directory of help services, kept by the lead organisation.
    o["service_pk"] = Service.objects.create(
        provider_ru="Юридическая помощь",
        kind=Service.Kind.LEGAL_AID,
        country=Location.objects.get(code="KZ"),
        city=Location.objects.get(code="KZ-almaty"),
        maintained_by=w.org,
        is_published=True,
    ).pk

    # Analytics: the first indicator of the campaign's dashboard.
    from kozomol.analytics.selectors import indicators_for_campaign

    o["chart_key"] = indicators_for_campaign(campaign)[0].key

    # Findings, evidence, recommendations, and a generated report.
    finding = finding_services.finding_create(
        actor=coordinator,
        campaign=campaign,
        theme=Theme.objects.get(identifier="LABOUR"),
        statement_ru="Вывод",
    )
    o["finding_id"] = finding.pk
    o["evidence_id"] = finding_services.evidence_add(
        actor=analyst, finding=finding, kind="quote", text="Цитата", source="интервью"
    ).pk
    addressee = Addressee.objects.first() or finding_services.addressee_create(
        actor=coordinator, code="MFA", name_ru="МИД"
    )
    o["recommendation_id"] = finding_services.recommendation_create(
        actor=coordinator, campaign=campaign, addressee=addressee, text_ru="Рекомендация"
    ).pk
    report = report_job_start(actor=coordinator, campaign=campaign, fmt="docx", lang="ru")
    if report.status != Job.Status.DONE:  # queued on commit, which a test transaction never reaches
        report_job_run(str(report.pk))
    o["report_job"] = report.pk
    return m
