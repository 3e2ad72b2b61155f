"""Russian text handling shared by search and auto-coding: pure functions, no Django.

* :func:`tokens` splits a text into word tokens with their character offsets
  (offsets index the string as given, so they match ``Document.text``).
* :func:`lemma` gives a word's dictionary form through pymorphy3 (cached: a
  corpus has far fewer distinct words than tokens). ``ё`` is folded into ``е``.
* :data:`STOP_WORDS` are the function words that carry no theme.
* :func:`sentences` and :func:`paragraphs` give (start, end) spans.
* :func:`derivational_family` links a verb with its verbal nouns and
  participles ("депортировать" ↔ "депортация" ↔ "депортированный"), which
  pymorphy3's lemmas alone keep apart. The link is made by a short list of
  productive Russian suffix rules and is accepted only when pymorphy3's
  dictionary knows the generated word with the expected part of speech, so
  the rules never invent words; a short list of nouns whose meaning drifted
  away from their verb ("образование" is not "образовать") is excluded.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# A word: letters and digits, possibly joined by hyphens ("из-за", "кое-где").
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

_morph_lock = threading.Lock()
_morph: Any = None


def _analyzer() -> Any:
    global _morph
    if _morph is None:
        with _morph_lock:
            if _morph is None:
                import pymorphy3

                _morph = pymorphy3.MorphAnalyzer()
    return _morph


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written
    start: int
    end: int
    index: int  # position among the text's tokens (stop words included)


def normalise(text: str) -> str:
    """NFC and ``\\n`` line endings: the form documents are stored in."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end(), i) for i, m in enumerate(_WORD.finditer(text))]


def iter_words(text: str) -> Iterator[str]:
    for m in _WORD.finditer(text):
        yield m.group()


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=200_000)
def _lemma_of_folded(word: str) -> str:
    if not word or word.isdigit() or not any("а" <= ch <= "я" for ch in word):
        return word
    parse = _analyzer().parse(word)[0]
    return str(parse.normal_form).replace("ё", "е")


def lemma(word: str) -> str:
    """The dictionary form of ``word`` (lower case, ё → е); non-Russian words are only folded."""
    return _lemma_of_folded(fold(word))


def lemmas(text: str, *, drop_stop_words: bool = True) -> list[str]:
    result = [lemma(w) for w in iter_words(text)]
    if drop_stop_words:
        result = [w for w in result if is_content_word(w)]
    return result


def is_content_word(word_lemma: str) -> bool:
    """Not a stop word, a single letter or a bare number."""
    return len(word_lemma) > 1 and word_lemma not in STOP_WORDS and not word_lemma.isdigit()


@lru_cache(maxsize=50_000)
def _pos(word: str) -> frozenset[str]:
    """Parts of speech pymorphy3's dictionary knows ``word`` as, in its own normal form."""
    morph = _analyzer()
    found = set()
    for parse in morph.parse(word):
        if parse.normal_form.replace("ё", "е") == word and parse.is_known:
            found.add(str(parse.tag.POS))
    return frozenset(found)


def is_known(word: str, pos: str) -> bool:
    return pos in _pos(word)


_THEME_POS = frozenset({"NOUN", "INFN", "ADJF", "PRTF"})


def is_theme_word(word_lemma: str) -> bool:
    """A noun, verb, adjective or participle (not an adverb, preposition, pronoun…)."""
    return bool(_pos(word_lemma) & _THEME_POS)


# --- derivation ------------------------------------------------------------

# (verb infinitive ending, derived ending, part of speech of the derived word).
# Productive, regular patterns only: loanword verbs in -ировать/-овать and their
# nouns in -ация/-ирование, verbal nouns in -ание/-ение/-тие, passive past
# participles in -нный/-тый. Stem alternations (уволить → увольнение) are
# deliberately not guessed.
_DERIVATION_RULES: tuple[tuple[str, str, str], ...] = (
    ("ировать", "ация", "NOUN"),  # депортировать → депортация
    ("ировать", "ирование", "NOUN"),  # регулировать → регулирование
    ("ировать", "ированный", "ADJF"),  # депортировать → депортированный
    ("изовать", "изация", "NOUN"),  # легализовать → легализация
    ("овать", "ование", "NOUN"),  # штрафовать → штрафование
    ("овать", "ованный", "ADJF"),
    ("ать", "ание", "NOUN"),  # задержать → задержание
    ("ять", "яние", "NOUN"),
    ("ать", "анный", "ADJF"),
    ("ить", "ение", "NOUN"),  # нарушить → нарушение
    ("еть", "ение", "NOUN"),
    ("ить", "енный", "ADJF"),
    ("ыть", "ытие", "NOUN"),  # закрыть → закрытие
)

