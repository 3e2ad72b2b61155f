"""The side-by-side view of two coders: sentence by sentence, each coder's codes, disagreements marked."""

from __future__ import annotations

import pytest

from kozomol.coding.models import Code
from kozomol.coding.selectors import side_by_side
from kozomol.coding.services import codebook_seed, document_create, passages_create
from kozomol.testing import PASSWORD

TEXT = "Работали без договора. Паспорта забрал бригадир. Жили вшестером в комнате."
#       0         1         2         3         4         5         6         7
#       0123456789012345678901234567890123456789012345678901234567890123456789012345


@pytest.fixture
def coded(world):
    codebook_seed(actor=None, campaign=world.campaign)
    doc = document_create(actor=world.users["monitor"], campaign=world.campaign, title="Интервью", text=TEXT)
    analyst, coordinator = world.users["analyst"], world.users["coordinator"]
    code = {c.identifier: c for c in Code.objects.filter(campaign=world.campaign)}

    def put(user, needle, *identifiers):
        start = TEXT.index(needle)
        passages_create(
            actor=user,
            document=doc,
            codes=[code[i] for i in identifiers],
            start=start,
            end=start + len(needle),
        )

    put(analyst, "Работали без договора.", "LABOUR.NO_CONTRACT")
    put(coordinator, "Работали без договора.", "LABOUR.NO_CONTRACT")
    put(analyst, "Паспорта забрал бригадир.", "LABOUR.DOCUMENTS_CONFISCATED")
    put(coordinator, "забрал бригадир", "LABOUR.NO_CONTRACT")
    put(coordinator, "Жили вшестером", "HOUSING.OVERCROWDING")
    return world, doc, analyst, coordinator, code


def test_each_sentence_shows_each_coders_codes_and_marks_where_they_differ(coded):
    world, doc, analyst, coordinator, _code = coded
    view = side_by_side(world.campaign, doc, [analyst.pk, coordinator.pk])
    assert [u.pk for u in view.coders] == [analyst.pk, coordinator.pk]
    assert [TEXT[r.start : r.end] for r in view.rows] == [
        "Работали без договора.",
        "Паспорта забрал бригадир.",
        "Жили вшестером в комнате.",
    ]
    agreed, passport, housing = view.rows
    assert not agreed.disagree
    assert agreed.cells[0].codes == agreed.cells[1].codes == ["LABOUR.NO_CONTRACT"]
    assert agreed.cells[0].only_here == []

    assert passport.disagree
    mine, theirs = passport.cells
    assert mine.codes == ["LABOUR.DOCUMENTS_CONFISCATED"] and mine.only_here == mine.codes
    assert theirs.codes == ["LABOUR.NO_CONTRACT"] and theirs.only_here == theirs.codes
    # The whole sentence disagrees (A coded all of it, B a different code on part of it);
    # each cell keeps the text whole and splits it where that coder's codes change.
    assert "".join(s.text for s in mine.segments) == "Паспорта забрал бригадир."
    assert [(s.text, sorted(s.codes), s.disagree) for s in theirs.segments] == [
        ("Паспорта ", [], True),
        ("забрал бригадир", ["LABOUR.NO_CONTRACT"], True),
        (".", [], True),
    ]

    assert housing.disagree
    assert housing.cells[0].codes == [] and housing.cells[1].codes == ["HOUSING.OVERCROWDING"]
    runs = [(s.text, s.disagree) for s in housing.cells[0].segments]
    assert runs == [("Жили вшестером", True), (" в комнате.", False)]
    assert view.disagreeing_rows == 2


def test_restricting_to_a_code_hides_the_other_codes(coded):
    world, doc, analyst, coordinator, code = coded
    view = side_by_side(world.campaign, doc, [analyst.pk, coordinator.pk], code=code["HOUSING"])
    assert [r.disagree for r in view.rows] == [False, False, True]
    assert view.rows[1].cells[0].codes == []


def test_the_page_shows_the_coders_in_columns_and_outsiders_get_404(coded, client):
    world, doc, analyst, coordinator, _code = coded
    client.login(username=analyst.email, password=PASSWORD)
    url = f"/campaigns/{world.campaign.slug}/analysis/agreement/documents/{doc.pk}/"
    response = client.get(url, {"coder": [analyst.pk, coordinator.pk], "only": "disagreements"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="disagree"') == 2  # the two disagreeing sentences, the agreed one hidden
    assert "Работали без договора" not in body
    assert '<strong class="badge only-here">LABOUR.DOCUMENTS_CONFISCATED</strong>' in body

    other = document_create(actor=None, campaign=world.other_campaign, title="Чужой", text="Текст.")
    assert (
        client.get(f"/campaigns/{world.campaign.slug}/analysis/agreement/documents/{other.pk}/").status_code
        == 404
    )
    client.logout()
    client.login(username=world.outsider.email, password=PASSWORD)
    assert client.get(url).status_code == 404
