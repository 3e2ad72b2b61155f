"""In the browser: two coders code a Russian transcript differently; agreement and disagreements appear."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kozomol.coding.models import CodedPassage
from kozomol.coding.services import codebook_seed, document_create
from kozomol.conftest import login
from kozomol.testing import PASSWORD

# The emoji is outside the BMP: JavaScript counts it as two UTF-16 units, Python as one character.
TEXT = (
    "Интервьюер: Расскажите, как вы работали 🙂 в Москве?\n"
    "Респондент: Работали на стройке без договора. Паспорта забрал бригадир и не отдавал. "
    "Зарплату не платили три месяца, потом просто выгнали.\n"
    "Жили вшестером в одной комнате, в вагончике прямо на объекте."
)

SELECT = """
(needle) => {
  const root = document.getElementById('doc-text');
  const idx = root.textContent.indexOf(needle);
  if (idx < 0) throw new Error('not found: ' + needle);
  function locate(offset, preferNext) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node, pos = 0;
    while ((node = walker.nextNode())) {
      const endPos = pos + node.length;
      if (offset < endPos || (!preferNext && offset === endPos)) return [node, offset - pos];
      pos = endPos;
    }
  }
  const [sn, so] = locate(idx, true);
  const [en, eo] = locate(idx + needle.length, false);
  const range = document.createRange();
  range.setStart(sn, so);
  range.setEnd(en, eo);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  root.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
}
"""


def _code(page, needle: str, identifiers: list[str], expected_items: int) -> None:
    page.evaluate(SELECT, needle)
    expect(page.locator("#selection-preview")).to_contain_text("«")
    for identifier in identifiers:
        page.locator("#code-list label", has_text=identifier).first.locator("input").check()
    page.click("#apply-codes")
    expect(page.locator("#margin .margin-item")).to_have_count(expected_items)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_two_coders_code_a_transcript_and_see_their_agreement(page, world, live_server):
    codebook_seed(actor=None, campaign=world.campaign)
    doc = document_create(
        actor=world.users["monitor"],
        campaign=world.campaign,
        title="Интервью в Москве",
        text=TEXT,
        country_code="RU",
    )
    slug = world.campaign.slug
    analyst, coordinator = world.users["analyst"], world.users["coordinator"]

    login(page, analyst.email, PASSWORD)
    page.goto(f"/campaigns/{slug}/documents/{doc.pk}/")
    assert "Расскажите" in page.inner_text("#doc-text")
    _code(page, "Работали на стройке без договора.", ["LABOUR.NO_CONTRACT"], 1)
    _code(page, "Паспорта забрал бригадир и не отдавал.", ["LABOUR.DOCUMENTS_CONFISCATED"], 2)
    _code(page, "Зарплату не платили три месяца", ["LABOUR.WAGES_UNPAID", "LABOUR.DISMISSAL"], 4)
    assert page.locator("#doc-text mark.coded").count() >= 3
    mine = CodedPassage.objects.filter(coder=analyst)
    assert mine.count() == 4
    for passage in mine:
        # Offsets are code points even after the emoji: the stored quote is the selected text.
        assert doc.text[passage.start : passage.end] == passage.text
    assert mine.get(code__identifier="LABOUR.NO_CONTRACT").text == "Работали на стройке без договора."

    # The margin lets the coder change a code and remove a passage.
    item = page.locator(".margin-item").filter(has=page.locator("strong", has_text="LABOUR.DISMISSAL"))
    item.locator("button.remove-passage").click()
    expect(page.locator("#margin .margin-item")).to_have_count(3)
    assert not CodedPassage.objects.filter(coder=analyst, code__identifier="LABOUR.DISMISSAL").exists()
    item = page.locator(".margin-item").filter(has=page.locator("strong", has_text="LABOUR.NO_CONTRACT"))
    item.locator("input.passage-memo").fill("типичный случай")
    item.locator("button.secondary").click()
    expect(page.locator(".margin-item p.memo")).to_have_text("типичный случай")
    assert (
        CodedPassage.objects.get(coder=analyst, code__identifier="LABOUR.NO_CONTRACT").memo
        == "типичный случай"
    )

    page.click("form[action$='/accounts/logout/'] button")
    login(page, coordinator.email, PASSWORD)
    page.goto(f"/campaigns/{slug}/documents/{doc.pk}/")
    assert page.locator("#margin .margin-item").count() == 0  # each coder codes separately
    _code(
        page,
        "Работали на стройке без договора. Паспорта забрал бригадир и не отдавал.",
        ["LABOUR.NO_CONTRACT"],
        1,
    )
    _code(page, "Жили вшестером в одной комнате", ["HOUSING.OVERCROWDING"], 2)
    _code(page, "Зарплату не платили три месяца", ["LABOUR.WAGES_UNPAID"], 3)

    # Everybody's coding together.
    page.goto(f"/campaigns/{slug}/documents/{doc.pk}/?view=all")
    expect(page.locator("#margin .margin-item")).to_have_count(6)

    page.goto(
        f"/campaigns/{slug}/analysis/agreement/?coder={analyst.pk}&coder={coordinator.pk}&unit=character"
    )
    assert "character" in page.inner_text("#agreement-unit") or "символ" in page.inner_text("#agreement-unit")
    kappa = float(page.inner_text("#overall-kappa").replace(",", "."))
    alpha = float(page.inner_text("#overall-alpha").replace(",", "."))
    assert -1 <= kappa < 1 and -1 <= alpha < 1
    table = page.inner_text("#disagreement-table")
    assert "Паспорта забрал бригадир" in table and "Жили вшестером" in table
    assert "LABOUR.DOCUMENTS_CONFISCATED" in table and "HOUSING.OVERCROWDING" in table

    page.goto(
        f"/campaigns/{slug}/analysis/agreement/?coder={analyst.pk}&coder={coordinator.pk}&unit=sentence"
    )
    assert page.locator("#agreement-table").count() == 1

    # The disagreements side by side: one column per coder, the disagreeing runs highlighted in both.
    page.goto(
        f"/campaigns/{slug}/analysis/agreement/?coder={analyst.pk}&coder={coordinator.pk}&unit=character"
    )
    page.locator("#compared-documents a", has_text="Интервью в Москве").click()
    table = page.locator("#side-by-side")
    expect(table.locator("thead th")).to_have_count(3)
    assert analyst.get_full_name() in table.locator("thead").inner_text()
    assert coordinator.get_full_name() in table.locator("thead").inner_text()
    passport = table.locator("tr.disagree", has_text="Паспорта забрал бригадир")
    expect(passport.locator("td.coder-cell")).to_have_count(2)
    mine_cell, theirs_cell = (
        passport.locator("td.coder-cell").nth(0),
        passport.locator("td.coder-cell").nth(1),
    )
    expect(mine_cell.locator("mark.disagree")).to_contain_text("Паспорта забрал бригадир")
    expect(theirs_cell.locator("mark.disagree")).to_contain_text("Паспорта забрал бригадир")
    expect(mine_cell.locator(".only-here")).to_have_text("LABOUR.DOCUMENTS_CONFISCATED")
    expect(theirs_cell.locator(".only-here")).to_have_text("LABOUR.NO_CONTRACT")
    housing = table.locator("tr.disagree", has_text="Жили вшестером")
    expect(housing.locator("td.coder-cell").nth(0).locator(".unit-codes.muted")).to_have_count(1)
    expect(housing.locator("td.coder-cell").nth(1).locator(".only-here")).to_have_text("HOUSING.OVERCROWDING")
    # Where both applied the same codes the row is not a disagreement.
    expect(table.locator("tr.agree", has_text="Работали на стройке без договора")).to_have_count(1)
    expect(table.locator("tr.agree", has_text="Зарплату не платили")).to_have_count(1)
    page.locator("input[name=only]").check()
    page.click("form.filters button[type=submit]")
    expect(table.locator("tbody tr.agree")).to_have_count(0)
    expect(table.locator("tbody tr.disagree")).to_have_count(2)
