"""The indicator editor: a key, titles in three languages and the JSON definition."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

ERROR_NOT_JSON = gettext_noop("The definition is not valid JSON: %(error)s")


class IndicatorForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=80)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=250)
    title_ky = forms.CharField(label=_("Title (Kyrgyz)"), max_length=250, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=250, required=False)
    spec = forms.CharField(
        label=_("Definition (JSON)"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_(
            'e.g. {"source": "submissions", "measure": {"kind": "share", "question": "has_work_permit", '
            '"values": ["no"], "of": ["yes", "no"]}, "breakdowns": ["country"]}'
        ),
    )
    position = forms.IntegerField(label=_("Position"), min_value=0, initial=100)

    def clean_spec(self) -> dict[str, Any]:
        raw = self.cleaned_data["spec"]
        try:
            value = json.loads(raw)
        except ValueError as exc:
            raise forms.ValidationError(_(ERROR_NOT_JSON) % {"error": str(exc)}) from exc
        if not isinstance(value, dict):
            raise forms.ValidationError(_(ERROR_NOT_JSON) % {"error": "an object {…} is expected"})
        return value
