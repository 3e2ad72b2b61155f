"""Reads of coding: documents, the codebook tree, retrieval, cross tables and agreement."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kozomol.accounts.access import NOT_FOUND, can
from kozomol.accounts.models import User
from kozomol.accounts.roles import Perm
from kozomol.campaigns.models import Campaign
from kozomol.coding import agreement as ag
from kozomol.coding.models import Code, CodedPassage, Document
from kozomol.coding.text import sentence_spans

# Documents hold interview text: only people who work with it read them.
READ_PERMS = (Perm.CODE, Perm.ANALYSE, Perm.COLLECT, Perm.MANAGE_CODEBOOK)


def can_read_documents(user: Any, campaign: Campaign) -> bool:
    return any(can(user, perm, campaign) for perm in READ_PERMS)


def get_document_for_user(user: Any, campaign: Campaign, document_id: int) -> Document:
    """A document of ``campaign`` (which the caller already fetched with access checks)."""
    document = (
        Document.objects.filter(campaign=campaign, pk=document_id)
        .select_related("target_group", "city")
        .first()
    )
    if document is None:
        raise Http404(NOT_FOUND)
    return document


@dataclass
class PassageFilters:
    country: str = ""
    city_id: int | None = None
    target_group_id: int | None = None
    gender: str = ""
    coder_ids: tuple[int, ...] = ()
    kind: str = ""

    def apply_documents(self, qs: QuerySet[Document], prefix: str = "") -> QuerySet[Document]:
        lookups: dict[str, Any] = {}
        if self.country:
            lookups[f"{prefix}country_code"] = self.country
        if self.city_id:
            lookups[f"{prefix}city_id"] = self.city_id
        if self.target_group_id:
            lookups[f"{prefix}target_group_id"] = self.target_group_id
        if self.gender:
            lookups[f"{prefix}gender"] = self.gender
        if self.kind:
            lookups[f"{prefix}kind"] = self.kind
        return qs.filter(**lookups)


def documents_for_campaign(
    campaign: Campaign, filters: PassageFilters | None = None, q: str = ""
) -> QuerySet[Document]:
    qs = Document.objects.filter(campaign=campaign).select_related("target_group", "city")
    if filters:
        qs = filters.apply_documents(qs)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(external_id__icontains=q))
    return qs.annotate(passage_count=Count("passages")).order_by("-created_at", "-id")


# --- codebook ------------------------------------------------------------------


def codebook_tree(campaign: Campaign) -> list[tuple[Code, int]]:
    """Every code of the campaign with its depth, parents before children, in position order."""
    codes = list(Code.objects.filter(campaign=campaign).order_by("position", "identifier"))
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in codes:
        children[code.parent_id].append(code)
    result: list[tuple[Code, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for code in children.get(parent_id, []):
            result.append((code, depth))
            walk(code.pk, depth + 1)

    walk(None, 0)
    return result


def code_ids_with_descendants(campaign: Campaign, code: Code) -> list[int]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Code.objects.filter(campaign=campaign).values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    result, stack = [], [code.pk]
    while stack:
        current = stack.pop()
        result.append(current)
        stack.extend(children.get(current, []))
    return result


def top_level_of(campaign: Campaign) -> dict[int, int]:
    """Map every code id to the id of its top-level ancestor."""
    parents = dict(Code.objects.filter(campaign=campaign).values_list("pk", "parent_id"))
    roots: dict[int, int] = {}
    for pk in parents:
        node = pk
        seen = 0
        while parents.get(node) is not None and seen < 100:
            node = parents[node]
            seen += 1
        roots[pk] = node
    return roots


# --- passages ------------------------------------------------------------------


def passages_for_document(document: Document, coder_ids: list[int] | None = None) -> QuerySet[CodedPassage]:
    qs = document.passages.select_related("code", "coder")
    if coder_ids:
        qs = qs.filter(coder_id__in=coder_ids)
    return qs.order_by("start", "end", "id")


def coders_of_campaign(campaign: Campaign) -> QuerySet[User]:
    return User.objects.filter(coded_passages__document__campaign=campaign).distinct().order_by("email")


def retrieve_passages(
    campaign: Campaign, code: Code, filters: PassageFilters | None = None, *, with_subcodes: bool = True
) -> QuerySet[CodedPassage]:
    """Every passage of ``code`` (and its sub-codes), filtered by the document's context and the coder."""
    code_ids = code_ids_with_descendants(campaign, code) if with_subcodes else [code.pk]
    qs = CodedPassage.objects.filter(code_id__in=code_ids, document__campaign=campaign)
    if filters:
        qs = filters.apply_documents(qs, prefix="document__")  # type: ignore[arg-type]
        if filters.coder_ids:
            qs = qs.filter(coder_id__in=filters.coder_ids)
    return qs.select_related(
        "code", "coder", "document", "document__target_group", "document__city"
    ).order_by("document__title", "document_id", "start", "id")


