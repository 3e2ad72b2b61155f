"""Files a form names (pictures, choice lists): uploaded by the coordinator, listed in the manifest
ODK Collect reads, served to collectors, kept across versions, and read by the web form."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import translation

from kozomol.questionnaires import services
from kozomol.questionnaires.media import media_names
from kozomol.questionnaires.models import FormMedia
from kozomol.submissions.webform import build_tree, check, web_form, web_schema
from kozomol.testing import PASSWORD

MEDIA_MD = """
| settings |  |  |  |  |
|  | form_id | version |  |  |
|  | media_test | {version} |  |  |
| survey |  |  |  |  |
|  | type | name | label | media::image |
|  | select_one_from_file cities.csv | city | City of work |  |
|  | note | flag | The flag | flag.png |
"""
CITIES = "name,label,label::Кыргызча (ky)\nmoscow,Москва,Москва\nalmaty,Алматы,Алматы\n".encode()

CITIES_MD5 = hashlib.md5(CITIES, usedforsecurity=False).hexdigest()


def _import(world, version="1"):
    return services.form_import(
        campaign=world.campaign,
        content=MEDIA_MD.format(version=version).encode(),
        filename="media_test.md",
        actor=world.users["coordinator"],
    )


def _basic(user):
    raw = f"{user.email}:{PASSWORD}".encode()
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(raw).decode()}


@pytest.mark.django_db
def test_the_form_names_its_files_and_a_coordinator_attaches_them(client, world):
    version = _import(world)
    assert media_names(version.xform_xml) == ["cities.csv", "flag.png"]
    client.login(username=world.users["coordinator"].email, password=PASSWORD)
    detail = reverse("questionnaires:detail", args=[world.campaign.slug, version.form_id])
    upload = reverse("questionnaires:media_upload", args=[world.campaign.slug, version.form_id])
    assert "missing" in client.get(detail, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    with translation.override("en"):
        wrong = client.post(
            upload, {"file": _file("other.csv", CITIES)}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
        )
        bad = client.post(
            upload, {"file": _file("cities.csv", b"id,label\n1,x\n")}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
        )
        good = client.post(
            upload, {"file": _file("cities.csv", CITIES)}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
        )

    assert (
        "names no file other.csv" in wrong.content.decode()
        and "cities.csv, flag.png" in wrong.content.decode()
    )
    assert "no column named name" in bad.content.decode()
    assert "was attached" in good.content.decode()
    media = FormMedia.objects.get()
    assert media.name == "cities.csv" and media.md5 == "md5:" + CITIES_MD5


@pytest.mark.django_db
def test_odk_collect_finds_the_files_in_the_manifest_and_downloads_them(client, world):
    version = _import(world)
    services.form_media_upload(version=version, name="cities.csv", content=CITIES, actor=None)
    monitor = world.users["monitor"]

    manifest = client.get(
        f"/openrosa/{world.campaign.slug}/forms/{version.form_id}/manifest", **_basic(monitor)
    ).content.decode()

    assert "<filename>cities.csv</filename>" in manifest
    assert f"<hash>md5:{CITIES_MD5}</hash>" in manifest
    url = re.search(r"<downloadUrl>([^<]+cities\.csv)</downloadUrl>", manifest).group(1)
    download = client.get(url, **_basic(monitor))
    assert download.status_code == 200 and b"".join(download.streaming_content) == CITIES
    assert download["Content-Disposition"].startswith("attachment")
    outsider = client.get(url, **_basic(world.outsider))
    assert outsider.status_code in (403, 404)


@pytest.mark.django_db
def test_a_new_version_keeps_the_files_it_still_names(world):
    first = _import(world, "1")
    services.form_media_upload(version=first, name="cities.csv", content=CITIES, actor=None)

    second = _import(world, "2")

    kept = second.media_files.get()
    assert kept.name == "cities.csv" and kept.md5 == first.media_files.get().md5
    assert kept.file.name != first.media_files.get().file.name  # a copy: deleting one keeps the other
    with kept.file.open("rb") as handle:
        assert handle.read() == CITIES


@pytest.mark.django_db
def test_the_web_form_offers_the_choices_of_the_uploaded_list(world):
    version = _import(world)
    before = build_tree(web_schema(version), {}, language="default")
    services.form_media_upload(version=version, name="cities.csv", content=CITIES, actor=None)

    after = build_tree(web_schema(version), {}, language="default")

    city_before = next(n for n in before if n.key == "city")
    city = next(n for n in after if n.key == "city")
    assert city_before.choices == []
    assert [(c["name"], c["label"]) for c in city.choices] == [("moscow", "Москва"), ("almaty", "Алматы")]


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


FILTERED_MD = """
| survey |  |  |  |  |
|  | type | name | label | choice_filter |
|  | select_one c | country | Country |  |
|  | select_one_from_file towns.csv | town | Town | country=${country} |
| choices |  |  |  |  |
|  | list_name | name | label |  |
|  | c | RU | Russia |  |
|  | c | KZ | Kazakhstan |  |
"""


@pytest.mark.django_db
def test_a_choice_filter_on_an_uploaded_list_reads_the_lists_own_columns(world):
    version = services.form_import(
        campaign=world.campaign, content=FILTERED_MD.encode(), filename="filtered.md", actor=None
    )
    towns = "name;label;country\nmoscow;Москва;RU\nalmaty;Алматы;KZ\nastana;Астана;KZ\n".encode()
    services.form_media_upload(version=version, name="towns.csv", content=towns, actor=None)
    schema, filters = web_form(version)

    tree = build_tree(schema, {"country": "KZ"}, language="default", filters=filters)
    town = next(n for n in tree if n.key == "town")

    assert [c["name"] for c in town.choices if not c["hidden"]] == ["almaty", "astana"]
    assert (
        check(schema, {"country": "KZ", "town": "almaty"}, language="default", files={}, filters=filters)
        == {}
    )
    assert "town" in check(
        schema, {"country": "KZ", "town": "moscow"}, language="default", files={}, filters=filters
    )
