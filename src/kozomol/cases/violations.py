"""What can happen to a migrant, in plain words, mapped to the codebook's sub-codes.

The identifiers are ``<THEME>.<SITUATION>``: the theme is a top-level code of
the codebook (``/work/shared/codebook.md``), so appeals can be counted beside
coded interviews. The labels are what the migrant reads on the public form.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

VIOLATION_TYPES: list[tuple[str, object]] = [
    ("LABOUR.WAGES_UNPAID", _("I was not paid, or paid less than promised")),
    ("LABOUR.NO_CONTRACT", _("I work without a written contract")),
    ("LABOUR.OVERTIME_UNPAID", _("I work extra hours without pay")),
    ("LABOUR.DISMISSAL", _("I was dismissed without reason")),
    ("LABOUR.DOCUMENTS_CONFISCATED", _("My employer took my passport or other documents")),
    ("LABOUR.UNSAFE_WORK", _("My work is dangerous, or I was injured at work")),
    ("LABOUR.FORCED_LABOUR", _("I am forced to work or not allowed to leave")),
    ("LABOUR.TRAFFICKING", _("I was brought here by deception and am being exploited")),
    ("LABOUR.CHILD_LABOUR", _("A child is made to work")),
    ("STATUS.DOCUMENTS", _("Problems with registration, a patent or a work permit")),
    ("STATUS.ENTRY_BAN", _("An entry ban, or I am threatened with expulsion")),
    ("JUSTICE.POLICE", _("Trouble with the police: detention, fines or extortion")),
    ("JUSTICE.CRIME_VICTIM", _("I was attacked, robbed or threatened")),
    ("GENDER.VIOLENCE", _("Violence or harassment against a woman")),
    ("HEALTH.CARE_REFUSED", _("I was refused medical care")),
    ("HOUSING.EVICTION", _("Housing problems or eviction")),
    ("EDUCATION.SCHOOL", _("My child cannot go to school or kindergarten")),
    ("PENSION.RIGHTS", _("Pension or social insurance")),
    ("CONSULAR.SERVICE", _("Problems with the embassy or consulate")),
    ("OTHER", _("Something else")),
]
VIOLATION_CODES = frozenset(code for code, _label in VIOLATION_TYPES)
_LABELS = dict(VIOLATION_TYPES)


def violation_label(code: str) -> str:
    return str(_LABELS.get(code, code))


def theme_of(code: str) -> str:
    """The codebook's top-level code (``LABOUR`` for ``LABOUR.WAGES_UNPAID``)."""
    return code.split(".", 1)[0]
