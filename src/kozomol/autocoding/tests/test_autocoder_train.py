"""The auto-coder learns from accepted codings, and reports held-out precision, recall and F1."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kozomol.accounts.roles import Role
from kozomol.autocoding.model import THRESHOLD
from kozomol.autocoding.models import AutocoderModel
from kozomol.autocoding.selectors import campaign_model, is_stale
from kozomol.autocoding.services import autocoder_train
from kozomol.autocoding.tests.factories import code_sentence, make_document, seeded

pytestmark = pytest.mark.django_db

# "Хашар" (unpaid collective work) is in neither the codebook nor the thesaurus:
# only the coders' passages can teach it.
LEARNED = [
    "Нас позвали на хашар у хозяина, три дня без копейки.",
    "Каждое воскресенье хашар, отказаться нельзя.",
    "Опять хашар, и опять никто не заплатил.",
    "Про хашар мы молчим, потому что боимся потерять место.",
    "Хашар на даче бригадира длился неделю.",
    "На хашар гоняют всех новеньких.",
]
OTHER = [
    "Мы сидели на кухне и пили чай с соседями.",
    "Вечером смотрели новости про погоду в горах.",
    "Летом в горах у родителей пасутся овцы.",
    "Дорога домой на автобусе занимает трое суток.",
]


@pytest.fixture
def coded(world):
    coder = world.users[Role.ANALYST]
    codes = seeded(world.campaign, world.users[Role.COORDINATOR])
    for i in range(4):
        text = " ".join(LEARNED) + " " + " ".join(OTHER) + f" Интервью номер {i}."
        document = make_document(world.campaign, coder, text, title=f"Интервью {i}")
        for sentence in LEARNED:
            code_sentence(document, sentence, codes["LABOUR"], coder)
    return codes


def test_training_learns_a_word_only_the_coders_used(world, coded):
    probe = "Весь июль был хашар, домой отпускали только ночью."
    cold = campaign_model(world.campaign).score(probe)["LABOUR"][0]
    assert cold < THRESHOLD
    autocoder_train(campaign=world.campaign)
    learned = campaign_model(world.campaign).score(probe)
    assert learned["LABOUR"][0] >= THRESHOLD
    assert "хашар" in learned["LABOUR"][1]
    # It did not learn to see LABOUR everywhere.
    assert campaign_model(world.campaign).score("Вечером пили чай на кухне.")["LABOUR"][0] < THRESHOLD


def test_training_stores_held_out_precision_recall_and_f1_per_code(world, coded):
    stored = autocoder_train(campaign=world.campaign)
    metrics = stored.metrics
    assert metrics["test_units"] >= 8 and metrics["train_units"] >= 8
    assert metrics["test_units"] + metrics["train_units"] == metrics["units"]
    labour = metrics["learned"]["per_code"]["LABOUR"]
    assert labour["support"] > 0
    assert set(labour) >= {"precision", "recall", "f1"}
    assert 0.0 <= labour["f1"] <= 1.0
    assert set(metrics["learned"]["per_code"]) >= {"STATUS", "LABOUR", "HEALTH", "GENDER"}
    assert labour["f1"] > metrics["cold"]["per_code"]["LABOUR"]["f1"]


def test_the_model_is_stale_after_new_codings(world, coded):
    assert is_stale(world.campaign)
    autocoder_train(campaign=world.campaign)
    assert not is_stale(world.campaign)
    coder = world.users[Role.ANALYST]
    document = make_document(world.campaign, coder, "Новый рассказ про суд.", title="Ещё")
    code_sentence(document, "Новый рассказ про суд.", coded["JUSTICE"], coder)
    assert is_stale(world.campaign)


def test_only_the_latest_models_are_kept(world, coded):
    for _ in range(5):
        autocoder_train(campaign=world.campaign)
    assert AutocoderModel.objects.filter(campaign=world.campaign).count() == 3


def test_train_command_prints_the_figures(world, coded, capsys):
    call_command("train_autocoder", world.campaign.slug)
    out = capsys.readouterr().out
    assert "LABOUR" in out and "micro" in out


def test_suggest_codes_with_a_campaign_uses_its_trained_model(world, coded, tmp_path):
    import json

    autocoder_train(campaign=world.campaign)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "text": "Весь июль был хашар."}, ensure_ascii=False) + "\n")
    target = tmp_path / "out.jsonl"
    call_command(
        "suggest_codes", "--input", str(source), "--output", str(target), "--campaign", world.campaign.slug
    )
    with_campaign = {c["code"]: c["score"] for c in json.loads(target.read_text())["codes"]}
    call_command("suggest_codes", "--input", str(source), "--output", str(target))
    cold = {c["code"]: c["score"] for c in json.loads(target.read_text())["codes"]}
    assert with_campaign["LABOUR"] >= THRESHOLD > cold["LABOUR"]
