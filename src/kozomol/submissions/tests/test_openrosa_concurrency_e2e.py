"""Phones sending at the same moment to a real ``kozomol serve`` (two processes, SQLite).

New submissions are written in shared transactions by each process's writer
thread: every one must be stored exactly once, a resend of a known one must
store nothing, a conflicting one must answer 409, and the audit chain must
still verify.
"""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import threading

import pytest

from kozomol.submissions.tests.collect_fixtures import submission_xml
from kozomol.submissions.tests.test_openrosa_serve_e2e import _rows, multipart, server  # noqa: F401

CLIENTS = 8
PER_CLIENT = 15


def _send_all(port: int, path: str, bodies: list[bytes]) -> list[tuple[int, bytes]]:
    """One keep-alive connection posting ``bodies`` in order, like a phone emptying its outbox."""
    answers = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for xml in bodies:
        body, content_type = multipart(xml)
        conn.request(
            "POST",
            path,
            body=body,
            headers={"Content-Type": content_type, "X-OpenRosa-Version": "1.0", "Accept-Language": "en"},
        )
        response = conn.getresponse()
        answers.append((response.status, response.read()))
    conn.close()
    return answers


@pytest.mark.slow
def test_concurrent_phones_store_each_submission_once_and_keep_the_audit_chain(server) -> None:  # noqa: F811
    path = f"/openrosa/{server['slug']}/key/{server['token']}/submission"
    before = _rows(server["db"], "SELECT count(*) FROM submissions_submission")[0][0]
    # Every client sends its own new submissions; in the middle each also sends
    # one shared instanceID (identical XML, so all but one are resends) and one
    # shared instanceID whose answers differ per client (all but one conflict).
    shared_id, shared_xml = submission_xml()
    contested_id = "uuid:contested-" + os.urandom(4).hex()
    outboxes: list[list[bytes]] = []
    own_ids: list[str] = []
    for client in range(CLIENTS):
        box = []
        for _ in range(PER_CLIENT):
            instance_id, xml = submission_xml()
            own_ids.append(instance_id)
            box.append(xml)
        box.insert(PER_CLIENT // 2, shared_xml)
        box.insert(PER_CLIENT // 2 + 1, submission_xml(instance_id=contested_id, age=str(20 + client))[1])
        outboxes.append(box)

    results: list[list[tuple[int, bytes]]] = [[] for _ in range(CLIENTS)]

    def phone(index: int) -> None:
        results[index] = _send_all(server["port"], path, outboxes[index])

    threads = [threading.Thread(target=phone, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    own_statuses = [status for answers in results for status, _ in answers[: PER_CLIENT // 2]]
    own_statuses += [status for answers in results for status, _ in answers[PER_CLIENT // 2 + 2 :]]
    assert own_statuses == [201] * (CLIENTS * PER_CLIENT)
    shared_statuses = [answers[PER_CLIENT // 2] for answers in results]
    assert [status for status, _ in shared_statuses] == [201] * CLIENTS
    assert sum(b"already received" in reply for _, reply in shared_statuses) == CLIENTS - 1
    contested = sorted(answers[PER_CLIENT // 2 + 1][0] for answers in results)
    assert contested == [201] + [409] * (CLIENTS - 1)

    stored = _rows(
        server["db"],
        "SELECT instance_id, count(*) FROM submissions_submission GROUP BY instance_id HAVING count(*) > 1",
    )
    assert stored == []
    total = _rows(server["db"], "SELECT count(*) FROM submissions_submission")[0][0]
    assert total - before == CLIENTS * PER_CLIENT + 2
    for instance_id in [*own_ids, shared_id, contested_id]:
        assert (
            _rows(
                server["db"], "SELECT count(*) FROM submissions_submission WHERE instance_id = ?", instance_id
            )[0][0]
            == 1
        ), instance_id
    # One "created" audit entry per stored submission, and the chain verifies end to end.
    created = _rows(
        server["db"],
        "SELECT count(*) FROM audit_auditentry WHERE object_type = 'submissions.submission' AND action = 'create'",
    )[0][0]
    assert created == total
    data_dir = str(server["db"].parent)
    env = {**os.environ, "KOZOMOL_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "kozomol.settings"}
    env.pop("KOZOMOL_DATABASE_URL", None)
    verify = subprocess.run(
        [sys.executable, "-m", "kozomol.cli", "audit_verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verify.returncode == 0, verify.stderr
    assert "intact" in verify.stdout
