from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from kozomol.accounts.models import Organisation, User
from kozomol.cases import uploads
from kozomol.cases.models import Case, CaseworkerProfile, Currency
from kozomol.cases.violations import VIOLATION_TYPES
from kozomol.places.models import Location

ERROR_CONTACT_NEEDED = gettext_noop(
    "Give a phone number or contact so we can reach you, or choose anonymous."
)
ERROR_CITY_COUNTRY = gettext_noop("This city is not in the chosen country.")
ERROR_CURRENCY = gettext_noop("Choose the currency of the amount.")
ERROR_CONSENT = gettext_noop("We can only accept the appeal with your agreement.")
ERROR_HONEYPOT = gettext_noop("The form could not be sent.")

YES_NO = [("no", _("No")), ("yes", _("Yes"))]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos or scans in one input; each one checked and cleaned."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[uploads.CleanFile]:
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > uploads.MAX_FILES:
            raise ValidationError(gettext(uploads.ERROR_TOO_MANY), code="too_many")
        cleaned = []
        for upload in files:
            if upload.size > uploads.MAX_FILE_BYTES:
                raise ValidationError(gettext(uploads.ERROR_TOO_BIG), code="too_big")
            try:
                cleaned.append(uploads.clean_upload(upload.read()))
            except ValidationError as exc:
                raise ValidationError(gettext(exc.messages[0]), code=exc.code) from None
        return cleaned


@functools.lru_cache(maxsize=1)
def _places() -> tuple[dict[str, Location], dict[str, Location]]:
    """Countries and cities for the pickers, read once per process (only codes and names are used)."""
    places = list(Location.objects.filter(kind__in=[Location.Kind.COUNTRY, Location.Kind.CITY]))
    countries = {p.code: p for p in places if p.kind == Location.Kind.COUNTRY}
    cities = {p.code: p for p in places if p.kind == Location.Kind.CITY}
    return countries, cities


_COUNTRY_ORDER = {"RU": 0, "KZ": 1, "KG": 2}


@functools.lru_cache(maxsize=8)
def _choices(language: str) -> tuple[list[tuple[str, str]], list[Any]]:
    return _country_choices(), _city_choices()


def _country_choices() -> list[tuple[str, str]]:
    countries, _cities = _places()
    ordered = sorted(countries.values(), key=lambda c: (_COUNTRY_ORDER.get(c.code, 9), c.name))
    return [(c.code, c.name) for c in ordered]


def _city_choices() -> list[Any]:
    countries, cities = _places()
    groups: dict[str, list[tuple[str, str]]] = {}
    for city in sorted(cities.values(), key=lambda c: c.name):
        groups.setdefault(city.country_code, []).append((city.code, city.name))
    choices: list[Any] = [("", _("— another place or I do not know —"))]
    for code in sorted(groups, key=lambda c: _COUNTRY_ORDER.get(c, 9)):
        choices.append((countries[code].name if code in countries else code, groups[code]))
    return choices