# Verbal nouns whose everyday meaning left the verb: linking them would make
# search find unrelated texts.
NO_DERIVATION = frozenset(
    {
        "образование",
        "положение",
        "отношение",
        "состояние",
        "представление",
        "значение",
        "население",
        "управление",
        "сообщение",
        "заведение",
        "определение",
        "выражение",
        "учение",
        "мнение",
        "сочинение",
        "издание",
        "задание",
        "знание",
        "здание",
        "собрание",
        "питание",
        "звание",
        "название",
        "воспитание",
        "основание",
        "содержание",
        "хозяйство",
    }
)


def _verbs_of(word: str) -> set[str]:
    """The infinitives ``word`` derives from by one of the rules, if pymorphy3 knows them."""
    found: set[str] = set()
    if word in NO_DERIVATION:
        return found
    for verb_end, derived_end, pos in _DERIVATION_RULES:
        if word.endswith(derived_end) and len(word) > len(derived_end) + 2:
            candidate = word[: -len(derived_end)] + verb_end
            if is_known(candidate, "INFN") and is_known(word, pos):
                found.add(candidate)
    return found


def _derived_of(verb: str) -> set[str]:
    found = set()
    for verb_end, derived_end, pos in _DERIVATION_RULES:
        if verb.endswith(verb_end) and len(verb) > len(verb_end) + 2:
            candidate = verb[: -len(verb_end)] + derived_end
            if candidate not in NO_DERIVATION and is_known(candidate, pos):
                found.add(candidate)
    return found


@lru_cache(maxsize=50_000)
def derivational_family(word_lemma: str) -> frozenset[str]:
    """``word_lemma`` with the verb it derives from and that verb's derived words."""
    family = {word_lemma}
    if word_lemma in NO_DERIVATION or len(word_lemma) < 5:
        return frozenset(family)
    verbs = {word_lemma} if is_known(word_lemma, "INFN") else _verbs_of(word_lemma)
    for verb in verbs:
        family.add(verb)
        family |= _derived_of(verb)
    return frozenset(family)


# --- stop words ------------------------------------------------------------

# Lemmas (after :func:`lemma`) of Russian function words and the most common
# verbs of speech that carry no theme.
STOP_WORDS = frozenset(
    """
    а без более бы быть в во вот вы да даже для до его ее если есть еще же за здесь и из или им их
    к как какой когда кто ли либо меж между мы на над надо не него нее нет ни нибудь никто ничто но ну
    о об однако он она они оно от очень по под после при про раз с со так также такой там те тем то
    тогда того тоже той только тот ту ты у уж уже хотя чем через что чтобы чтоб чей эта эти это этот я
    весь всё все всего свой сам самый который мой наш ваш твой себя сей кой где куда откуда зачем почему
    потому поэтому ведь вдруг ещё лишь именно почти можно нельзя нужно
    мочь стать иметь сказать говорить
    """.replace("ё", "е").split()
)


# --- sentences and paragraphs ---------------------------------------------

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "т",
        "д",
        "п",
        "г",
        "гг",
        "ул",
        "им",
        "см",
        "стр",
        "руб",
        "тыс",
        "млн",
        "млрд",
        "др",
        "пр",
        "напр",
        "т.е",
        "т.д",
        "т.п",
        "т.к",
        "и.о",
        "рис",
        "сом",
        "тенге",
    ]
)
_SENTENCE_END = re.compile(r"[.!?…]+[»\"')\]]*(?=\s+|$)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (whitespace trimmed). A line break always ends one."""
    spans: list[tuple[int, int]] = []
    for line_start, line_end in _lines(text):
        start = line_start
        for m in _SENTENCE_END.finditer(text, line_start, line_end):
            before = text[start : m.start()]
            last_word = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.strip() else ""
            if (
                m.group().startswith(".")
                and len(m.group()) == 1
                and (last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()))
            ):
                continue
            following = text[m.end() : line_end].lstrip()
            if following and following[0].islower():
                continue
            spans.append((start, m.end()))
            start = m.end()
        if text[start:line_end].strip():
            spans.append((start, line_end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of ``text`` (one paragraph per line), trimmed."""
    return [_trim(text, s, e) for s, e in _lines(text) if text[s:e].strip()]


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
