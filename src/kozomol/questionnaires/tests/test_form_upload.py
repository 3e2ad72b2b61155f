from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from kozomol.questionnaires.models import Form, FormVersion
from kozomol.testing import PASSWORD

EXTERNAL = Path("/work/shared/external/xlsforms")
GOOD = EXTERNAL / "example__tutorial.xls"
WITH_VERSION = EXTERNAL / "bug_example__UCL_Biomass_Plot_Form.xlsx"
BAD = EXTERNAL / "bug_example__calculate_without_calculation.xls"
MD_FORM = """| survey |         |          |            |
|        | type    | name     | label      |
|        | text    | city     | Город      |
|        | integer | age      | Возраст    |
| settings |       |          |            |
|        | form_id | version  | form_title |
|        | md_form | 3        | MD form    |
"""


def _upload(client, slug: str, name: str, content: bytes, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("questionnaires:upload", kwargs={"slug": slug}),
        {"xlsform": SimpleUploadedFile(name, content), **extra},
    )


@pytest.mark.django_db
class TestUpload:
    def test_coordinator_uploads_an_xlsform_and_sees_pyxform_warnings(self, client, world) -> None:
        client.login(username=world.users["coordinator"].email, password=PASSWORD)
        group = world.campaign.target_groups.first()
        response = _upload(client, world.campaign.slug, GOOD.name, GOOD.read_bytes(), target_group=group.pk)
        form = Form.objects.get(campaign=world.campaign)
        assert response.status_code == 302
        assert form.target_group == group
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert "xlsform-warnings" in page.content.decode()
        assert "tutorial notes" in page.content.decode()

    def test_a_refused_xlsform_shows_pyxform_message_and_creates_nothing(self, client, world) -> None:
        client.login(username=world.users["coordinator"].email, password=PASSWORD)
        response = _upload(client, world.campaign.slug, BAD.name, BAD.read_bytes())
        assert response.status_code == 200
        assert "Missing calculation" in response.content.decode()
        assert not Form.objects.exists() and not FormVersion.objects.exists()

    def test_markdown_xlsform_is_converted(self, client, world) -> None:
        client.login(username=world.users["coordinator"].email, password=PASSWORD)
        response = _upload(client, world.campaign.slug, "form.md", MD_FORM.encode())
        assert response.status_code == 302
        version = FormVersion.objects.get()
        assert version.version == "3" and version.form.form_id == "md_form"
        assert [q.path for q in version.parsed.questions] == ["city", "age"]
        assert version.parsed.questions[0].labels == {"default": "Город"}

    def test_same_form_id_becomes_a_new_version_and_same_version_is_refused(self, client, world) -> None:
        client.login(username=world.users["coordinator"].email, password=PASSWORD)
        _upload(client, world.campaign.slug, "form.md", MD_FORM.encode())
        again = _upload(client, world.campaign.slug, "form.md", MD_FORM.encode())
        from django.utils.translation import gettext, override

        from kozomol.questionnaires.services import ERR_VERSION_EXISTS

        with override("ru"):
            expected = gettext(ERR_VERSION_EXISTS) % {"form_id": "md_form", "version": "3"}
        assert again.status_code == 200 and expected in again.content.decode()
        _upload(client, world.campaign.slug, "form.md", MD_FORM.replace("| 3 ", "| 4 ").encode())
        form = Form.objects.get()
        assert list(form.versions.order_by("version").values_list("version", flat=True)) == ["3", "4"]
        assert form.current_version.version == "4"

    def test_forms_without_a_version_get_a_generated_one(self, client, world) -> None:
        client.login(username=world.users["coordinator"].email, password=PASSWORD)
        _upload(client, world.campaign.slug, GOOD.name, GOOD.read_bytes())
        _upload(client, world.campaign.slug, GOOD.name, GOOD.read_bytes())
        versions = list(FormVersion.objects.values_list("version", "version_declared"))
        assert len(versions) == 2 and len({v for v, _ in versions}) == 2
        assert all(not declared for _, declared in versions)

    def test_the_xlsform_can_be_downloaded_back(self, client, world) -> None:
        client.login(username=world.users["coordinator"].email, password=PASSWORD)
        _upload(client, world.campaign.slug, WITH_VERSION.name, WITH_VERSION.read_bytes())
        version = FormVersion.objects.get()
        url = reverse(
            "questionnaires:xlsform",
            kwargs={"slug": world.campaign.slug, "form_pk": version.form_id, "version_pk": version.pk},
        )
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == WITH_VERSION.read_bytes()
        assert WITH_VERSION.name in response["Content-Disposition"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,expected", [("coordinator", 200), ("monitor", 403), ("analyst", 403), ("viewer", 403)]
)
def test_upload_page_needs_manage_forms(client, world, role, expected) -> None:
    client.login(username=world.users[role].email, password=PASSWORD)
    assert (
        client.get(reverse("questionnaires:upload", kwargs={"slug": world.campaign.slug})).status_code
        == expected
    )


@pytest.mark.django_db
def test_outsider_does_not_see_the_forms(client, world) -> None:
    client.login(username=world.outsider.email, password=PASSWORD)
    for name in ("questionnaires:list", "questionnaires:upload", "questionnaires:templates"):
        assert client.get(reverse(name, kwargs={"slug": world.campaign.slug})).status_code == 404


@pytest.mark.django_db
def test_report_template_is_added_in_one_click(client, world) -> None:
    from kozomol.questionnaires.selectors import available_templates

    templates = available_templates()
    if not templates:
        pytest.skip("the report's templates are not built yet")
    template = next(t for t in templates if t.target_group == "migrants")
    client.login(username=world.users["coordinator"].email, password=PASSWORD)
    url = reverse("questionnaires:templates", kwargs={"slug": world.campaign.slug})
    assert template.code in client.get(url).content.decode()
    response = client.post(url, {"code": template.code})
    assert response.status_code == 302
    form = Form.objects.get(campaign=world.campaign)
    assert form.target_group.code == "migrants"
    assert form.current_version.parsed.question("profile/country") is not None
    assert client.post(url, {"code": "nonexistent"}).status_code == 302
    assert Form.objects.count() == 1