class AppealForm(forms.Form):
    violation_types = forms.MultipleChoiceField(
        label=_("What happened? Choose everything that fits."),
        choices=VIOLATION_TYPES,
        widget=forms.CheckboxSelectMultiple,
    )
    story = forms.CharField(
        label=_("Tell us in your own words (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    country = forms.ChoiceField(label=_("In which country?"))
    city = forms.ChoiceField(label=_("In which city?"), required=False)
    happened_on = forms.DateField(
        label=_("When did it happen? (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    employer = forms.CharField(label=_("Employer or company (optional)"), required=False, max_length=200)
    amount_owed = forms.DecimalField(
        label=_("How much are you owed? (optional)"),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
    )
    owed_currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=[("", "—"), *Currency.choices]
    )
    documents_taken = forms.ChoiceField(
        label=_("Did someone take your passport or documents?"),
        choices=YES_NO,
        initial="no",
        widget=forms.RadioSelect,
    )
    in_danger = forms.ChoiceField(
        label=_("Are you held against your will or in danger now?"),
        choices=YES_NO,
        initial="no",
        widget=forms.RadioSelect,
    )
    gender = forms.ChoiceField(
        label=_("You are"), choices=Case.Gender.choices, initial=Case.Gender.UNSAID, widget=forms.RadioSelect
    )
    contact_method = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=Case.Contact.choices,
        initial=Case.Contact.ANONYMOUS,
        widget=forms.RadioSelect,
        help_text=_(
            "If you choose anonymous, we keep no name or number. Follow the status with your code instead."
        ),
    )
    full_name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=200)
    phone = forms.CharField(label=_("Phone, WhatsApp or Telegram number"), required=False, max_length=40)
    contact_details = forms.CharField(
        label=_("Other contact: Telegram name or email (optional)"), required=False, max_length=200
    )
    passport_number = forms.CharField(label=_("Passport number (optional)"), required=False, max_length=40)
    address = forms.CharField(
        label=_("Where can we find you? Address (optional)"), required=False, max_length=300
    )
    preferred_language = forms.ChoiceField(label=_("Language we should use"), choices=Case.Language.choices)
    wants_woman = forms.BooleanField(label=_("I want a woman to handle my appeal"), required=False)
    documents = MultipleFileField(
        label=_("Photos or scans of documents (optional, up to 3 files, 5 MB each)"),
        required=False,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organisation handling my appeal may keep what I wrote and contact me as I "
            "chose, only to help me. It will not give my name or contacts to the police, my employer or "
            "anyone else without my agreement. I can ask for my data to be deleted."
        ),
        error_messages={"required": _(ERROR_CONSENT)},  # noqa: INT001
    )
    # Honeypot: hidden from people, tempting to robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, language: str = "ky", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries, cities = _choices(get_language() or "ru")
        self.fields["country"].choices = countries
        self.fields["city"].choices = cities
        if language in Case.Language.values:
            self.fields["preferred_language"].initial = language

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise ValidationError(gettext(ERROR_HONEYPOT), code="honeypot")
        return ""

    def clean_consent(self) -> bool:
        if not self.cleaned_data.get("consent"):
            raise ValidationError(gettext(ERROR_CONSENT), code="consent")
        return True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # Fetched fresh (one query): cached rows could carry stale ids after the reference data is reloaded.
        found = {
            p.code: p
            for p in Location.objects.filter(code__in=[data.get("country", ""), data.get("city") or ""])
        }
        country = found.get(data.get("country", ""))
        data["country_obj"] = (
            country if country is not None and country.kind == Location.Kind.COUNTRY else None
        )
        data["city_obj"] = None
        if data.get("city"):
            city = found.get(data["city"])
            if city and country and city.country_code != country.code:
                self.add_error("city", gettext(ERROR_CITY_COUNTRY))
            data["city_obj"] = city
        if data.get("amount_owed") is not None and not data.get("owed_currency"):
            self.add_error("owed_currency", gettext(ERROR_CURRENCY))
        method = data.get("contact_method")
        if method in (Case.Contact.PHONE, Case.Contact.WHATSAPP) and not data.get("phone"):
            self.add_error("phone", gettext(ERROR_CONTACT_NEEDED))
        if method in (Case.Contact.TELEGRAM, Case.Contact.EMAIL) and not (
            data.get("phone") or data.get("contact_details")
        ):
            self.add_error("contact_details", gettext(ERROR_CONTACT_NEEDED))
        return data


