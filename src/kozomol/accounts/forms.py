from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kozomol.accounts.models import Organisation
from kozomol.accounts.roles import Role
from kozomol.places.models import Location


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name_ru", "name_ky", "name_en", "short_name", "kind", "country", "city", "website"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["country"]).queryset = Location.objects.filter(
            kind=Location.Kind.COUNTRY
        )
        cast(forms.ModelChoiceField, self.fields["city"]).queryset = Location.objects.filter(
            kind=Location.Kind.CITY
        )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        country, city = data.get("country"), data.get("city")
        if country and city and city.country_code != country.country_code:
            self.add_error("city", _("This city is not in the chosen country."))
        return data


class MemberAddForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )
