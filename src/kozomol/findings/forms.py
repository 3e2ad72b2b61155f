from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kozomol.findings.models import (
    Addressee,
    Evidence,
    Finding,
    FollowUp,
    OfficialStatistic,
    Recommendation,
    Standard,
    Theme,
)
from kozomol.findings.services import available_evidence_kinds
from kozomol.places.models import Location


class _CountryMixin:
    def _limit_country(self) -> None:
        self.fields["country"].queryset = Location.objects.filter(kind=Location.Kind.COUNTRY)  # type: ignore[attr-defined]


class FindingForm(_CountryMixin, forms.ModelForm):
    standards = forms.ModelMultipleChoiceField(
        label=_("International standards"),
        queryset=Standard.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Finding
        fields = ["theme", "country", "statement_ru", "statement_ky", "statement_en", "standards"]
        widgets = {f"statement_{lang}": forms.Textarea(attrs={"rows": 5}) for lang in ("ru", "ky", "en")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.all()
        self._limit_country()


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of evidence"))
    object_pk = forms.CharField(
        label=_("Identifier of the source record"),
        required=False,
        max_length=64,
        help_text=_("For a coded passage, indicator, chart or case: its number."),
    )
    official_series = forms.ChoiceField(label=_("Official statistics series"), required=False)
    text = forms.CharField(label=_("Text or quote"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.CharField(label=_("Source"), required=False, max_length=300)
    value = forms.CharField(
        label=_("Value"),
        required=False,
        max_length=100,
        help_text=_("For an indicator: the figure to cite, e.g. 64%."),
    )

    def __init__(self, *args: Any, series: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Evidence.Kind.choices)
        self.fields["kind"].choices = [(k, labels[k]) for k in available_evidence_kinds()]
        self.fields["official_series"].choices = [("", "—")] + [(s, s) for s in (series or [])]


class RecommendationForm(forms.ModelForm):
    standards = forms.ModelMultipleChoiceField(
        label=_("International standards"),
        queryset=Standard.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    findings = forms.ModelMultipleChoiceField(
        label=_("Findings it rests on"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Recommendation
        fields = ["addressee", "theme", "priority", "text_ru", "text_ky", "text_en", "standards", "findings"]
        widgets = {f"text_{lang}": forms.Textarea(attrs={"rows": 4}) for lang in ("ru", "ky", "en")}

    def __init__(self, *args: Any, campaign: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.addressee_id if self.instance.pk else None
        self.fields["addressee"].queryset = Addressee.objects.filter(
            is_active=True
        ) | Addressee.objects.filter(pk=current)
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["theme"].required = False
        self.fields["findings"].queryset = Finding.objects.filter(campaign=campaign).select_related("theme")


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Implementation status"), choices=FollowUp.Status.choices)
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class OfficialStatisticForm(_CountryMixin, forms.ModelForm):
    class Meta:
        model = OfficialStatistic
        fields = [
            "series",
            "label_ru",
            "label_ky",
            "label_en",
            "value",
            "unit",
            "period",
            "country",
            "theme",
            "source",
            "source_url",
            "source_date",
            "is_context",
        ]
        widgets = {"source_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_country()
        self.fields["theme"].queryset = Theme.objects.all()


class StatisticsImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: series, label_ru, value, period, source; optional: label_ky, label_en, unit, country, theme, "
            "source_url, source_date, is_context."
        ),
    )


class AddresseeForm(forms.ModelForm):
    class Meta:
        model = Addressee
        fields = ["code", "name_ru", "name_ky", "name_en"]
