"""ODK Collect's conversation with a real ``kozomol serve`` over HTTP.

form list → form + manifest download → HEAD → multipart POST with two attachments, one
of them in a second (chunked) POST → the same submission again → a conflicting one → an
XML bomb; the stored rows are read back from the server's SQLite database.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from kozomol.submissions.tests.collect_fixtures import XML_BOMB, submission_xml

NS = "{http://openrosa.org/xforms/xformsList}"
MANIFEST_NS = "{http://openrosa.org/xforms/xformsManifest}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[dict]:
    with tempfile.TemporaryDirectory(prefix="kozomol-e2e-") as tmp:
        env = {**os.environ, "KOZOMOL_DATA_DIR": tmp, "DJANGO_SETTINGS_MODULE": "kozomol.settings"}
        env.pop("KOZOMOL_DATABASE_URL", None)  # the point is SQLite in the data dir
        setup = subprocess.run(
            [sys.executable, "-m", "kozomol.submissions.tests.serve_setup", tmp],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        info = json.loads(setup.stdout.strip().splitlines()[-1])
        port = _free_port()
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
                "2",
                "--no-task-worker",
                "--no-collectstatic",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    conn.request("GET", "/healthz")
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError("kozomol serve did not start") from None
                    time.sleep(0.3)
            yield {**info, "port": port, "db": Path(tmp) / "kozomol.sqlite3", "media": Path(tmp) / "media"}
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


class Collect:
    """Speaks like ODK Collect: Basic auth after a 401 challenge, OpenRosa headers, multipart."""

    def __init__(self, port: int, email: str, password: str) -> None:
        self.port = port
        self.auth = "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()

    def request(
        self, method: str, url: str, body=None, headers=None, *, auth: bool = True, chunked: bool = False
    ):
        path = urllib.parse.urlsplit(url).path if url.startswith("http") else url
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        all_headers = {
            "X-OpenRosa-Version": "1.0",
            "Date": time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime()),
        }
        if auth:
            all_headers["Authorization"] = self.auth
        all_headers.update(headers or {})
        conn.request(method, path, body=body, headers=all_headers, encode_chunked=chunked)
        response = conn.getresponse()
        content = response.read()
        conn.close()
        return response, content


def multipart(xml: bytes, *files: tuple[str, str, bytes]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="xml_submission_file"; '
            'filename="submission.xml"\r\nContent-Type: text/xml\r\n\r\n'
        ).encode()
        + xml
        + b"\r\n"
    ]
    for name, content_type, content in files:
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{name}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _assert_openrosa(response) -> None:
    assert response.getheader("X-OpenRosa-Version") == "1.0"
    assert int(response.getheader("X-OpenRosa-Accept-Content-Length")) > 0


def _rows(db: Path, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


@pytest.mark.slow
def test_odk_collect_conversation_over_http(server) -> None:
    slug, port = server["slug"], server["port"]
    collect = Collect(port, server["monitor"], server["password"])
    base = f"/openrosa/{slug}"

    # Unauthenticated first request: a Basic challenge, like a fresh phone gets.
    response, _ = collect.request("GET", base + "/formList", auth=False)
    assert response.status == 401 and response.getheader("WWW-Authenticate").startswith("Basic")
    _assert_openrosa(response)

    # Form list, form, manifest.
    response, body = collect.request("GET", base + "/formList")
    assert response.status == 200
    _assert_openrosa(response)
    xform = fromstring(body).find(f"{NS}xform")
    assert xform.findtext(f"{NS}formID") == "migrant_test"
    assert xform.findtext(f"{NS}hash") == server["md5"]
    response, form_xml = collect.request("GET", xform.findtext(f"{NS}downloadUrl"))
    assert response.status == 200 and b"<h:html" in form_xml
    _assert_openrosa(response)
    import hashlib

    assert "md5:" + hashlib.md5(form_xml).hexdigest() == server["md5"]  # noqa: S324
    response, manifest = collect.request("GET", xform.findtext(f"{NS}manifestUrl"))
    assert response.status == 200 and fromstring(manifest).tag == f"{MANIFEST_NS}manifest"
    _assert_openrosa(response)

    # Pre-flight.
    response, _ = collect.request("HEAD", base + "/submission")
    assert response.status == 204
    _assert_openrosa(response)

    # The submission with the first attachment; the second comes in a chunked POST.
    instance_id, xml = submission_xml()
    body, content_type = multipart(xml, ("passport.jpg", "image/jpeg", b"\xff\xd8JPEG-1"))
    response, reply = collect.request("POST", base + "/submission", body, {"Content-Type": content_type})
    assert response.status == 201, reply
    _assert_openrosa(response)
    assert b"OpenRosaResponse" in reply
    body, content_type = multipart(xml, ("talk.m4a", "audio/mp4", b"AUDIO" * 1000))
    chunks = iter([body[i : i + 4096] for i in range(0, len(body), 4096)])
    response, reply = collect.request(
        "POST",
        base + "/submission",
        chunks,
        {"Content-Type": content_type, "Transfer-Encoding": "chunked"},
        chunked=True,
    )
    assert response.status == 201, reply

    rows = _rows(
        server["db"],
        "SELECT id, data, submitted_by_id, country_code FROM submissions_submission WHERE instance_id = ?",
        instance_id,
    )
    assert len(rows) == 1
    submission_id, data, monitor_id, country = rows[0]
    assert json.loads(data)["episode"][0]["episode/episode_story"] == "Не заплатили за два месяца"
    assert (monitor_id, country) == (server["monitor_id"], "RU")
    attachments = _rows(
        server["db"],
        "SELECT name, size, file FROM submissions_attachment WHERE submission_id = ? ORDER BY name",
        submission_id,
    )
    assert [(name, size) for name, size, _ in attachments] == [
        ("passport.jpg", len(b"\xff\xd8JPEG-1")),
        ("talk.m4a", 5000),
    ]
    assert (server["media"] / attachments[1][2]).read_bytes() == b"AUDIO" * 1000

    # The same submission again: nothing new stored.
    body, content_type = multipart(xml, ("passport.jpg", "image/jpeg", b"\xff\xd8JPEG-1"))
    response, _ = collect.request("POST", base + "/submission", body, {"Content-Type": content_type})
    assert response.status == 201
    assert _rows(server["db"], "SELECT count(*) FROM submissions_submission")[0][0] == 1
    assert _rows(server["db"], "SELECT count(*) FROM submissions_attachment")[0][0] == 2

    # A conflicting document with the same instanceID.
    _, conflicting = submission_xml(instance_id=instance_id, age="50")
    body, content_type = multipart(conflicting)
    response, reply = collect.request("POST", base + "/submission", body, {"Content-Type": content_type})
    assert response.status == 409, reply
    _assert_openrosa(response)
    assert json.loads(_rows(server["db"], "SELECT data FROM submissions_submission")[0][0])["age"] == "34"

    # An XML bomb.
    body, content_type = multipart(XML_BOMB)
    response, reply = collect.request("POST", base + "/submission", body, {"Content-Type": content_type})
    assert response.status == 400
    _assert_openrosa(response)
    assert b"DTD" in reply or b"entities" in reply
    assert _rows(server["db"], "SELECT count(*) FROM submissions_submission")[0][0] == 1

    # A device link works with no password; other campaigns stay closed.
    device = Collect(port, "", "")
    response, _ = device.request("GET", f"{base}/key/{server['token']}/formList", auth=False)
    assert response.status == 200
    outsider = Collect(port, server["outsider"], server["password"])
    response, _ = outsider.request("GET", base + "/formList")
    assert response.status == 404
    _assert_openrosa(response)
    analyst = Collect(port, server["analyst"], server["password"])
    response, _ = analyst.request("HEAD", base + "/submission")
    assert response.status == 403