class StatusForm(forms.Form):
    reference = forms.CharField(
        label=_("Tracking code"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    secret = forms.CharField(
        label=_("Secret"), max_length=40, widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )


class AddInformationForm(forms.Form):
    text = forms.CharField(
        label=_("What do you want to add?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    documents = MultipleFileField(label=_("Photos or scans (optional)"), required=False)


# --- caseworkers ----------------------------------------------------------------------


class CaseRecordForm(AppealForm):
    """An appeal that arrived by phone, in person or at the consulate, typed in by staff.

    The public form's fields and checks (place, currency, contact), labelled
    for the one who types; no honeypot, and consent is the person's spoken agreement.
    """

    field_order = ["organisation", "source"]

    organisation = forms.ModelChoiceField(
        label=_("Organisation handling it"), queryset=Organisation.objects.none()
    )
    source = forms.ChoiceField(
        label=_("How did the appeal arrive?"),
        choices=[
            (value, label)
            for value, label in Case.Source.choices
            if value in ("phone", "in_person", "consulate")
        ],
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "The person agreed that we keep what they told us and contact them as they chose, only to "
            "help them; they were told they can ask for their data to be deleted."
        ),
        error_messages={"required": _(ERROR_CONSENT)},  # noqa: INT001
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            field.initial = organisations[0].pk
            field.widget = forms.HiddenInput()
        relabel = {
            "violation_types": _("What happened? Choose everything that fits."),
            "story": _("What the person told, in their words (optional)"),
            "full_name": _("Name (optional)"),
            "passport_number": _("Passport number (optional)"),
            "address": _("Address (optional)"),
            "gender": _("Gender"),
            "wants_woman": _("The person wants a woman to handle the appeal"),
            "in_danger": _("Is the person held against their will or in danger now?"),
        }
        for name, label in relabel.items():
            self.fields[name].label = label

    def clean_website(self) -> str:
        return ""


class TriageForm(forms.Form):
    prefix = "triage"

    flag_detention = forms.BooleanField(label=_("detention"), required=False)
    flag_violence = forms.BooleanField(label=_("violence"), required=False)
    flag_trafficking = forms.BooleanField(label=_("trafficking or forced labour"), required=False)
    flag_child = forms.BooleanField(label=_("a child at risk"), required=False)
    flag_death = forms.BooleanField(label=_("a death"), required=False)
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    prefix = "assign"

    caseworker = forms.ModelChoiceField(label=_("Caseworker"), queryset=User.objects.none())
    override_preference = forms.BooleanField(
        label=_("No woman caseworker is available; assign anyway"), required=False
    )

    def __init__(self, *args: Any, candidates: list[tuple[User, bool, bool]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["caseworker"]
        field.queryset = User.objects.filter(pk__in=[u.pk for u, _w, _s in candidates])
        marks = {u.pk: (w, s) for u, w, s in candidates}

        def label(user: User) -> str:
            woman, speaks = marks.get(user.pk, (False, False))
            extra = [gettext("woman") if woman else "", gettext("speaks the language") if speaks else ""]
            return " · ".join([str(user), *[e for e in extra if e]])

        field.label_from_instance = label  # type: ignore[attr-defined]


class PlanForm(forms.Form):
    prefix = "plan"

    plan = forms.CharField(
        label=_("Case plan"), max_length=8000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class ActionForm(forms.Form):
    prefix = "action"

    note = forms.CharField(
        label=_("What was done"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReferralForm(forms.Form):
    prefix = "refer"

    to_organisation = forms.ModelChoiceField(label=_("Refer to"), queryset=Organisation.objects.none())
    reason = forms.CharField(
        label=_("Reason (the partner reads it before accepting: no names or numbers here)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, exclude_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = Organisation.objects.exclude(pk=exclude_id).select_related(
            "city"
        )


class ReferralAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accept", _("Accept the case")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(forms.Form):
    prefix = "close"

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Case.Outcome.choices)
    amount = forms.DecimalField(
        label=_("Amount recovered"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False, choices=[("", "—"), *Currency.choices])
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReopenForm(forms.Form):
    prefix = "reopen"

    reason = forms.CharField(
        label=_("Why reopen?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"),
        choices=Case.Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = CaseworkerProfile
        fields = ["is_woman", "languages"]


class ErasureSearchForm(forms.Form):
    """Find one person's cases through the blind index: the numbers are never decrypted or stored."""

    phone = forms.CharField(label=_("Phone number"), required=False, max_length=40)
    passport = forms.CharField(label=_("Passport number"), required=False, max_length=40)
    reference = forms.CharField(label=_("Tracking code"), required=False, max_length=30)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("phone") or data.get("passport") or data.get("reference")):
            raise ValidationError(
                gettext("Give a phone number, a passport number or a tracking code."), code="empty"
            )
        return data


class ErasureConfirmForm(forms.Form):
    cases = forms.TypedMultipleChoiceField(
        label=_("Cases to erase"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("Why (for the audit log: who asked, when, how)"),
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, found: list[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cases"]
        field.choices = [(c.pk, c.reference) for c in found if c.erased_at is None]
        field.initial = [c.pk for c in found if c.erased_at is None]
