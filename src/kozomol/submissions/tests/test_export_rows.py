"""The export's compiled row makers give the cells ``Layout.cells`` gives, and times come out in UTC.

``Layout.row_maker`` builds a row with a few C-level calls instead of a Python
step per column; ``Layout.cells`` is the column-by-column reference. Hypothesis
feeds both answers with missing questions, select_multiple values with unknown
and repeated options, and repeat lists where an answer would be.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kozomol.submissions.io.exporting import (
    META_MAIN,
    META_REPEAT,
    ExportOptions,
    Layout,
    _submission_time,
    fetch_rows,
    submissions_for_export,
)
from kozomol.submissions.io.importing import union_schema
from kozomol.submissions.io.samples import make_sample_form
from kozomol.submissions.models import Submission


@pytest.fixture
def form(world):
    return make_sample_form(world.campaign, world.users["coordinator"])


@pytest.fixture
def layout(form):
    return Layout(union_schema(form), ExportOptions("csv"))


answer = st.one_of(
    st.none(),
    st.sampled_from(
        ["", "RU", "wages", "wages health", "health wages wages", "flying", "42", "Текст, с запятой"]
    ),
    st.lists(st.dictionaries(st.sampled_from(["family/member_name"]), st.just("сын")), max_size=2),
)


def answers_for(paths):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(paths, answer))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_row_makers_give_the_cells_of_layout_cells_on_every_sheet(layout, data):
    for sheet, meta_keys in ((layout.main, META_MAIN), *((s, META_REPEAT) for s in layout.repeats)):
        paths = sorted({c.question.path for c in sheet.columns if c.question is not None})
        answers = data.draw(answers_for(paths))
        meta_values = data.draw(
            st.lists(st.text(max_size=3), min_size=len(meta_keys), max_size=len(meta_keys))
        )
        meta = dict(zip([k for k, _ in meta_keys], meta_values, strict=True))

        assert layout.row_maker(sheet)(answers, list(meta_values)) == layout.cells(sheet, answers, meta)


def test_labels_mode_row_maker_gives_labels(form):
    layout = Layout(union_schema(form), ExportOptions("csv", language="en", labels=True))
    answers = {"profile/country": "RU", "problems": "wages health"}
    meta = ["id", "", "", "1", "", 1]

    cells = layout.row_maker(layout.main)(answers, meta)

    keys = [c.key for c in layout.main.columns]
    assert cells[keys.index("profile/country")] == "Russia"
    assert cells[keys.index("problems")] == "Unpaid wages, Health"
    assert cells[-6:] == meta


def test_submission_times_are_written_in_utc_to_the_second():
    almaty = zoneinfo.ZoneInfo("Asia/Almaty")
    assert _submission_time(dt.datetime(2024, 3, 2, 10, 0, 5, 123456)) == "2024-03-02T10:00:05"  # naive: UTC
    assert _submission_time(dt.datetime(2024, 3, 2, 16, 0, tzinfo=almaty)) == "2024-03-02T11:00:00"
    assert _submission_time("2024-03-02 10:00:05.5") == "2024-03-02T10:00:05"
    assert _submission_time(None) == ""


def test_fetched_rows_carry_the_stored_answers_and_time(world, form):
    stored = Submission.objects.create(
        campaign=world.campaign,
        form=form,
        form_version=form.current_version,
        instance_id="uuid:fetch-1",
        data={"story": "Текст"},
        status=Submission.Status.APPROVED,
        received_at=dt.datetime(2024, 3, 2, 16, 30, 7, tzinfo=zoneinfo.ZoneInfo("Asia/Almaty")),
    )

    rows = list(fetch_rows(submissions_for_export(form)))

    assert rows == [(stored.instance_id, {"story": "Текст"}, "2024-03-02T11:30:07", "approved", "1", None)]
