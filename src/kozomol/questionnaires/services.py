"""Every change to questionnaires goes through here."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_noop

from kozomol.audit.services import audit_create, audit_record
from kozomol.campaigns.models import Campaign, TargetGroup
from kozomol.questionnaires.models import Form, FormVersion
from kozomol.questionnaires.xlsform import XLSFormError, convert_xlsform, generated_version

ERR_VERSION_EXISTS = gettext_noop(
    "Form %(form_id)s already has version %(version)s. Change the version in the settings sheet "
    "(or remove it so that Kozomol dates the upload)."
)
ERR_TARGET_GROUP = gettext_noop("The target group does not belong to this campaign.")
ERR_FORM_ID_TOO_LONG = gettext_noop("The form ID is longer than 200 characters.")


class FormImportError(Exception):
    """The XLSForm was refused; ``messages`` are one line per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@transaction.atomic
def form_import(
    *,
    campaign: Campaign,
    content: bytes,
    filename: str,
    actor: Any,
    target_group: TargetGroup | None = None,
) -> FormVersion:
    """Create a form (or a new version of the form with the same form ID) from an XLSForm.

    pyxform's errors refuse the upload and nothing is written; its warnings
    are kept on the version and shown after the upload.
    """
    from django.utils.translation import gettext as _

    if target_group is not None and target_group.campaign_id != campaign.pk:
        raise FormImportError([_(ERR_TARGET_GROUP)])
    try:
        conversion = convert_xlsform(content, filename)
    except XLSFormError as exc:
        raise FormImportError([_(str(exc))]) from exc
    if len(conversion.form_id) > 200:
        raise FormImportError([_(ERR_FORM_ID_TOO_LONG)])
    user = actor if getattr(actor, "is_authenticated", False) else None

    form = Form.objects.select_for_update().filter(campaign=campaign, form_id=conversion.form_id).first()
    created = form is None
    if form is None:
        form = Form.objects.create(
            campaign=campaign,
            target_group=target_group,
            form_id=conversion.form_id,
            title=conversion.title[:250],
            created_by=user,
        )
        audit_create(actor, form)
    else:
        changed = []
        if target_group is not None and form.target_group_id != target_group.pk:
            form.target_group = target_group
            changed.append("target_group")
        if conversion.title and form.title != conversion.title[:250]:
            form.title = conversion.title[:250]
            changed.append("title")
        if changed:
            form.save(update_fields=changed)

    version = conversion.version[:100]
    if FormVersion.objects.filter(form=form, version=version).exists():
        if not conversion.version_generated:
            raise FormImportError([_(ERR_VERSION_EXISTS) % {"form_id": form.form_id, "version": version}])
        version = _unique_generated_version(form, version)
    schema = conversion.schema.model_copy(update={"version": version})
    form_version = FormVersion(
        form=form,
        version=version,
        version_declared=not conversion.version_generated,
        xlsform_name=filename[-250:],
        xform_xml=conversion.xform,
        schema=schema.model_dump(mode="json"),
        md5=conversion.md5,
        warnings=conversion.warnings,
        itemsets_csv=conversion.itemsets_csv,
        created_by=user,
    )
    form_version.xlsform.save(filename[-200:], ContentFile(content), save=False)
    try:
        with transaction.atomic():
            form_version.save()
    except IntegrityError as exc:
        form_version.xlsform.delete(save=False)
        raise FormImportError(
            [_(ERR_VERSION_EXISTS) % {"form_id": form.form_id, "version": version}]
        ) from exc
    audit_record(
        actor=actor,
        action="create",
        obj=form_version,
        campaign_id=campaign.pk,
        message=("new form " if created else "new version ") + f"{form.form_id} {version}",
        changes={
            "version": [None, version],
            "md5": [None, conversion.md5],
            "warnings": [None, len(conversion.warnings)],
        },
    )
    form._current_version = form_version  # type: ignore[attr-defined]
    return form_version


def _unique_generated_version(form: Form, version: str) -> str:
    candidate = generated_version()
    n = 1
    while FormVersion.objects.filter(form=form, version=candidate).exists():
        candidate = f"{version}-{n}"
        n += 1
    return candidate


@transaction.atomic
def form_set_open(*, form: Form, is_open: bool, actor: Any) -> Form:
    from kozomol.audit.services import audit_update, stored_snapshot

    before = stored_snapshot(form)
    form.is_open = is_open
    form.save(update_fields=["is_open"])
    audit_update(actor, form, before)
    return form
