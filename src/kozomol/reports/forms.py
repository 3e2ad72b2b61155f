from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("ru", "Русский"), ("ky", "Кыргызча"), ("en", "English")]


class GenerateForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=[("docx", "DOCX"), ("pdf", "PDF"), ("html", "HTML")]
    )
    lang = forms.ChoiceField(label=_("Language of the report"), choices=LANGUAGE_CHOICES)


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word template (.docx)"),
        help_text=_(
            "Placeholders: {{title}}, {{organisation}}, {{period}}, {{place_year}}; the paragraph {{body}} is "
            "replaced by the report."
        ),
    )
