"""Prepare a scratch Kozomol for the end-to-end OpenRosa test: ``python -m ... DATA_DIR``.

Runs in its own process (the test process holds the in-memory test database):
migrates the SQLite database in DATA_DIR, makes the test world and the migrant
questionnaire, and prints what the test needs as JSON.
"""

from __future__ import annotations

import json
import os
import sys

try:
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    class FastPBKDF2(PBKDF2PasswordHasher):
        iterations = 1000
except ImportError:  # pragma: no cover
    pass


def main(data_dir: str) -> None:
    os.environ["KOZOMOL_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "kozomol.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Argon2 on a dozen users would only slow the test. PBKDF2 keeps its iteration count in
    # the stored hash, so the server (whose hashers include PBKDF2) checks these cheaply.
    settings.PASSWORD_HASHERS = ["kozomol.submissions.tests.serve_setup.FastPBKDF2"]
    call_command("migrate", verbosity=0)
    from kozomol.submissions.models import CollectToken
    from kozomol.submissions.tests.collect_fixtures import migrant_form
    from kozomol.testing import PASSWORD, make_world

    world = make_world("e2e")
    version = migrant_form(world.campaign, world.users["coordinator"])
    token = CollectToken.objects.create(campaign=world.campaign, user=world.users["monitor"])
    print(
        json.dumps(
            {
                "slug": world.campaign.slug,
                "other_slug": world.other_campaign.slug,
                "monitor": world.users["monitor"].email,
                "monitor_id": world.users["monitor"].pk,
                "analyst": world.users["analyst"].email,
                "outsider": world.outsider.email,
                "password": PASSWORD,
                "token": token.token,
                "md5": version.md5,
                "version_id": version.pk,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
