from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kozomol.accounts.models import Organisation
from kozomol.directory.models import Service
from kozomol.places.models import Location


class SearchForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country"),
        required=False,
        empty_label=_("any"),
        queryset=Location.objects.filter(kind=Location.Kind.COUNTRY).order_by("code"),
        to_field_name="code",
    )
    city = forms.ModelChoiceField(
        label=_("City"),
        required=False,
        empty_label=_("any"),
        queryset=Location.objects.filter(kind=Location.Kind.CITY).order_by("country_code", "name_ru"),
        to_field_name="code",
    )
    kind = forms.ChoiceField(
        label=_("Help with"), required=False, choices=[("", _("any")), *Service.Kind.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("any")), *Service.LANGUAGES]
    )
    women_staff = forms.BooleanField(label=_("Women staff"), required=False)
    q = forms.CharField(label=_("Words"), required=False, max_length=100)


class ServiceForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=Service.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        fields = [
            "maintained_by",
            "organisation",
            "provider_ru",
            "provider_ky",
            "provider_en",
            "kind",
            "description_ru",
            "description_ky",
            "description_en",
            "country",
            "city",
            "address",
            "languages",
            "hours",
            "phone",
            "email",
            "website",
            "women_staff",
            "free_of_charge",
            "last_verified",
            "is_published",
        ]
        widgets = {
            "last_verified": forms.DateInput(attrs={"type": "date"}),
            "description_ru": forms.Textarea(attrs={"rows": 3}),
            "description_ky": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, maintainer_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["maintained_by"].queryset = Organisation.objects.filter(pk__in=maintainer_ids)
        self.fields["country"].queryset = Location.objects.filter(kind=Location.Kind.COUNTRY)
        self.fields["city"].queryset = Location.objects.filter(kind=Location.Kind.CITY).order_by(
            "country_code", "name_ru"
        )
