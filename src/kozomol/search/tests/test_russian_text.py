from kozomol.lib.russian import (
    STOP_WORDS,
    derivational_family,
    lemma,
    lemmas,
    normalise,
    paragraphs,
    sentences,
    tokens,
)


def test_tokens_keep_character_offsets_into_the_text():
    text = "Зарплату не платили — из-за кризиса."
    found = tokens(text)
    assert [t.text for t in found] == ["Зарплату", "не", "платили", "из-за", "кризиса"]
    assert all(text[t.start : t.end] == t.text for t in found)
    assert [t.index for t in found] == [0, 1, 2, 3, 4]


def test_lemma_folds_case_and_yo():
    assert lemma("Зарплату") == "зарплата"
    assert lemma("зарплаты") == "зарплата"
    assert lemma("депортировали") == "депортировать"
    assert lemma("ещё") == "еще"
    assert lemma("ОМС") == "омс"
    assert lemma("2013") == "2013"


def test_lemmas_drop_stop_words_and_numbers():
    assert lemmas("Ему не платили зарплату 3 месяца, и он ушёл") == ["платить", "зарплата", "месяц", "уйти"]
    assert "не" in STOP_WORDS and "и" in STOP_WORDS


def test_verbal_nouns_and_participles_join_their_verb():
    family = derivational_family("депортация")
    assert {"депортировать", "депортированный"} <= family
    assert derivational_family("депортировать") == family
    assert "задержать" in derivational_family("задержание")
    assert "нарушить" in derivational_family("нарушение")


def test_unrelated_or_drifted_words_stay_apart():
    assert derivational_family("зарплата") == {"зарплата"}
    assert derivational_family("образование") == {"образование"}  # education is not "to form"
    assert "порт" not in derivational_family("депортация")
    assert "платить" not in derivational_family("зарплата")


def test_sentences_split_on_ends_and_line_breaks_but_not_abbreviations():
    text = "Приехал в 2012 г. в Москву. Работал без договора!\nПотом уволили… Что делать?"
    spans = sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Приехал в 2012 г. в Москву.",
        "Работал без договора!",
        "Потом уволили…",
        "Что делать?",
    ]


def test_paragraphs_are_non_empty_lines():
    text = "Первый абзац.\n\n  Второй абзац. Ещё.  \n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["Первый абзац.", "Второй абзац. Ещё."]


def test_normalise_makes_nfc_and_unix_line_ends():
    assert normalise("е\u0308ж\r\nдва\rтри") == "ёж\nдва\nтри"
