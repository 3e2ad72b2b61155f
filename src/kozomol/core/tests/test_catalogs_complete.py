"""The interface is translated: a string without a Russian or Kyrgyz translation fails the build."""

from __future__ import annotations

from kozomol.core.management.commands.catalogs import app_dirs
from kozomol.lib import catalogs


def test_every_interface_string_has_russian_and_kyrgyz_translations():
    problems = [problem for app_dir in app_dirs() for problem in catalogs.missing(app_dir)]
    assert problems == [], f"{len(problems)} untranslated strings, first: {problems[:20]}"


def test_extraction_sees_templates_and_python(tmp_path):
    app = tmp_path / "demoapp"
    (app / "templates" / "demoapp").mkdir(parents=True)
    (app / "apps.py").write_text("")
    (app / "views.py").write_text('from django.utils.translation import gettext as _\nX = _("From Python")\n')
    (app / "templates" / "demoapp" / "page.html").write_text(
        '{% load i18n %}{% translate "From a template" %}{% blocktranslate with n=1 %}Page {{ n }}{% endblocktranslate %}'
    )
    found = {m.msgid for m in catalogs.extract(app)}
    assert {"From Python", "From a template", "Page %(n)s"} <= found
    problems = catalogs.missing(app)
    assert any("From Python" in p for p in problems)
