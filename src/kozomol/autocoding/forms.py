from __future__ import annotations

from django import forms


class DecisionForm(forms.Form):
    document = forms.IntegerField(min_value=1)
    code = forms.IntegerField(min_value=1)
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=1)
    score = forms.FloatField(min_value=0.0, max_value=1.0)
    text = forms.CharField(strip=False, required=False)
    decision = forms.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])
    page = forms.IntegerField(min_value=1, required=False)
