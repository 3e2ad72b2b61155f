"""Every XLSForm in shared/external/xlsforms: what pyxform converts imports with the same
questions; what pyxform refuses is refused with its message, and nothing is left behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from kozomol.questionnaires.models import Form, FormVersion
from kozomol.questionnaires.services import FormImportError, form_import

EXTERNAL = Path("/work/shared/external/xlsforms")
FILES = (
    sorted(p for p in EXTERNAL.iterdir() if p.suffix.lower() in {".xls", ".xlsx", ".csv", ".md"})
    if EXTERNAL.exists()
    else []
)


def _bound_paths(xform: str) -> set[str]:
    """Paths of the XForm's <bind> nodesets below the root, without pyxform's meta block and groups."""
    root = fromstring(xform.encode("utf-8"))
    paths = set()
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "bind":
            nodeset = element.get("nodeset", "")
            parts = nodeset.strip("/").split("/", 1)
            if len(parts) == 2 and not parts[1].startswith("meta/"):
                paths.add(parts[1])
    return paths


def test_there_are_external_forms_to_walk() -> None:
    assert len(FILES) > 40


@pytest.mark.django_db
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_external_xlsform_imports_like_pyxform_converts_it(path: Path, world) -> None:
    content = path.read_bytes()
    warnings: list[str] = []
    try:
        expected = convert(xlsform=str(path), warnings=warnings)
        pyxform_error = None
    except PyXFormError as exc:  # pyxform's own refusal
        expected, pyxform_error = None, str(exc)
    except Exception as exc:  # readers raise other types; Kozomol must still refuse cleanly
        expected, pyxform_error = None, str(exc)

    if expected is None:
        with pytest.raises(FormImportError) as refused:
            form_import(
                campaign=world.campaign, content=content, filename=path.name, actor=world.users["coordinator"]
            )
        assert pyxform_error and pyxform_error in " ".join(refused.value.messages)
        assert not Form.objects.exists()
        assert not FormVersion.objects.exists()
        return

    version = form_import(
        campaign=world.campaign, content=content, filename=path.name, actor=world.users["coordinator"]
    )
    schema_paths = {q.path for q in version.parsed.questions}
    group_paths = {g.path for g in version.parsed.groups}
    # Every question that pyxform binds is in the schema, and the schema has no question pyxform lacks.
    assert _bound_paths(expected.xform) - group_paths == schema_paths - {
        q.path
        for q in version.parsed.questions
        if q.type == "acknowledge" and q.path not in _bound_paths(expected.xform)
    }
    assert version.xform_xml == expected.xform
    assert version.warnings == [str(w) for w in warnings]
    assert version.form.form_id == expected._survey.id_string
    assert version.md5.startswith("md5:")
    assert version.xlsform.read() == content
