"""The respondent profile copied out of the answers into indexed columns.

Questionnaires name their profile questions with these well-known names
(the last segment of the path, outside repeats); the first one present wins:

- country of work  → ``Submission.country_code``: ``country``, ``country_of_work``, ``work_country``,
  ``destination_country``, ``host_country``. Values: ISO codes (``RU``), or the country's
  name in Russian, Kyrgyz or English.
- city of work → ``Submission.city``: ``city``, ``city_of_work``, ``work_city``, ``destination_city``.
  Values: a location code (``RU-moscow``), its last part (``moscow``) or the city's name.
- gender → ``Submission.gender`` (``female`` / ``male`` / ``other``): ``gender``, ``sex``,
  ``respondent_gender``, ``respondent_sex``.
- target group → ``Submission.target_group``: ``target_group`` (a target group code of the
  campaign); otherwise the form's own target group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COUNTRY_NAMES = ("country", "country_of_work", "work_country", "destination_country", "host_country")
CITY_NAMES = ("city", "city_of_work", "work_city", "destination_city")
GENDER_NAMES = ("gender", "sex", "respondent_gender", "respondent_sex")
TARGET_GROUP_NAMES = ("target_group",)

_GENDER_VALUES = {
    "female": "female",
    "f": "female",
    "woman": "female",
    "w": "female",
    "ж": "female",
    "женский": "female",
    "женщина": "female",
    "аял": "female",
    "кыз": "female",
    "male": "male",
    "m": "male",
    "man": "male",
    "м": "male",
    "мужской": "male",
    "мужчина": "male",
    "эркек": "male",
    "other": "other",
    "другое": "other",
    "башка": "other",
}


@dataclass
class Profile:
    country_code: str = ""
    city_id: int | None = None
    gender: str = ""
    target_group_id: int | None = None


def _first(data: dict[str, Any], names: tuple[str, ...]) -> str:
    by_name: dict[str, str] = {}
    for path, value in data.items():
        if isinstance(value, list) or value in (None, ""):
            continue
        by_name.setdefault(path.rsplit("/", 1)[-1].lower(), str(value))
    for name in names:
        if by_name.get(name):
            return by_name[name].strip()
    return ""


class _Places:
    """Countries and cities, loaded once per process (reference data changes rarely)."""

    def __init__(self) -> None:
        self.countries: dict[str, str] | None = None
        self.cities: dict[str, tuple[int, str]] | None = None

    def load(self) -> None:
        from kozomol.places.models import Location

        countries: dict[str, str] = {}
        cities: dict[str, tuple[int, str]] = {}
        for loc in Location.objects.filter(kind__in=["country", "city"]).only(
            "id", "code", "kind", "country_code", "name_ru", "name_ky", "name_en"
        ):
            names = {loc.code.lower(), loc.name_ru.lower(), loc.name_ky.lower(), loc.name_en.lower()} - {""}
            if loc.kind == "country":
                for name in names:
                    countries[name] = loc.country_code
            else:
                names.add(loc.code.split("-", 1)[-1].lower())
                for name in names:
                    cities.setdefault(name, (loc.pk, loc.country_code))
        self.countries, self.cities = countries, cities


_places = _Places()


def reset_cache() -> None:
    _places.countries = None
    _places.cities = None


def extract_profile(
    data: dict[str, Any], *, campaign: Any = None, default_target_group_id: int | None = None
) -> Profile:
    if _places.countries is None:
        _places.load()
    assert _places.countries is not None and _places.cities is not None
    profile = Profile(target_group_id=default_target_group_id)
    country = _first(data, COUNTRY_NAMES)
    if country:
        code = country.upper() if len(country) == 2 and country.isascii() else ""
        profile.country_code = code or _places.countries.get(country.lower(), "")
    city = _first(data, CITY_NAMES)
    if city:
        hit = _places.cities.get(city.lower()) or _places.cities.get(city.lower().replace("_", "-"))
        if hit:
            profile.city_id = hit[0]
            profile.country_code = profile.country_code or hit[1]
    gender = _first(data, GENDER_NAMES)
    if gender:
        profile.gender = _GENDER_VALUES.get(gender.lower(), gender.lower()[:20])
    group = _first(data, TARGET_GROUP_NAMES)
    if group and campaign is not None:
        from kozomol.campaigns.models import TargetGroup

        found = TargetGroup.objects.filter(campaign=campaign, code=group).values_list("pk", flat=True).first()
        if found:
            profile.target_group_id = found
    return profile
