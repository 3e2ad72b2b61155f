from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kozomol.campaigns.models import Campaign
from kozomol.coding.extract import EXTENSIONS, MAX_UPLOAD_BYTES
from kozomol.coding.models import Code, Document
from kozomol.places.models import Location

NEED_TEXT_OR_FILE_ERROR = _("Upload a file or paste the text.")


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (Document.Kind.TRANSCRIPT, Document.Kind.TRANSCRIPT.label),
            (Document.Kind.CASE_STORY, Document.Kind.CASE_STORY.label),
        ],
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A transcript as .txt, .docx, .odt or .pdf with a text layer, up to %(mb)s MB.")
        % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    text = forms.CharField(
        label=_("Or paste the text"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    external_id = forms.CharField(label=_("Identifier"), required=False, max_length=200)
    target_group = forms.ModelChoiceField(label=_("Target group"), queryset=None, required=False)
    country_code = forms.ChoiceField(label=_("Country"), required=False)
    city = forms.ModelChoiceField(label=_("City"), queryset=None, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"),
        required=False,
        choices=[("", "—"), ("female", _("female")), ("male", _("male")), ("other", _("other"))],
    )

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_group"].queryset = campaign.target_groups.all()  # type: ignore[attr-defined]
        countries = Location.objects.filter(kind=Location.Kind.COUNTRY).order_by("code")
        self.fields["country_code"].choices = [("", "—")] + [(c.code, c.name) for c in countries]  # type: ignore[attr-defined]
        self.fields["city"].queryset = Location.objects.filter(kind=Location.Kind.CITY)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(NEED_TEXT_OR_FILE_ERROR)
        return data


class CodeForm(forms.ModelForm):
    class Meta:
        model = Code
        fields = [
            "identifier",
            "parent",
            "label_ru",
            "label_ky",
            "label_en",
            "definition_ru",
            "definition_ky",
            "definition_en",
            "inclusion",
            "exclusion",
            "examples",
            "colour",
        ]
        widgets = {
            "colour": forms.TextInput(attrs={"type": "color"}),
            "definition_ru": forms.Textarea(attrs={"rows": 3}),
            "definition_ky": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3}),
            "inclusion": forms.Textarea(attrs={"rows": 2}),
            "exclusion": forms.Textarea(attrs={"rows": 2}),
            "examples": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = Code.objects.filter(campaign=campaign)
        if self.instance.pk:
            queryset = queryset.exclude(pk=self.instance.pk)
            # Moving is its own action (it checks for cycles); editing keeps the place.
            del self.fields["parent"]
        else:
            self.fields["parent"].queryset = queryset  # type: ignore[attr-defined]
            self.fields["parent"].required = False


class CodeMoveForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=_("New parent"), queryset=None, required=False, empty_label=_("(top level)")
    )

    def __init__(self, *args: Any, code: Code, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Code.objects.filter(campaign_id=code.campaign_id).exclude(pk=code.pk)  # type: ignore[attr-defined]


class CodeMergeForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Merge into"), queryset=None)

    def __init__(self, *args: Any, code: Code, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Code.objects.filter(campaign_id=code.campaign_id).exclude(pk=code.pk)  # type: ignore[attr-defined]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
