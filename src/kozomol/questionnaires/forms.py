from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kozomol.campaigns.models import Campaign, TargetGroup
from kozomol.questionnaires.xlsform import XLSFORM_EXTENSIONS


class XLSFormUploadForm(forms.Form):
    xlsform = forms.FileField(
        label=_("XLSForm"),
        help_text=_(
            "An .xlsx, .xls, .csv or .md file. Uploading a form with an existing form ID adds a new version."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(XLSFORM_EXTENSIONS)}),
    )
    target_group = forms.ModelChoiceField(
        queryset=TargetGroup.objects.none(), required=False, label=_("Target group")
    )

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_group"].queryset = campaign.target_groups.all()


class MediaUploadForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("Upload it under the name the form uses."))
