"""Long free-text answers of a submission become documents carrying the submission's context."""

from __future__ import annotations

import pytest

from kozomol.coding.models import Document
from kozomol.coding.services import documents_from_submission

pytestmark = pytest.mark.django_db

STORY = (
    "Работодатель забрал паспорт и три месяца не платил зарплату, "
    "а когда мы пожаловались, вызвал полицию и нас задержали на сутки."
)


def test_long_answers_become_documents_once(world):
    from kozomol.analytics.tests.helpers import add_submission

    submission = add_submission(
        world.campaign,
        country="RU",
        gender="male",
        story=STORY,
        short="да",
        group={"details": STORY + " Ещё подробности."},
    )
    created = documents_from_submission(actor=world.users["monitor"], submission=submission)
    assert sorted(d.source_question for d in created) == ["group/details", "story"]
    document = Document.objects.get(submission=submission, source_question="story")
    assert document.text == STORY and document.kind == Document.Kind.ANSWER
    assert (document.country_code, document.gender, document.city.code) == ("RU", "male", "RU-moscow")
    assert document.target_group == submission.target_group
    assert documents_from_submission(actor=None, submission=submission) == []
