"""The aggregate cube: folding source rows into :class:`~kozomol.analytics.models.Cell` rows, incrementally.

Sources are read lazily through ``django.apps.apps.get_model`` so analytics
works whichever of the other apps has landed: a source whose model is missing
simply contributes nothing.

Freshness: each (campaign, source) remembers the largest source id folded in
(:class:`CubeState`). New rows (appended by any means, bulk inserts included)
are folded in on the next read by ``cube_sync``; an edit or a deletion seen
through a signal is applied as a delta (the row's old contribution taken out,
its new one added: :func:`row_contributions` and :func:`apply_delta`), so no
reader ever waits for a rebuild of a million rows. Only what cannot be seen
row by row makes the next read rebuild: rows loaded raw from fixtures (they
mark the state dirty) and an indicator naming a question not folded in yet.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from kozomol.analytics.builtin import BUILTIN_QUESTIONS
from kozomol.analytics.models import DIMENSIONS, Cell, CubeState

ALL = "__all__"  # the key that counts every row of a source once
MAX_VALUE = 80
SOURCES = ("submissions", "appeals", "passages")
WEIGHT_QUESTIONS = ("weight", "survey_weight")
EXCLUDED_STATUSES = ("rejected",)

# (grain, key, value, form_id, target_group_id, country_code, city_id, gender, age_band, legal_status, sector, month)
CellKey = tuple[Any, ...]


def source_model(source: str) -> Any | None:
    """The model a source reads, or None while its app has not landed."""
    label = {
        "submissions": ("submissions", "Submission"),
        "appeals": ("cases", "Case"),
        "passages": ("coding", "CodedPassage"),
    }[source]
    try:
        return apps.get_model(*label)
    except LookupError:
        return None


_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def norm_value(value: Any) -> str | None:
    """An answer as the cube stores it: ``yes``/``no`` for booleans, canonical numbers, trimmed text."""
    if value is None:
        return None
    kind = type(value)
    if kind is str:
        text = value.strip()
        if not text:
            return None
        if not _NUMBER.fullmatch(text):
            return text[:MAX_VALUE]
        number = float(text.replace(",", "."))
        return str(int(number)) if number.is_integer() else repr(round(number, 6))
    if kind is bool:
        return "yes" if value else "no"
    if kind is int:
        return str(value)
    if kind is float:
        if math.isnan(value) or math.isinf(value):
            return None
        return str(int(value)) if value.is_integer() else repr(round(value, 6))
    return None  # lists, dicts: not a single answer


def flatten_answers(data: Any) -> dict[str, Any]:
    """Answers keyed by question name (the last segment of the question path)."""
    out: dict[str, Any] = {}
    if not isinstance(data, dict):
        return out
    for path, value in data.items():
        if isinstance(value, dict):
            for sub_name, sub_value in flatten_answers(value).items():
                out.setdefault(sub_name, sub_value)
            continue
        out[str(path).rsplit("/", 1)[-1]] = value
    return out


def _weight(answers: dict[str, Any]) -> float:
    for name in WEIGHT_QUESTIONS:
        raw = answers.get(name)
        if raw is None or raw == "":
            continue
        try:
            w = float(raw)
        except (TypeError, ValueError):
            continue
        if math.isfinite(w) and w > 0:
            return w
    return 1.0


def _month(when: Any) -> str:
    if when is None:
        return ""
    if timezone.is_aware(when):
        when = timezone.localtime(when, timezone.get_default_timezone())
    return f"{when.year:04d}-{when.month:02d}"


# Which dimensions each grain keeps. Grain 3 is the small one most charts read (place, gender,
# target group: a few hundred cells per question); 0 adds age, legal status and sector; 1 has the
# month (but not legal status and sector); 4 has the month with legal status and sector (but not
# city and age). Grain 2 keeps every dimension: it answers what no smaller grain can (the month
# with legal status or sector, and with city or age). It is the largest (at 1,000,000 synthetic
# submissions about as many cells as submissions), so it is read only then, through the indexes
# that narrow such a read to one status, sector or month (see Cell.Meta.indexes). Every filter
# and breakdown the dashboards offer is thus answered from stored cells: nothing reads the
# source rows while a chart waits.
GRAINS: dict[int, frozenset[str]] = {
    3: frozenset({"form_id", "target_group_id", "country_code", "city_id", "gender"}),
    0: frozenset(DIMENSIONS) - {"month"},
    1: frozenset(DIMENSIONS) - {"legal_status", "sector"},
    4: frozenset(DIMENSIONS) - {"city_id", "age_band"},
    2: frozenset(DIMENSIONS),
}
# Smallest first: the first grain that keeps every dimension a query touches answers it.
STORED_GRAINS = (3, 0, 1, 4, 2)
# Stored in CubeState.keys; a cube built by code with other grains is rebuilt on its next read.
CUBE_VERSION = "__cube_v4__"


def _grain_dims(grain: int, dims: tuple[Any, ...]) -> tuple[Any, ...]:
    if grain == 3:
        return (*dims[:5], "", "", "", "")
    if grain == 0:
        return (*dims[:8], "")
    if grain == 1:
        return (*dims[:6], "", "", dims[8])
    if grain == 4:
        return (*dims[:3], 0, dims[4], "", *dims[6:])
    return dims


def grain_for(columns: Iterable[str]) -> int:
    """The smallest stored grain that keeps every cube column a query touches (grain 2 keeps all)."""
    needed = set(columns) & set(DIMENSIONS)
    return next(g for g in STORED_GRAINS if needed <= GRAINS[g])


@dataclass
class Folder:
    """Accumulates contributions in memory before they are written as cells."""

    cells: dict[CellKey, list[float]]
    rows: int = 0

    @classmethod
    def new(cls) -> Folder:
        return cls(cells={})

    def add(
        self,
        keys_values: Iterable[tuple[str, str]],
        dims: tuple[Any, ...],
        weight: float = 1.0,
        grains: tuple[int, ...] = STORED_GRAINS,
    ) -> None:
        self.rows += 1
        w2 = weight * weight
        cells = self.cells
        keyed = [(g, _grain_dims(g, dims)) for g in grains]
        for key, value in keys_values:
            for g, gd in keyed:
                ck = (g, key, value, *gd)
                acc = cells.get(ck)
                if acc is None:
                    cells[ck] = [1, weight, w2]
                else:
                    acc[0] += 1
                    acc[1] += weight
                    acc[2] += w2

    def minus(self, other: Folder) -> Folder:
        """This folder's counts less ``other``'s (an edited row: its new contribution less its old one)."""
        cells = {ck: list(acc) for ck, acc in self.cells.items()}
        for ck, acc in other.cells.items():
            mine = cells.setdefault(ck, [0, 0.0, 0.0])
            mine[0] -= acc[0]
            mine[1] -= acc[1]
            mine[2] -= acc[2]
        return Folder(cells={ck: acc for ck, acc in cells.items() if any(acc)}, rows=self.rows - other.rows)


def submission_contribution(
    *,
    form_id: int | None,
    target_group_id: int | None,
    country_code: str,
    city_id: int | None,
    gender: str,
    when: Any,
    data: Any,
    keys: frozenset[str],
) -> tuple[list[tuple[str, str]], tuple[Any, ...], float]:
    """What one submission adds to the cube: (key, value) pairs, its dimensions and its weight."""
    answers = flatten_answers(data)
    dims = (
        form_id or 0,
        target_group_id or 0,
        (country_code or norm_value(answers.get("country")) or "")[:2].upper(),
        city_id or 0,
        (gender or norm_value(answers.get("gender")) or "")[:20],
        (norm_value(answers.get("age_band")) or "")[:20],
        (norm_value(answers.get("legal_status")) or "")[:40],
        (norm_value(answers.get("sector")) or "")[:40],
        _month(when),
    )
    pairs: list[tuple[str, str]] = [(ALL, "")]
    for name in keys:
        raw = answers.get(name)
        if isinstance(raw, list):
            pairs.extend((name, v) for v in {norm_value(x) for x in raw} if v)
            continue
        value = norm_value(raw)
        if value is not None:
            pairs.append((name, value))
    return pairs, dims, _weight(answers)


def tracked_questions(campaign_id: int) -> frozenset[str]:
    """Question names folded in for a campaign: the built-in set and those its indicators name."""
    from kozomol.analytics.models import Indicator
    from kozomol.analytics.schema import IndicatorSpec

    names = set(BUILTIN_QUESTIONS)
    for raw in Indicator.objects.filter(campaign_id=campaign_id).values_list("spec", flat=True):
        try:
            spec = IndicatorSpec.model_validate(raw)
        except ValueError:
            continue
        if spec.source == "submissions":
            names.update(spec.questions)
    return frozenset(names)


# --- reading the sources ---------------------------------------------------------------------


def _iter_submissions(
    campaign_id: int,
    after_id: int,
    keys: frozenset[str],
    folder: Folder,
    upto: int | None = None,
) -> int:
    model = source_model("submissions")
    if model is None:
        return after_id
    qs = (
        _upto(model.objects.filter(campaign_id=campaign_id, pk__gt=after_id), upto)
        .exclude(status__in=EXCLUDED_STATUSES)
        .order_by()
        .values_list(
            "pk",
            "form_id",
            "target_group_id",
            "country_code",
            "city_id",
            "gender",
            "submitted_at",
            "received_at",
            "data",
        )
    )
    last = after_id
    for pk, form_id, tg, cc, city, gender, submitted, received, data in qs.iterator(chunk_size=5000):
        pairs, dims, weight = submission_contribution(
            form_id=form_id,
            target_group_id=tg,
            country_code=cc,
            city_id=city,
            gender=gender,
            when=submitted or received,
            data=data,
            keys=keys,
        )
        folder.add(pairs, dims, weight)
        last = max(last, pk)
    return last


def _upto(qs: Any, upto: int | None) -> Any:
    return qs if upto is None else qs.filter(pk__lte=upto)


def appeal_contribution(
    *,
    country_code: str,
    city_id: int | None,
    gender: str,
    when: Any,
    violations: Iterable[str],
    outcome: str = "",
) -> tuple[list[tuple[str, str]], tuple[Any, ...]]:
    dims = (
        0,
        0,
        (country_code or "")[:2].upper(),
        city_id or 0,
        (gender or "")[:20],
        "",
        "",
        "",
        _month(when),
    )
    pairs: list[tuple[str, str]] = [(ALL, "")]
    pairs.extend(("violation", v[:MAX_VALUE]) for v in sorted(set(violations)) if v)
    if outcome:
        pairs.append(("outcome", outcome[:MAX_VALUE]))
    return pairs, dims


APPEAL_GENDER = {"woman": "female", "man": "male", "unsaid": ""}


def _iter_appeals(campaign_id: int, after_id: int, folder: Folder, upto: int | None = None) -> int:
    """Appeals (``cases.Case``) received during the campaign's period.

    Appeals belong to no campaign: the internet reception runs all year. A
    campaign's dashboard counts those received between its start and end.
    """
    model = source_model("appeals")
    if model is None:
        return after_id
    from kozomol.campaigns.models import Campaign
    from kozomol.places.models import Location

    campaign = Campaign.objects.get(pk=campaign_id)
    country_of = dict(Location.objects.filter(kind=Location.Kind.COUNTRY).values_list("pk", "code"))
    qs = (
        _upto(model.objects.filter(pk__gt=after_id), upto)
        .filter(received_at__date__gte=campaign.period_start, received_at__date__lte=campaign.period_end)
        .order_by()
        .values_list("pk", "country_id", "city_id", "gender", "received_at", "violation_codes", "outcome")
    )
    last = after_id
    for pk, country_id, city_id, gender, received, codes, outcome in qs.iterator(chunk_size=5000):
        pairs, dims = appeal_contribution(
            country_code=country_of.get(country_id, ""),
            city_id=city_id,
            gender=APPEAL_GENDER.get(gender or "", gender or ""),
            when=received,
            violations=[str(c) for c in (codes or [])],
            outcome=outcome or "",
        )
        folder.add(pairs, dims)
        last = max(last, pk)
    return last


def _iter_passages(campaign_id: int, after_id: int, folder: Folder, upto: int | None = None) -> int:
    model = source_model("passages")
    if model is None:
        return after_id
    qs = (
        _upto(model.objects.filter(document__campaign_id=campaign_id, pk__gt=after_id), upto)
        .order_by()
        .values_list(
            "pk",
            "code__identifier",
            "document__target_group_id",
            "document__country_code",
            "document__city_id",
            "document__gender",
            "created_at",
        )
    )
    last = after_id
    for pk, identifier, tg, cc, city, gender, created in qs.iterator(chunk_size=5000):
        theme = (identifier or "").split(".", 1)[0]
        dims = (
            0,
            tg or 0,
            (cc or "")[:2].upper(),
            city or 0,
            (gender or "")[:20],
            "",
            "",
            "",
            _month(created),
        )
        folder.add(
            [(ALL, ""), ("code", theme[:MAX_VALUE]), ("subcode", (identifier or "")[:MAX_VALUE])], dims
        )
        last = max(last, pk)
    return last


# --- writing cells ---------------------------------------------------------------------------

_COLUMNS = ("campaign_id", "source", "grain", "key", "value", *DIMENSIONS, "n", "w", "w2")
STATISTICS_AFTER = 5000  # cells written at once after which the planner's statistics are refreshed


def cells_write(campaign_id: int, source: str, folder: Folder, *, add: bool = True) -> None:
    """Add the folded contributions to the cells (an upsert that sums), in batches."""
    if not folder.cells:
        return
    table = connection.ops.quote_name(Cell._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in _COLUMNS)
    unique = ", ".join(
        connection.ops.quote_name(c) for c in ("campaign_id", "source", "grain", "key", "value", *DIMENSIONS)
    )
    placeholders = ", ".join(["%s"] * len(_COLUMNS))
    sql = f"INSERT INTO {table} ({cols}) VALUES ({placeholders})"  # noqa: S608 - identifiers are ours
    if add:
        sql += (
            f" ON CONFLICT ({unique}) DO UPDATE SET n = {table}.n + excluded.n, "
            f"w = {table}.w + excluded.w, w2 = {table}.w2 + excluded.w2"
        )
    # Sorted by the unique key, so the rows of one question lie together on disk and a dashboard
    # query reads them sequentially.
    rows = [
        (campaign_id, source, *ck, int(acc[0]), float(acc[1]), float(acc[2]))
        for ck, acc in sorted(folder.cells.items(), key=lambda item: item[0])
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])
        if len(rows) >= STATISTICS_AFTER:
            # The planner chooses between the cell indexes by their statistics. Without them SQLite
            # guessed, and read a legal-status query on the full grain through the month index:
            # 0.8 s instead of 0.05 s at a million submissions. A large write (a rebuild, a bulk
            # import folded in, synthetic data) refreshes them; small ones leave the shape as it is.
            cursor.execute(f"ANALYZE {table}")


def _state(campaign_id: int, source: str) -> CubeState:
    state, _created = CubeState.objects.get_or_create(campaign_id=campaign_id, source=source)
    return state


def _read(
    source: str,
    campaign_id: int,
    after_id: int,
    keys: frozenset[str],
    folder: Folder,
    upto: int | None = None,
) -> int:
    if source == "submissions":
        return _iter_submissions(campaign_id, after_id, keys, folder, upto)
    if source == "appeals":
        return _iter_appeals(campaign_id, after_id, folder, upto)
    return _iter_passages(campaign_id, after_id, folder, upto)


@transaction.atomic
def cube_rebuild(campaign_id: int, source: str) -> CubeState:
    """Recount one source of one campaign from scratch."""
    state = CubeState.objects.select_for_update().filter(campaign_id=campaign_id, source=source).first()
    if state is None:
        state = _state(campaign_id, source)
    Cell.objects.filter(campaign_id=campaign_id, source=source).delete()
    keys = tracked_questions(campaign_id)
    folder = Folder.new()
    upto = _global_max_id(source)
    _read(source, campaign_id, 0, keys, folder, upto)
    cells_write(campaign_id, source, folder, add=False)
    state.last_id, state.rows, state.keys, state.dirty = (
        upto,
        folder.rows,
        sorted(keys | {CUBE_VERSION}),
        False,
    )
    state.built_at = timezone.now()
    state.save()
    return state


def _global_max_id(source: str) -> int:
    model = source_model(source)
    if model is None:
        return 0
    # MAX over the primary key is one B-tree descent on both databases.
    return int(model.objects.order_by().aggregate(m=Max("pk"))["m"] or 0)


def cube_sync(campaign_id: int, sources: Iterable[str] = SOURCES) -> None:
    """Bring the cube of a campaign up to date: fold in new rows, rebuild what edits made dirty."""
    states = {
        s.source: s for s in CubeState.objects.filter(campaign_id=campaign_id, source__in=list(sources))
    }
    keys: frozenset[str] | None = None
    for source in sources:
        state = states.get(source)
        if state is None or state.dirty or CUBE_VERSION not in state.keys:
            cube_rebuild(campaign_id, source)
            continue
        if source == "submissions":
            keys = keys if keys is not None else tracked_questions(campaign_id)
            if not keys <= set(state.keys):
                cube_rebuild(campaign_id, source)
                continue
        upto = _global_max_id(source)
        if upto <= state.last_id:
            continue
        with transaction.atomic():
            state = CubeState.objects.select_for_update().get(pk=state.pk)
            if upto <= state.last_id:
                continue
            folder = Folder.new()
            _read(source, campaign_id, state.last_id, frozenset(state.keys), folder, upto)
            cells_write(campaign_id, source, folder)
            # The global high-water mark: rows of other campaigns up to it are not ours to fold.
            state.last_id = upto
            state.rows += folder.rows
            state.save(update_fields=["last_id", "rows"])


def high_water(campaign_id: int, source: str) -> int:
    state = CubeState.objects.filter(campaign_id=campaign_id, source=source).first()
    return state.last_id if state else 0


def fold_in_generated(campaign_id: int, source: str, before: int, folder: Folder) -> None:
    """Add rows that were folded while they were written (synthetic data), if nothing else came in between.

    When other rows were added since ``before`` (another writer), nothing is added here and the next
    ``cube_sync`` reads the new rows from the table instead.
    """
    model = source_model(source)
    state = CubeState.objects.select_for_update().filter(campaign_id=campaign_id, source=source).first()
    if model is None or state is None or state.last_id != before:
        return
    new_rows = model.objects.filter(pk__gt=before)
    top = int(new_rows.aggregate(m=Max("pk"))["m"] or before)
    if new_rows.count() != folder.rows or new_rows.exclude(campaign_id=campaign_id).exists():
        return
    cells_write(campaign_id, source, folder)
    state.last_id, state.rows = top, state.rows + folder.rows
    state.save(update_fields=["last_id", "rows"])


def row_contributions(source: str, pk: Any) -> dict[int, Folder]:
    """What one source row, as the database holds it now, counts for in each campaign's cube.

    Only cubes that have already folded the row in (its id at or below their high-water mark,
    not awaiting a rebuild) are asked: a later row is folded in by ``cube_sync`` as it stands
    then, and a dirty cube recounts everything anyway.
    """
    if pk is None:
        return {}
    out: dict[int, Folder] = {}
    for state in CubeState.objects.filter(source=source, dirty=False, last_id__gte=pk):
        if CUBE_VERSION not in state.keys:
            continue
        folder = Folder.new()
        _read(source, state.campaign_id, int(pk) - 1, frozenset(state.keys), folder, int(pk))
        out[state.campaign_id] = folder
    return out


def apply_delta(source: str, before: dict[int, Folder], after: dict[int, Folder]) -> None:
    """Change the cells by one row's new contribution less its old one (an edit, or a deletion)."""
    for campaign_id in sorted(set(before) | set(after)):
        delta = after.get(campaign_id, Folder.new()).minus(before.get(campaign_id, Folder.new()))
        if not delta.cells:
            continue
        with transaction.atomic():
            state = (
                CubeState.objects.select_for_update().filter(campaign_id=campaign_id, source=source).first()
            )
            if state is None or state.dirty:
                continue  # nothing to correct: the next read recounts
            cells_write(campaign_id, source, delta)
            _drop_empty(campaign_id, source, [ck for ck, acc in delta.cells.items() if acc[0] < 0])
            state.rows += delta.rows
            state.save(update_fields=["rows"])


def _drop_empty(campaign_id: int, source: str, keys: list[CellKey]) -> None:
    """Remove cells a deletion or an edit emptied, so filters stop offering values nobody gave."""
    if not keys:
        return
    table = connection.ops.quote_name(Cell._meta.db_table)
    where = " AND ".join(
        f"{connection.ops.quote_name(c)} = %s"
        for c in ("campaign_id", "source", "grain", "key", "value", *DIMENSIONS)
    )
    sql = f"DELETE FROM {table} WHERE {where} AND n <= 0"  # noqa: S608 - identifiers are ours
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(campaign_id, source, *ck) for ck in keys])


def mark_dirty(campaign_id: int | None, source: str) -> None:
    qs = CubeState.objects.filter(source=source)
    if campaign_id is not None:
        qs = qs.filter(campaign_id=campaign_id)
    qs.update(dirty=True)