def _passage_rows(campaign: Campaign, filters: PassageFilters | None) -> QuerySet[CodedPassage]:
    qs = CodedPassage.objects.filter(document__campaign=campaign)
    if filters:
        qs = filters.apply_documents(qs, prefix="document__")  # type: ignore[arg-type]
        if filters.coder_ids:
            qs = qs.filter(coder_id__in=filters.coder_ids)
    return qs


def cooccurrence(
    campaign: Campaign, filters: PassageFilters | None = None
) -> tuple[list[Code], list[list[int]]]:
    """Top-level codes (sub-codes rolled up) × themselves: how many passages of the row code overlap
    a passage of the column code by the same coder in the same document. The diagonal counts passages.
    """
    roots = top_level_of(campaign)
    top = list(Code.objects.filter(campaign=campaign, parent=None).order_by("position", "identifier"))
    index = {code.pk: i for i, code in enumerate(top)}
    rows = _passage_rows(campaign, filters).values_list(
        "pk", "document_id", "coder_id", "code_id", "start", "end"
    )
    by_doc: dict[tuple[int, int], list[tuple[int, int, int, int]]] = defaultdict(list)
    for pk, doc_id, coder_id, code_id, start, end in rows.iterator(chunk_size=5000):
        root = roots.get(code_id)
        if root in index:
            by_doc[(doc_id, coder_id)].append((start, end, index[root], pk))
    size = len(top)
    matrix = [[0] * size for _ in range(size)]
    for spans in by_doc.values():
        spans.sort()
        overlaps: dict[int, set[int]] = defaultdict(set)  # passage pk → codes it meets
        for i, (start, end, code_i, pk) in enumerate(spans):
            matrix[code_i][code_i] += 1
            for other_start, other_end, code_j, other_pk in spans[i + 1 :]:
                if other_start >= end:
                    break
                if other_end > start and code_j != code_i:
                    overlaps[pk].add(code_j)
                    overlaps[other_pk].add(code_i)
        code_of = {pk: code_i for _s, _e, code_i, pk in spans}
        for pk, others in overlaps.items():
            for code_j in others:
                matrix[code_of[pk]][code_j] += 1
    return top, matrix


def code_by_attribute(
    campaign: Campaign, attribute: str, filters: PassageFilters | None = None
) -> tuple[list[Code], list[str], dict[tuple[int, str], int]]:
    """Top-level codes × values of a document attribute ("country_code" or "target_group"):
    the number of documents in which the code (or a sub-code) was applied.
    """
    field_name = {"country": "document__country_code", "target_group": "document__target_group__code"}[
        attribute
    ]
    roots = top_level_of(campaign)
    top = list(Code.objects.filter(campaign=campaign, parent=None).order_by("position", "identifier"))
    seen: set[tuple[int, str, int]] = set()
    for doc_id, code_id, value in (
        _passage_rows(campaign, filters)
        .values_list("document_id", "code_id", field_name)
        .iterator(chunk_size=5000)
    ):
        seen.add((roots.get(code_id, code_id), value or "", doc_id))
    counts: Counter[tuple[int, str]] = Counter((root, value) for root, value, _doc in seen)
    values = sorted({value for _root, value in counts})
    return top, values, dict(counts)


# --- agreement ---------------------------------------------------------------------


@dataclass
class AgreementReport:
    unit: str
    coders: list[User]
    documents: int
    overall: ag.Agreement | None
    per_code: list[tuple[Code, ag.Agreement]]


def _coded_documents(campaign: Campaign, coder_ids: list[int]) -> list[int]:
    sets = [
        set(
            CodedPassage.objects.filter(document__campaign=campaign, coder_id=cid)
            .values_list("document_id", flat=True)
            .distinct()
        )
        for cid in coder_ids
    ]
    return sorted(set.intersection(*sets)) if sets else []


def compared_documents(campaign: Campaign, coder_ids: list[int]) -> list[int]:
    """Ids of the documents every one of ``coder_ids`` (two or more) has coded."""
    return _coded_documents(campaign, coder_ids) if len(coder_ids) >= 2 else []


