from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kozomol.search.query import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the documents"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        help_text=_(
            'Any form of a word finds the others. "Quotes" for a phrase; OR, AND, NOT or a minus sign.'
        ),
    )
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False, widget=forms.HiddenInput)
