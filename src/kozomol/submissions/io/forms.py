"""Forms of the import and export pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kozomol.questionnaires.models import Form

MAX_UPLOAD_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, (list, tuple)):
            if len(data) > MAX_UPLOAD_FILES:
                raise forms.ValidationError(_("At most 20 files at a time."))
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ImportUploadForm(forms.Form):
    form = forms.ModelChoiceField(queryset=Form.objects.none(), label=_("Questionnaire"))
    files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "A KoboToolbox or ODK Central export (XLSX, CSV, or the ZIP of CSV files), or a CSV whose "
            "first row names the questions. Repeat groups: the extra sheets or files of the same export."
        ),
    )

    def __init__(self, *args: Any, campaign: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = Form.objects.filter(campaign=campaign).order_by("title")


FORMAT_CHOICES = [
    ("csv", _("CSV (repeats as extra files in a ZIP)")),
    ("xlsx", _("Excel XLSX (repeats as extra sheets)")),
    ("sav", _("SPSS .sav with variable and value labels")),
    ("json", _("JSON")),
]
LANGUAGE_CHOICES = [("ru", _("Russian")), ("ky", _("Kyrgyz")), ("en", _("English"))]


class ExportForm(forms.Form):
    form = forms.ModelChoiceField(queryset=Form.objects.none(), label=_("Questionnaire"))
    format = forms.ChoiceField(choices=FORMAT_CHOICES, label=_("Format"), initial="csv")
    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, label=_("Language of labels"), initial="ru")
    labels = forms.BooleanField(required=False, label=_("Labels instead of codes"))
    hxl = forms.BooleanField(required=False, label=_("Add a row of HXL hashtags"))
    background = forms.BooleanField(
        required=False,
        label=_("Prepare in the background and give me a download link"),
        help_text=_("Large XLSX and SPSS exports always run in the background."),
    )

    def __init__(self, *args: Any, campaign: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = Form.objects.filter(campaign=campaign).order_by("title")