def agreement_report(campaign: Campaign, coder_ids: list[int], unit: str = ag.CHARACTER) -> AgreementReport:
    """Agreement between ``coder_ids`` per code (with its sub-codes rolled up into it) and overall."""
    if unit not in ag.UNITS:
        unit = ag.CHARACTER
    coders = sorted(User.objects.filter(pk__in=coder_ids), key=lambda u: coder_ids.index(u.pk))
    coder_ids = [c.pk for c in coders]
    doc_ids = _coded_documents(campaign, coder_ids) if len(coder_ids) >= 2 else []
    codes = [code for code, _depth in codebook_tree(campaign)]
    ancestors: dict[int, list[int]] = {}
    parent_of = {code.pk: code.parent_id for code in codes}
    for code in codes:
        chain, node = [], code.pk
        while node is not None:
            chain.append(node)
            node = parent_of.get(node)
        ancestors[code.pk] = chain
    # spans[(doc, code)][coder index] → list of spans; a passage counts for its code and every ancestor.
    spans: dict[tuple[int, int], list[list[tuple[int, int]]]] = defaultdict(lambda: [[] for _ in coder_ids])
    position = {cid: i for i, cid in enumerate(coder_ids)}
    for doc_id, code_id, coder_id, start, end in (
        CodedPassage.objects.filter(document_id__in=doc_ids, coder_id__in=coder_ids)
        .values_list("document_id", "code_id", "coder_id", "start", "end")
        .iterator(chunk_size=5000)
    ):
        for code_pk in ancestors.get(code_id, [code_id]):
            spans[(doc_id, code_pk)][position[coder_id]].append((start, end))
    texts = dict(Document.objects.filter(pk__in=doc_ids).values_list("pk", "text"))
    sentences = {pk: sentence_spans(text) for pk, text in texts.items()} if unit == ag.SENTENCE else {}
    per_code: list[tuple[Code, ag.Agreement]] = []
    pooled: Counter[int] = Counter()
    for code in codes:
        histogram: Counter[int] = Counter()
        for doc_id in doc_ids:
            by_coder = spans.get((doc_id, code.pk)) or [[] for _ in coder_ids]
            if unit == ag.CHARACTER:
                histogram.update(ag.character_masks(len(texts[doc_id]), by_coder))
            else:
                histogram.update(ag.sentence_masks(sentences[doc_id], by_coder))
        per_code.append((code, ag.summarise(code.identifier, histogram, len(coder_ids))))
        if code.parent_id is None:
            pooled.update(histogram)
    overall = ag.summarise("overall", pooled, len(coder_ids)) if doc_ids else None
    return AgreementReport(
        unit=unit, coders=coders, documents=len(doc_ids), overall=overall, per_code=per_code
    )


@dataclass
class Disagreement:
    document: Document
    code: Code
    start: int
    end: int
    text: str
    coders_yes: list[User]
    coders_no: list[User]


def disagreements(
    campaign: Campaign, coder_ids: list[int], *, limit: int = 500, code: Code | None = None
) -> list[Disagreement]:
    """Spans where some coders applied a code and others did not (codes as applied, not rolled up)."""
    coders = list(User.objects.filter(pk__in=coder_ids))
    coders.sort(key=lambda u: coder_ids.index(u.pk))
    coder_ids = [c.pk for c in coders]
    doc_ids = _coded_documents(campaign, coder_ids) if len(coder_ids) >= 2 else []
    qs = CodedPassage.objects.filter(document_id__in=doc_ids, coder_id__in=coder_ids)
    if code is not None:
        qs = qs.filter(code_id__in=code_ids_with_descendants(campaign, code))
    spans: dict[tuple[int, int], list[list[tuple[int, int]]]] = defaultdict(lambda: [[] for _ in coder_ids])
    position = {cid: i for i, cid in enumerate(coder_ids)}
    for doc_id, code_id, coder_id, start, end in qs.values_list(
        "document_id", "code_id", "coder_id", "start", "end"
    ):
        spans[(doc_id, code_id)][position[coder_id]].append((start, end))
    documents = Document.objects.in_bulk({doc for doc, _code in spans})
    codes = Code.objects.in_bulk({c for _doc, c in spans})
    result: list[Disagreement] = []
    for (doc_id, code_id), by_coder in sorted(spans.items()):
        document = documents[doc_id]
        for start, end, mask in ag.disagreement_segments(len(document.text), by_coder):
            result.append(
                Disagreement(
                    document=document,
                    code=codes[code_id],
                    start=start,
                    end=end,
                    text=document.text[start:end],
                    coders_yes=[c for i, c in enumerate(coders) if mask >> i & 1],
                    coders_no=[c for i, c in enumerate(coders) if not mask >> i & 1],
                )
            )
            if len(result) >= limit:
                return result
    result.sort(key=lambda d: (d.document.title, d.start, d.code.identifier))
    return result


