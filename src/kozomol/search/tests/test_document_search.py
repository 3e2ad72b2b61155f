"""Morphological search over a campaign's documents; runs on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import pytest

from kozomol.search.models import IndexedDocument, Posting
from kozomol.search.query import QUERY_EMPTY, QUERY_ONLY_NOT, QUERY_UNBALANCED, QueryError
from kozomol.search.selectors import highlight, search_documents
from kozomol.search.tests.factories import add_document, change_document, delete_document

pytestmark = pytest.mark.django_db

TEXTS = {
    "wages": "Работодатель три месяца не выплачивал нам зарплату, а потом выгнал без расчёта.",
    "wages2": "Зарплаты хватало только на еду и жильё.",
    "deport": "Его задержали на рынке и через неделю депортировали в Бишкек.",
    "deport_noun": "Депортация грозит каждому, у кого просрочен патент.",
    "payment": "Плата за комнату выросла вдвое, платить стало нечем.",
    "port": "В порту Новороссийска они разгружали корабли по ночам.",
    "contract": "Мы работали без трудового договора, и никто не знал своих прав.",
    "contract_split": "Договор нам дали только через год, трудового стажа нет.",
    "police": "Полиция проверяла документы у всех, кто выходил из общежития.",
    "court": "Суд назначил штраф и выдворение, полиция доставила его в аэропорт.",
}


@pytest.fixture
def docs(world):
    return {key: add_document(world.campaign, text, title=key) for key, text in TEXTS.items()}


def found(world, query: str) -> set[str]:
    result = search_documents(campaign=world.campaign, query=query, limit=100)
    return {hit_title(hit.document_id) for hit in result.hits}


def hit_title(document_id: int) -> str:
    from kozomol.coding.models import Document

    return Document.objects.get(pk=document_id).title


def test_any_form_of_a_word_finds_the_others(world, docs):
    assert found(world, "зарплата") == {"wages", "wages2"}
    assert found(world, "зарплаты") == {"wages", "wages2"}
    assert found(world, "ЗАРПЛАТУ") == {"wages", "wages2"}


def test_unrelated_words_that_look_alike_are_not_found(world, docs):
    # "плата" and "платить" share letters with "зарплата" but are other words.
    assert "payment" not in found(world, "зарплата")
    assert found(world, "плата") == {"payment"}
    # "порт" is inside "депортация" and "аэропорт" but is not related to either.
    assert found(world, "депортация") == {"deport", "deport_noun"}
    assert found(world, "порт") == {"port"}
    assert found(world, "пациент") == set()


def test_a_verbal_noun_finds_its_verb_and_back(world, docs):
    assert found(world, "депортировали") == {"deport", "deport_noun"}
    assert found(world, "задержание") == {"deport"}


def test_the_exact_word_ranks_above_a_derived_one(world, docs):
    result = search_documents(campaign=world.campaign, query="депортация")
    assert hit_title(result.hits[0].document_id) == "deport_noun"


def test_a_phrase_needs_its_words_in_order(world, docs):
    assert found(world, '"трудового договора"') == {"contract"}
    assert found(world, '"трудовой договор"') == {"contract"}
    assert found(world, "трудовой договор") == {"contract", "contract_split"}
    assert found(world, '"договора трудового"') == set()
    assert found(world, '"трудового договора" OR порт') == {"contract", "port"}
    assert found(world, 'договор -"трудового договора"') == {"contract_split"}


def test_a_phrase_keeps_the_place_of_its_stop_words(world, docs):
    assert found(world, '"работали без трудового договора"') == {"contract"}
    assert found(world, '"работали трудового договора"') == set()


def test_boolean_operators(world, docs):
    assert found(world, "полиция") == {"police", "court"}
    assert found(world, "полиция AND суд") == {"court"}
    assert found(world, "полиция суд") == {"court"}
    assert found(world, "полиция NOT суд") == {"police"}
    assert found(world, "полиция -суд") == {"police"}
    assert found(world, "полиция НЕ суд") == {"police"}
    assert found(world, "суд OR порт") == {"court", "port"}
    assert found(world, "суд ИЛИ порт") == {"court", "port"}
    assert found(world, "(суд OR рынок) AND полиция") == {"court"}
    assert found(world, "(суд | рынок) -штраф") == {"deport"}


def test_ordinary_lowercase_words_are_not_operators(world, docs):
    # "не" and "или" are stop words in running text, never operators.
    assert found(world, "не выплачивал или зарплату") == {"wages"}


def test_title_words_are_searched_too(world, docs):
    assert found(world, "contract_split") == {"contract_split"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", QUERY_EMPTY),
        ("   ", QUERY_EMPTY),
        ("и не", QUERY_EMPTY),
        ('"трудовой', QUERY_UNBALANCED),
        ("(суд", QUERY_UNBALANCED),
        ("суд)", QUERY_UNBALANCED),
        ("-суд", QUERY_ONLY_NOT),
    ],
)
def test_queries_with_nothing_to_look_for_are_refused_with_a_reason(world, docs, query, message):
    with pytest.raises(QueryError) as caught:
        search_documents(campaign=world.campaign, query=query)
    assert str(caught.value) == message


def test_results_are_ranked_by_bm25(world):
    many = add_document(world.campaign, "патент патент патент, без патента не возьмут", title="many")
    one = add_document(world.campaign, "У него был патент. " + "Слово " * 60, title="one")
    add_document(world.campaign, "Ничего общего.", title="none")
    result = search_documents(campaign=world.campaign, query="патент")
    assert [h.document_id for h in result.hits] == [many.pk, one.pk]
    assert result.hits[0].score > result.hits[1].score > 0
    assert result.total == 2


def test_paging_returns_the_next_documents(world):
    for i in range(5):
        add_document(world.campaign, "регистрация " * (i + 1), title=f"r{i}")
    first = search_documents(campaign=world.campaign, query="регистрация", limit=2)
    second = search_documents(campaign=world.campaign, query="регистрация", limit=2, offset=2)
    assert first.total == second.total == 5
    assert not {h.document_id for h in first.hits} & {h.document_id for h in second.hits}


def test_search_stays_inside_the_campaign(world, docs):
    add_document(world.other_campaign, "Зарплату не платили полгода.", title="other")
    assert found(world, "зарплата") == {"wages", "wages2"}
    other = search_documents(campaign=world.other_campaign, query="зарплата")
    assert [hit_title(h.document_id) for h in other.hits] == ["other"]


def test_a_changed_document_is_found_by_its_new_words_only(world, docs):
    change_document(docs["port"], text="Теперь здесь говорится о медицинской страховке.")
    assert found(world, "порт") == set()
    assert found(world, "страховка") == {"port"}
    assert Posting.objects.filter(document_id=docs["port"].pk, lemma="порт").count() == 0


def test_a_deleted_document_leaves_the_index(world, docs):
    pk = docs["police"].pk
    delete_document(docs["police"])
    assert found(world, "полиция") == {"court"}
    assert not IndexedDocument.objects.filter(document_id=pk).exists()
    assert not Posting.objects.filter(document_id=pk).exists()


def test_an_unchanged_document_is_not_indexed_again(world, docs):
    from kozomol.search.services import index_document

    assert index_document(document=docs["wages"]) is False
    assert index_document(document=docs["wages"], force=True) is True


def test_the_snippet_highlights_the_words_as_written(world, docs):
    result = search_documents(campaign=world.campaign, query="депортация")
    snippet, count = highlight(TEXTS["deport"], result.lemmas)
    assert "<mark>депортировали</mark>" in snippet
    assert count == 1


def test_the_snippet_escapes_the_text(world):
    snippet, _ = highlight("<script>зарплата</script> & всё", {"зарплата"})
    assert "<script>" not in snippet
    assert "&lt;script&gt;<mark>зарплата</mark>&lt;/script&gt; &amp; всё" in snippet


def _reference(campaign_id: int, node) -> dict[int, float]:
    """BM25 (k1 1.2, b 0.75) worked out row by row from the postings table: what the engine must give."""
    import math

    from kozomol.search.models import CampaignStats
    from kozomol.search.query import And, Or, Term

    stats = CampaignStats.objects.get(campaign_id=campaign_id)
    n, avgdl = stats.documents, stats.total_length / stats.documents

    def term(t: Term) -> dict[int, float]:
        scores: dict[int, float] = {}
        for word, weight in t.lemmas:
            rows = list(
                Posting.objects.filter(campaign_id=campaign_id, lemma=word).values_list(
                    "document__document_id", "tf", "length"
                )
            )
            idf = math.log(1 + (n - len(rows) + 0.5) / (len(rows) + 0.5))
            for doc, tf, length in rows:
                score = idf * weight * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / avgdl))
                scores[doc] = scores.get(doc, 0.0) + score
        return scores

    def evaluate(node) -> dict[int, float]:
        if isinstance(node, Term):
            return term(node)
        parts = [evaluate(p) for p in node.parts]
        if isinstance(node, Or):
            merged: dict[int, float] = {}
            for part in parts:
                for doc, score in part.items():
                    merged[doc] = merged.get(doc, 0.0) + score
            return merged
        assert isinstance(node, And)
        result = {d: sum(p[d] for p in parts) for d in set.intersection(*(set(p) for p in parts))}
        for excluded in node.excluded:
            left_out = evaluate(excluded)
            result = {d: s for d, s in result.items() if d not in left_out}
        return result

    return evaluate(node)


@pytest.mark.parametrize(
    "query",
    ["зарплата", "депортация", "полиция AND суд", "суд OR порт", "(суд | рынок) -штраф", "полиция -суд"],
)
def test_the_ranking_equals_bm25_worked_out_from_the_postings(world, docs, query):
    from kozomol.search.query import parse

    reference = _reference(world.campaign.pk, parse(query))
    assert reference  # every query here finds something
    result = search_documents(campaign=world.campaign, query=query, limit=100)
    assert result.total == len(reference)
    assert {h.document_id: round(h.score, 6) for h in result.hits} == {
        d: round(s, 6) for d, s in reference.items()
    }
    best_first = sorted(reference.items(), key=lambda item: (-item[1], item[0]))
    assert [h.document_id for h in result.hits] == [d for d, _ in best_first]


def test_pages_of_one_hit_put_together_give_the_whole_ranking(world, docs):
    # With one hit per page only the best few scores are sorted (partial sort): ties included,
    # the pages must still follow the full order, best first and by document id on a tie.
    query = "полиция OR суд OR зарплата OR договор"
    whole = search_documents(campaign=world.campaign, query=query, limit=100)
    assert whole.total >= 5
    pages = [
        search_documents(campaign=world.campaign, query=query, limit=1, offset=i).hits[0]
        for i in range(whole.total)
    ]
    assert [(h.document_id, round(h.score, 9)) for h in pages] == [
        (h.document_id, round(h.score, 9)) for h in whole.hits
    ]
    assert search_documents(campaign=world.campaign, query=query, limit=1, offset=whole.total).hits == []
