"""A small questionnaire with groups, a select_multiple and a repeat, for tests and benchmarks."""

from __future__ import annotations

from typing import Any

SAMPLE_FORM_ID = "io_sample"

SAMPLE_XLSFORM_MD = """
| survey |
| | type | name | label::Russian (ru) | label::English (en) | label::Kyrgyz (ky) |
| | start | start | | | |
| | end | end | | | |
| | begin group | profile | Профиль | Profile | Профиль |
| | select_one countries | country | Страна работы | Country of work | Иштеген өлкө |
| | text | city | Город | City | Шаар |
| | integer | age | Возраст | Age | Жашы |
| | select_one gender | gender | Пол | Gender | Жынысы |
| | end group | | | | |
| | select_multiple problems | problems | Проблемы | Problems | Көйгөйлөр |
| | decimal | income | Доход, тыс. руб. | Income, thousand roubles | Киреше |
| | date | arrived | Дата прибытия | Arrival date | Келген күнү |
| | begin repeat | family | Члены семьи | Family members | Үй-бүлө мүчөлөрү |
| | text | member_name | Кто | Who | Ким |
| | integer | member_age | Возраст члена семьи | Member's age | Мүчөнүн жашы |
| | end repeat | | | | |
| | text | story | История | Story | Окуя |
| choices |
| | list_name | name | label::Russian (ru) | label::English (en) | label::Kyrgyz (ky) |
| | countries | RU | Россия | Russia | Орусия |
| | countries | KZ | Казахстан | Kazakhstan | Казакстан |
| | gender | female | Женский | Female | Аял |
| | gender | male | Мужской | Male | Эркек |
| | problems | wages | Невыплата зарплаты | Unpaid wages | Эмгек акы төлөнбөйт |
| | problems | documents | Документы | Documents | Документтер |
| | problems | health | Здоровье | Health | Ден соолук |
| settings |
| | form_id | version | default_language |
| | io_sample | 1 | Russian (ru) |
"""


def sample_xlsform(version: str = "1", extra_question: str = "") -> bytes:
    """The sample XLSForm (markdown, which pyxform reads), optionally as another version with one more question."""
    text = SAMPLE_XLSFORM_MD.replace("| | io_sample | 1 |", f"| | io_sample | {version} |")
    if extra_question:
        text = text.replace(
            "| | text | story |",
            f"| | text | {extra_question} | Новый вопрос | New question | Жаңы суроо |\n| | text | story |",
        )
    return text.encode()


def make_sample_form(campaign: Any, actor: Any, *, version: str = "1", extra_question: str = "") -> Any:
    """Upload the sample XLSForm to ``campaign`` through the questionnaires service; returns the Form."""
    from kozomol.questionnaires.services import form_import

    target_group = campaign.target_groups.filter(code="migrants").first()
    fv = form_import(
        campaign=campaign,
        content=sample_xlsform(version, extra_question),
        filename="io_sample.md",
        actor=actor,
        target_group=target_group,
    )
    return fv.form