# --- side by side ------------------------------------------------------------------


@dataclass
class Segment:
    """A run of one unit's text over which every coder's set of codes stays the same."""

    text: str
    codes: frozenset[str]  # identifiers this coder applied here
    disagree: bool  # the compared coders' sets of codes differ on this run


@dataclass
class SideBySideCell:
    segments: list[Segment]
    codes: list[str]  # identifiers this coder applied anywhere in the unit, sorted
    only_here: list[str]  # of those, the ones some other compared coder did not apply in the unit


@dataclass
class SideBySideRow:
    number: int
    start: int
    end: int
    cells: list[SideBySideCell]  # one per coder, in the order of the coders
    disagree: bool


@dataclass
class SideBySide:
    document: Document
    coders: list[User]
    rows: list[SideBySideRow]
    disagreeing_rows: int


def side_by_side(
    campaign: Campaign, document: Document, coder_ids: list[int], *, code: Code | None = None
) -> SideBySide:
    """The document cut into sentences, each shown once per coder with that coder's codes on it.

    A run of characters *disagrees* when the compared coders did not apply the same set
    of codes to it (codes as applied, not rolled up; restricted to ``code`` and its
    sub-codes when given) — the same runs the disagreements table lists.
    """
    coders = sorted(User.objects.filter(pk__in=coder_ids), key=lambda u: coder_ids.index(u.pk))
    position = {c.pk: i for i, c in enumerate(coders)}
    qs = CodedPassage.objects.filter(document=document, coder_id__in=list(position))
    if code is not None:
        qs = qs.filter(code_id__in=code_ids_with_descendants(campaign, code))
    text = document.text
    passages: list[tuple[int, int, int, str]] = []  # (coder index, start, end, identifier)
    boundaries = {0, len(text)}
    for coder_id, start, end, identifier in qs.values_list("coder_id", "start", "end", "code__identifier"):
        start, end = max(0, start), min(len(text), end)
        if start < end:
            passages.append((position[coder_id], start, end, identifier))
            boundaries.update((start, end))
    units = sentence_spans(text) or ([(0, len(text))] if text else [])
    for start, end in units:
        boundaries.update((start, end))
    points = sorted(boundaries)
    # For every elementary run between two boundaries: each coder's set of codes on it.
    runs: list[tuple[int, int, list[frozenset[str]]]] = []
    for run_start, run_end in zip(points, points[1:], strict=False):
        sets: list[set[str]] = [set() for _ in coders]
        for index, start, end, identifier in passages:
            if start <= run_start and end >= run_end:
                sets[index].add(identifier)
        runs.append((run_start, run_end, [frozenset(s) for s in sets]))
    rows: list[SideBySideRow] = []
    cursor = 0
    for number, (unit_start, unit_end) in enumerate(units, 1):
        while cursor < len(runs) and runs[cursor][1] <= unit_start:
            cursor += 1
        inside = []
        while cursor < len(runs) and runs[cursor][0] < unit_end:
            inside.append(runs[cursor])
            cursor += 1
        per_coder_codes = [set().union(*(sets[i] for _s, _e, sets in inside)) for i in range(len(coders))]
        cells = []
        row_disagrees = False
        for i in range(len(coders)):
            segments: list[Segment] = []
            for run_start, run_end, sets in inside:
                disagree = len(set(sets)) > 1
                row_disagrees = row_disagrees or disagree
                piece = text[run_start:run_end]
                if segments and segments[-1].codes == sets[i] and segments[-1].disagree == disagree:
                    segments[-1].text += piece
                else:
                    segments.append(Segment(text=piece, codes=sets[i], disagree=disagree))
            mine = per_coder_codes[i]
            others = [per_coder_codes[j] for j in range(len(coders)) if j != i]
            cells.append(
                SideBySideCell(
                    segments=segments,
                    codes=sorted(mine),
                    only_here=sorted(c for c in mine if any(c not in other for other in others)),
                )
            )
        rows.append(SideBySideRow(number, unit_start, unit_end, cells, row_disagrees))
    return SideBySide(
        document=document,
        coders=coders,
        rows=rows,
        disagreeing_rows=sum(1 for row in rows if row.disagree),
    )
