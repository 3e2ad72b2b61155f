"""A small trilingual migrant questionnaire and OpenRosa helpers for the collection tests."""

from __future__ import annotations

import uuid
from typing import Any

MIGRANT_MD = """
| survey |  |  |  |  |  |  |  |  |  |
|  | type | name | label::Русский (ru) | label::Кыргызча (ky) | label::English (en) | required | relevant | constraint | constraint_message::Кыргызча (ky) |
|  | select_one country | country | Страна работы | Иштеген өлкө | Country of work | yes |  |  |  |
|  | select_one city | city | Город | Шаар | City | yes |  |  |  |
|  | select_one gender | gender | Пол | Жынысы | Gender | yes |  |  |  |
|  | integer | age | Возраст | Жашы | Age | yes |  | . >= 16 and . <= 90 | Жашы 16дан 90го чейин |
|  | select_one yes_no | has_contract | Есть ли трудовой договор? | Эмгек келишими барбы? | Do you have a labour contract? | yes |  |  |  |
|  | text | contract_problems | Почему нет договора? | Эмне үчүн келишим жок? | Why is there no contract? |  | ${has_contract} = 'no' |  |  |
|  | begin group | work | Работа | Иш | Work |  |  |  |  |
|  | select_multiple problems | problems | Какие были проблемы? | Кандай көйгөйлөр болду? | Which problems did you face? |  |  |  |  |
|  | text | problems_other | Другие проблемы | Башка көйгөйлөр | Other problems |  | selected(${problems}, 'other') |  |  |
|  | end group |  |  |  |  |  |  |  |  |
|  | begin repeat | episode | Случай | Окуя | Episode |  |  |  |  |
|  | date | episode_date | Дата случая | Окуянын күнү | Date of the episode |  |  |  |  |
|  | text | episode_story | Что случилось? | Эмне болду? | What happened? |  |  |  |  |
|  | end repeat |  |  |  |  |  |  |  |  |
|  | image | photo | Фото документа | Документтин сүрөтү | Photo of a document |  |  |  |  |
|  | audio | recording | Аудиозапись | Аудио жазуу | Audio recording |  |  |  |  |
|  | note | thanks | Спасибо! | Рахмат! | Thank you! |  |  |  |  |
| choices |  |  |  |  |  |
|  | list_name | name | label::Русский (ru) | label::Кыргызча (ky) | label::English (en) |
|  | country | RU | Россия | Россия | Russia |
|  | country | KZ | Казахстан | Казакстан | Kazakhstan |
|  | city | moscow | Москва | Москва | Moscow |
|  | city | almaty | Алматы | Алматы | Almaty |
|  | gender | female | Женский | Аял | Female |
|  | gender | male | Мужской | Эркек | Male |
|  | yes_no | yes | Да | Ооба | Yes |
|  | yes_no | no | Нет | Жок | No |
|  | problems | wages | Невыплата зарплаты | Эмгек акы төлөнбөй калды | Unpaid wages |
|  | problems | documents | Изъятие документов | Документтерди алып коюу | Documents taken away |
|  | problems | other | Другое | Башка | Other |
| settings |  |  |  |
|  | form_id | version | form_title | default_language |
|  | migrant_test | 1 | Анкета мигранта | Русский (ru) |
"""


def migrant_form(campaign: Any, actor: Any, *, version: str = "1") -> Any:
    from kozomol.questionnaires.services import form_import

    group = campaign.target_groups.filter(code="migrants").first()
    content = MIGRANT_MD.replace("| migrant_test | 1 |", f"| migrant_test | {version} |")
    return form_import(
        campaign=campaign,
        content=content.encode(),
        filename="migrant_test.md",
        actor=actor,
        target_group=group,
    )


def submission_xml(
    *,
    instance_id: str | None = None,
    version: str = "1",
    age: str = "34",
    story: str = "Не заплатили за два месяца",
    deprecated_id: str = "",
    photo: str = "passport.jpg",
    recording: str = "talk.m4a",
) -> tuple[str, bytes]:
    instance_id = instance_id or f"uuid:{uuid.uuid4()}"
    deprecated = f"<deprecatedID>{deprecated_id}</deprecatedID>" if deprecated_id else ""
    xml = (
        f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" '
        f'id="migrant_test" version="{version}">'
        "<country>RU</country><city>moscow</city><gender>female</gender>"
        f"<age>{age}</age><has_contract>no</has_contract><contract_problems>Работодатель отказал</contract_problems>"
        "<work><problems>wages other</problems><problems_other>Долгие смены</problems_other></work>"
        f"<episode><episode_date>2013-05-02</episode_date><episode_story>{story}</episode_story></episode>"
        "<episode><episode_date>2013-06-10</episode_date><episode_story>Забрали паспорт</episode_story></episode>"
        f"<photo>{photo}</photo><recording>{recording}</recording>"
        f"<meta><instanceID>{instance_id}</instanceID>{deprecated}</meta></data>"
    )
    return instance_id, xml.encode("utf-8")


XML_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
    b'<data id="migrant_test" version="1"><country>&lol4;</country><meta><instanceID>uuid:bomb</instanceID></meta></data>'
)


# Cascading selects: the city list follows the country (and keeps "other"); inside a
# repeat, the cities visited follow that trip's country. Calculations: one at the top
# that a note's relevance reads, one per trip.
CASCADE_MD = """
| survey |  |  |  |  |  |  |  |
|  | type | name | label::Русский (ru) | label::English (en) | choice_filter | calculation | relevant |
|  | select_one country | country | Страна | Country |  |  |  |
|  | select_one city | city | Город | City | country = ${country} or name = 'other' |  |  |
|  | calculate | in_kz |  |  |  | ${country} = 'KZ' |  |
|  | note | kz_note | Вопросы о Казахстане | Questions about Kazakhstan |  |  | ${in_kz} = 'true' |
|  | note | city_note | Выбранный город: ${city} | Chosen city: ${city} |  |  |  |
|  | begin repeat | trip | Поездка | Trip |  |  |  |
|  | select_one country | trip_country | Страна поездки | Country of the trip |  |  |  |
|  | select_multiple city | trip_cities | Города поездки | Cities of the trip | country = ${trip_country} |  |  |
|  | calculate | trip_city_count |  |  |  | count-selected(${trip_cities}) |  |
|  | end repeat |  |  |  |  |  |  |
| choices |  |  |  |  |  |
|  | list_name | name | label::Русский (ru) | label::English (en) | country |
|  | country | RU | Россия | Russia |  |
|  | country | KZ | Казахстан | Kazakhstan |  |
|  | city | moscow | Москва | Moscow | RU |
|  | city | spb | Санкт-Петербург | Saint Petersburg | RU |
|  | city | almaty | Алматы | Almaty | KZ |
|  | city | astana | Астана | Astana | KZ |
|  | city | other | Другой город | Another city |  |
| settings |  |  |  |
|  | form_id | version | default_language |
|  | cascade_test | 1 | Русский (ru) |
"""


def cascade_form(campaign: Any, actor: Any) -> Any:
    from kozomol.questionnaires.services import form_import

    return form_import(
        campaign=campaign,
        content=CASCADE_MD.encode(),
        filename="cascade_test.md",
        actor=actor,
        target_group=campaign.target_groups.filter(code="migrants").first(),
    )
