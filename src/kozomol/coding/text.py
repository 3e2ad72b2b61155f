"""Text helpers of coding: normalisation, offsets, sentences.

Offsets everywhere in Kozomol are Unicode code points into the normalised text.
Browsers count UTF-16 code units; :func:`utf16_to_codepoint` converts (the
coding page sends both the offsets it measured and the quoted text, and the
server checks they agree).
"""

from __future__ import annotations

import re
import unicodedata

_SENTENCE_END = re.compile(r"[.!?…]+[»\"')\]]*\s+|\n+")


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` line endings, no NUL characters; leading/trailing blank lines kept as they are."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def utf16_to_codepoint(text: str, offset: int) -> int:
    """The code-point offset matching a UTF-16 code-unit ``offset`` into ``text``."""
    if offset <= 0:
        return 0
    units = 0
    for index, char in enumerate(text):
        if units >= offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def codepoint_to_utf16(text: str, offset: int) -> int:
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text[:offset])


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, whitespace trimmed, covering the text in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        _append_trimmed(text, start, end, spans)
        start = end
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def context_around(text: str, start: int, end: int, width: int = 160) -> tuple[str, str, str]:
    """(before, quote, after) with about ``width`` characters either side, cut at word edges."""
    before_start = max(0, start - width)
    after_end = min(len(text), end + width)
    before = text[before_start:start]
    after = text[end:after_end]
    if before_start > 0 and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if after_end < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return before, text[start:end], after
