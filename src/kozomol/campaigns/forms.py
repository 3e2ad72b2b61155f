from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kozomol.accounts.models import Organisation
from kozomol.campaigns.models import Campaign, TargetGroup
from kozomol.places.models import Location


class CampaignForm(forms.ModelForm):
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cities = forms.ModelMultipleChoiceField(
        label=_("Cities"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Campaign
        fields = [
            "slug",
            "title",
            "period_start",
            "period_end",
            "goals",
            "tasks",
            "method",
            "appeal_retention_days",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["countries"]).queryset = Location.objects.filter(
            kind=Location.Kind.COUNTRY
        )
        cast(forms.ModelChoiceField, self.fields["cities"]).queryset = Location.objects.filter(
            kind=Location.Kind.CITY, is_destination=True
        )
        if self.instance.pk:
            self.fields["slug"].disabled = True  # addresses and ODK server URLs depend on it
            self.initial["countries"] = list(self.instance.countries.all())
            self.initial["cities"] = list(self.instance.cities.all())

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class CampaignCreateForm(CampaignForm):
    lead_organisation = forms.ModelChoiceField(
        label=_("Leading organisation"), queryset=Organisation.objects.none()
    )

    class Meta(CampaignForm.Meta):
        fields = ["lead_organisation", *CampaignForm.Meta.fields]

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["lead_organisation"]).queryset = organisations


class ParticipationAddForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all())


class TargetGroupForm(forms.ModelForm):
    class Meta:
        model = TargetGroup
        fields = ["code", "name_ru", "name_ky", "name_en", "position"]
