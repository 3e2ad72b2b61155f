"""The questionnaire as a web page: the schema rendered, answers kept, checked and turned into data.

Answers of a draft are a flat dict keyed by *instance keys*: the question's
path with an index after every repeat (``"member[0]/name"``); the number of
items of a repeat is kept under ``"count:member"`` (``"count:member[0]/child"``
for nested ones). :func:`to_data` turns them into ``Submission.data``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.questionnaires.expressions import Unsupported, evaluate, references, truthy
from kozomol.questionnaires.media import file_lists, schema_with_file_choices
from kozomol.questionnaires.schema import META_TYPES, FormSchema, Question, pick_label
from kozomol.submissions.xformlogic import ChoiceFilter

ERR_REQUIRED = gettext_noop("This answer is required.")
ERR_CONSTRAINT = gettext_noop("This answer is not allowed.")
ERR_INTEGER = gettext_noop("Enter a whole number.")
ERR_DECIMAL = gettext_noop("Enter a number.")
ERR_DATE = gettext_noop("Enter a date as YYYY-MM-DD.")
ERR_TIME = gettext_noop("Enter a time as HH:MM.")
ERR_DATETIME = gettext_noop("Enter a date and time.")
ERR_CHOICE = gettext_noop("Choose one of the options.")

HIDDEN_TYPES = frozenset({"calculate", "hidden", "xml-external", "csv-external"}) | META_TYPES
INPUT_TYPES = {
    "integer": "number",
    "decimal": "number",
    "date": "date",
    "time": "time",
    "dateTime": "datetime-local",
}
FILE_ACCEPT = {"image": "image/*", "audio": "audio/*", "video": "video/*", "file": ""}
MAX_REPEAT_ITEMS = 200


def language_matches(key: str, code: str) -> bool:
    key_l = key.lower()
    return key_l == code.lower() or key_l.endswith(f"({code.lower()})")


def choose_language(schema: FormSchema, wanted: str, interface: str) -> str:
    for candidate in (wanted, interface):
        if not candidate:
            continue
        for lang in schema.languages:
            if lang == candidate or language_matches(lang, candidate):
                return lang
    return (
        schema.default_language
        if schema.default_language in schema.languages
        else (schema.languages[0] if schema.languages else "default")
    )


def language_label(key: str) -> str:
    return _("Default") if key == "default" else key


# --- the schema the page shows -------------------------------------------------

_WEB_FORMS: dict[tuple[int, tuple[tuple[int, str], ...]], tuple[FormSchema, dict[str, ChoiceFilter]]] = {}


def web_form(version: Any) -> tuple[FormSchema, dict[str, ChoiceFilter]]:
    """A form version's schema and choice filters as the page uses them.

    A select_one_from_file list gets the choices of its uploaded CSV, and a choice_filter on it
    the CSV's other columns. Kept per version and set of files (by their hashes), so a large
    list is read once per process.
    """
    from kozomol.submissions.xformlogic import form_logic

    schema: FormSchema = version.parsed
    filters = form_logic(version).filters
    lists = {q.list_name for q in schema.questions if q.list_name and q.list_name.lower().endswith(".csv")}
    if not lists:
        return schema, filters
    files = list(version.media_files.filter(name__in=lists).only("pk", "name", "md5", "file"))
    key = (version.pk, tuple(sorted((f.pk, f.md5) for f in files)))
    cached = _WEB_FORMS.get(key)
    if cached is None:
        contents = {}
        for media in files:
            with media.file.open("rb") as handle:
                contents[media.name] = handle.read()
        columns = {name: cols for name, (_choices, cols) in file_lists(schema, contents).items()}
        with_files = dict(filters)
        for question in schema.questions:
            found = filters.get(question.path)
            if found is not None and question.list_name in columns:
                with_files[question.path] = ChoiceFilter(found.expression, columns[question.list_name])
        cached = (schema_with_file_choices(schema, contents), with_files)
        if len(_WEB_FORMS) > 64:
            _WEB_FORMS.clear()
        _WEB_FORMS[key] = cached
    return cached


def web_schema(version: Any) -> FormSchema:
    return web_form(version)[0]


# --- instance keys -------------------------------------------------------------


def _repeat_chain(schema: FormSchema, path: str) -> list[str]:
    """Repeat paths that enclose ``path`` (outermost first)."""
    repeats = sorted((g.path for g in schema.groups if g.repeat), key=len)
    return [r for r in repeats if path == r or path.startswith(r + "/")]


def instance_key(path: str, chain: list[str], indices: list[int]) -> str:
    """``member/child/x`` with chain [member, member/child] and indices [0, 1] → ``member[0]/child[1]/x``."""
    key = path
    for repeat, index in sorted(zip(chain, indices, strict=False), key=lambda p: -len(p[0])):
        key = key[: len(repeat)] + f"[{index}]" + key[len(repeat) :]
    return key


def count_key(repeat_path: str, chain: list[str], indices: list[int]) -> str:
    outer = [r for r in chain if r != repeat_path]
    return "count:" + instance_key(repeat_path, outer, indices[: len(outer)])


# --- the render tree -----------------------------------------------------------


@dataclass
class Node:
    kind: str  # "question", "group", "repeat", "item", "calculate" (computed, not shown)
    key: str = ""
    label: str = ""
    hint: str = ""
    question: Question | None = None
    children: list[Node] = field(default_factory=list)
    value: Any = None
    error: str = ""
    relevant: bool = True
    relevant_expr: str = ""  # with ${name} replaced by ${instance key}
    constraint_expr: str = ""
    input_type: str = ""
    choices: list[dict[str, Any]] = field(default_factory=list)  # name, label, hidden, columns (JSON)
    choice_filter: str = ""  # the choice_filter with ${name} replaced by ${instance key}
    calculation: str = ""  # a calculate's expression, likewise rewritten
    label_template: str = ""  # a label that names answers (${name}), rewritten, for the page's script
    count: int = 0
    count_key: str = ""
    count_fixed: bool = False  # a repeat_count decides the number of items, not the monitor
    file_name: str = ""
    required: bool = False
    accept: str = ""
    step: str = ""

    @property
    def dom_id(self) -> str:
        return "q-" + re.sub(r"[^A-Za-z0-9_-]", "-", self.key)

    @property
    def type(self) -> str:
        return self.question.type if self.question is not None else self.kind


class Context:
    """Values and scoping of one rendering or check."""

    def __init__(self, schema: FormSchema, values: dict[str, Any]) -> None:
        self.schema = schema
        self.values = values
        self.by_name: dict[str, Question] = {}
        for question in schema.questions:
            self.by_name.setdefault(question.name, question)
        self.chains = {q.path: _repeat_chain(schema, q.path) for q in schema.questions}
        self.group_chains = {g.path: _repeat_chain(schema, g.path) for g in schema.groups}

    def key_for_name(self, name: str, chain: list[str], indices: list[int]) -> str | None:
        question = self.by_name.get(name)
        if question is None:
            return None
        own = self.chains.get(question.path, [])
        # A reference resolves inside the same repeat item, as ODK does for ${...}.
        shared = [r for r in own if r in chain]
        return instance_key(question.path, shared, indices[: len(shared)])

    def resolve_in(self, chain: list[str], indices: list[int]) -> Any:
        def resolve(name: str) -> Any:
            key = self.key_for_name(name, chain, indices)
            if key is None:
                return None
            return self.values.get(key)

        return resolve

    def rewrite(self, expression: str, chain: list[str], indices: list[int]) -> str:
        if not expression:
            return ""

        def sub(match: re.Match[str]) -> str:
            key = self.key_for_name(match.group(1).strip(), chain, indices)
            return "${" + (key or match.group(1)) + "}"

        return re.sub(r"\$\{([^}]+)\}", sub, expression)


def build_tree(
    schema: FormSchema,
    values: dict[str, Any],
    *,
    language: str,
    errors: dict[str, str] | None = None,
    files: dict[str, str] | None = None,
    filters: dict[str, ChoiceFilter] | None = None,
    calculations: dict[str, str] | None = None,
) -> list[Node]:
    """The page's nodes.

    ``filters`` (question path → choice filter) hide the choices a filter
    excludes; ``calculations`` (question path → expression) are computed in
    the order of the form, so relevance and later calculations see them.
    """
    values = dict(values)  # calculated values are added; the caller's answers stay as they are
    ctx = Context(schema, values)
    errors = errors or {}
    files = files or {}
    filters = filters or {}
    calculations = calculations or {}
    groups = {g.path: g for g in schema.groups}
    default = schema.default_language

    group_paths = list(groups)

    def parent_group(path: str) -> str | None:
        enclosing = [g for g in group_paths if path.startswith(g + "/")]
        return max(enclosing, key=len) if enclosing else None

    group_parent = {g: parent_group(g) for g in group_paths}
    first_index: dict[str, int] = {}
    for index, question in enumerate(schema.questions):
        for g in group_paths:
            if question.path.startswith(g + "/"):
                first_index.setdefault(g, index)

    def children_of(parent: str | None) -> list[tuple[str, Any]]:
        items: list[tuple[int, str, Any]] = [
            (i, "q", q) for i, q in enumerate(schema.questions) if q.group == parent
        ]
        items += [
            (first_index[g], "g", groups[g])
            for g in group_paths
            if group_parent[g] == parent and g in first_index
        ]
        items.sort(key=lambda item: item[0])
        return [(kind, obj) for _i, kind, obj in items]

    def build(parent: str | None, chain: list[str], indices: list[int]) -> list[Node]:
        nodes: list[Node] = []
        resolve = ctx.resolve_in(chain, indices)
        for kind, item in children_of(parent):
            if kind == "q":
                question: Question = item
                if question.type == "calculate" and question.path in calculations:
                    nodes.append(
                        _calculate(question, calculations[question.path], chain, indices, ctx, resolve)
                    )
                    continue
                if question.type in HIDDEN_TYPES:
                    continue
                key = instance_key(question.path, chain, indices)
                label = pick_label(question.labels, language, default) or question.name
                node = Node(
                    kind="question",
                    key=key,
                    label=_interpolate(label, resolve),
                    label_template=ctx.rewrite(label, chain, indices) if "${" in label else "",
                    hint=pick_label(question.hints, language, default),
                    question=question,
                    value=values.get(key, [] if question.type == "select_multiple" else ""),
                    error=errors.get(key, ""),
                    relevant=truthy(question.relevant, resolve),
                    relevant_expr=ctx.rewrite(question.relevant, chain, indices),
                    required=is_required(question, resolve),
                    input_type=INPUT_TYPES.get(question.type, "text"),
                    step="1" if question.type == "integer" else ("any" if question.type == "decimal" else ""),
                    accept=FILE_ACCEPT.get(question.type, ""),
                    file_name=files.get(key, ""),
                )
                if question.is_select and question.list_name:
                    node.choices = [
                        {"name": c.name, "label": pick_label(c.labels, language, default) or c.name}
                        for c in schema.choices.get(question.list_name, [])
                    ]
                    choice_filter = filters.get(question.path)
                    if choice_filter is not None:
                        _apply_filter(
                            node,
                            choice_filter,
                            ctx.rewrite(choice_filter.expression, chain, indices),
                            resolve,
                        )
                nodes.append(node)
                continue
            group = item
            label = pick_label(group.labels, language, default)
            relevant = truthy(group.relevant, resolve)
            if group.repeat:
                new_chain = [*chain, group.path]
                ckey = count_key(group.path, new_chain, indices)
                count = _count(values.get(ckey))
                fixed = False
                if group.count:
                    # repeat_count: the form decides how many items, from the answers so far.
                    try:
                        count = _count(evaluate(group.count, resolve))
                    except Unsupported:
                        pass  # an expression this evaluator cannot read: the monitor adds items
                    else:
                        values[ckey] = str(count)
                        fixed = True
                repeat = Node(
                    kind="repeat",
                    key=instance_key(group.path, chain, indices),
                    label=label,
                    count=count,
                    count_key=ckey,
                    count_fixed=fixed,
                    relevant=relevant,
                    relevant_expr=ctx.rewrite(group.relevant, chain, indices),
                )
                for index in range(count):
                    repeat.children.append(
                        Node(
                            kind="item",
                            key=f"{repeat.key}[{index}]",
                            label=f"{label} {index + 1}".strip(),
                            children=build(group.path, new_chain, [*indices, index]),
                        )
                    )
                nodes.append(repeat)
            else:
                nodes.append(
                    Node(
                        kind="group",
                        key=instance_key(group.path, chain, indices),
                        label=label,
                        relevant=relevant,
                        relevant_expr=ctx.rewrite(group.relevant, chain, indices),
                        children=build(group.path, chain, indices),
                    )
                )
        return nodes

    return build(None, [], [])


def _calculate(
    question: Question, expression: str, chain: list[str], indices: list[int], ctx: Context, resolve: Any
) -> Node:
    key = instance_key(question.path, chain, indices)
    try:
        value = _text(evaluate(expression, resolve))
    except Unsupported:
        value = ""
    ctx.values[key] = value
    return Node(
        kind="calculate",
        key=key,
        question=question,
        value=value,
        relevant=truthy(question.relevant, resolve),
        relevant_expr=ctx.rewrite(question.relevant, chain, indices),
        calculation=ctx.rewrite(expression, chain, indices),
    )


def _interpolate(label: str, resolve: Any) -> str:
    """A label with the answers it names (``${name}``) filled in, as ODK Collect shows it."""
    if "${" not in label:
        return label
    return re.sub(r"\$\{([^}]+)\}", lambda match: _text(resolve(match.group(1).strip())), label)


def _calculated(nodes: list[Node]) -> dict[str, Any]:
    """Instance key → value of every calculation in the tree."""
    found: dict[str, Any] = {}
    for node in nodes:
        if node.kind == "calculate":
            found[node.key] = node.value
        found.update(_calculated(node.children))
    return found


def _text(value: Any) -> str:
    """A computed value as the XML text ODK Collect would write."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _apply_filter(node: Node, choice_filter: ChoiceFilter, expression: str, resolve: Any) -> None:
    """Mark the choices the filter excludes for these answers; the page's script re-checks as they change."""
    node.choice_filter = expression
    for choice in node.choices:
        choice["hidden"] = not choice_filter.allows(choice["name"], resolve)
        choice["columns"] = json.dumps(choice_filter.columns.get(choice["name"], {}), ensure_ascii=False)


def _count(raw: Any) -> int:
    try:
        return max(0, min(MAX_REPEAT_ITEMS, int(raw)))
    except (TypeError, ValueError):
        return 0


def resize_repeat(
    schema: FormSchema, values: dict[str, Any], action: str, item_defaults: dict[str, Any]
) -> None:
    """Carry out a page's ``add:<count key>`` or ``remove:<count key>`` on ``values``.

    A new item starts with the XLSForm defaults of its questions, as in ODK Collect.
    """
    op, _sep, key = action.partition(":")
    if op not in ("add", "remove") or not key.startswith("count:"):
        return
    current = _count(values.get(key))
    values[key] = str(_count(current + (1 if op == "add" else -1)))
    if op != "add" or int(values[key]) == current:
        return
    item = key.removeprefix("count:")  # "member[0]/child": the repeat with its outer items
    repeat_path = re.sub(r"\[\d+\]", "", item)
    outer = [int(i) for i in re.findall(r"\[(\d+)\]", item)]
    for question in schema.questions:
        if question.repeat == repeat_path and question.path in item_defaults:
            chain = _repeat_chain(schema, question.path)
            values[instance_key(question.path, chain, [*outer, current])] = item_defaults[question.path]


# --- reading a posted page ------------------------------------------------------


def values_from_post(schema: FormSchema, post: Any, previous: dict[str, Any]) -> dict[str, Any]:
    """The flat answers of a posted page (``v:<key>`` fields, ``count:<repeat>`` counts)."""
    values: dict[str, Any] = {}
    multi = {q.path for q in schema.questions if q.type == "select_multiple"}
    for name in post:
        if name.startswith("count:"):
            values[name] = str(_count(post.get(name)))
    for name in post:
        if not name.startswith("v:"):
            continue
        key = name[2:]
        path = re.sub(r"\[\d+\]", "", key)
        if path in multi:
            values[key] = [v for v in post.getlist(name) if v]
        else:
            values[key] = post.get(name, "")
    # Select-multiple with nothing ticked sends nothing: mark it via the marker field.
    for name in post:
        if name.startswith("m:"):
            values.setdefault(name[2:], [])
    # File questions keep the name of the stored file.
    for key, value in previous.items():
        if key.startswith("file:"):
            values.setdefault(key, value)
    return values


# --- checking and turning into data ------------------------------------------------


def check(
    schema: FormSchema,
    values: dict[str, Any],
    *,
    language: str,
    files: dict[str, str],
    filters: dict[str, ChoiceFilter] | None = None,
    calculations: dict[str, str] | None = None,
) -> dict[str, str]:
    """Errors by instance key for the relevant questions (required, type, choice filter, constraint)."""
    errors: dict[str, str] = {}
    tree = build_tree(
        schema, values, language=language, files=files, filters=filters, calculations=calculations
    )
    default = schema.default_language
    ctx = Context(schema, {**values, **_calculated(tree)})  # constraints may name a calculation

    def visit(nodes: list[Node], chain: list[str], indices: list[int], relevant: bool) -> None:
        for node in nodes:
            if node.kind in ("group", "repeat"):
                visit(node.children, chain, indices, relevant and node.relevant)
                continue
            if node.kind == "item":
                visit(node.children, chain, indices, relevant)
                continue
            if node.kind == "calculate":
                continue
            question = node.question
            assert question is not None
            if not (relevant and node.relevant) or question.type in ("note", "acknowledge"):
                continue
            value = node.value
            empty = value in ("", None, []) and not (question.is_file and files.get(node.key))
            own_chain = ctx.chains.get(question.path, [])
            resolve = ctx.resolve_in(own_chain, [int(i) for i in re.findall(r"\[(\d+)\]", node.key)])
            if empty:
                if is_required(question, resolve):
                    errors[node.key] = pick_label(question.required_message, language, default) or _(
                        ERR_REQUIRED
                    )
                continue
            problem = _type_problem(question, value, schema)
            if not problem and node.choice_filter:
                # A choice the filter excludes now (the country changed after the city was chosen).
                shown = {c["name"] for c in node.choices if not c.get("hidden")}
                if any(v not in shown for v in (value if isinstance(value, list) else [value])):
                    problem = _(ERR_CHOICE)
            if problem:
                errors[node.key] = problem
                continue
            if question.constraint:
                current: Any = value
                if question.type in ("integer", "decimal"):
                    current = float(value)
                if not truthy(question.constraint, resolve, current):
                    errors[node.key] = pick_label(question.constraint_message, language, default) or _(
                        ERR_CONSTRAINT
                    )

    visit(tree, [], [], True)
    return errors


def is_required(question: Question, resolve: Any) -> bool:
    """Required outright, or by its expression on the answers so far (an unreadable one: not)."""
    return question.required or truthy(question.required_if, resolve, default=False)


def _type_problem(question: Question, value: Any, schema: FormSchema) -> str:
    text = value if isinstance(value, str) else ""
    if question.type == "integer":
        if not re.fullmatch(r"-?\d+", text.strip()):
            return _(ERR_INTEGER)
    elif question.type == "decimal":
        try:
            Decimal(text.strip())
        except InvalidOperation:
            return _(ERR_DECIMAL)
    elif question.type == "date":
        try:
            dt.date.fromisoformat(text.strip())
        except ValueError:
            return _(ERR_DATE)
    elif question.type == "time":
        if not re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", text.strip()):
            return _(ERR_TIME)
    elif question.type == "dateTime":
        try:
            dt.datetime.fromisoformat(text.strip())
        except ValueError:
            return _(ERR_DATETIME)
    elif question.is_select and question.list_name and question.list_name in schema.choices:
        names = {c.name for c in schema.choices[question.list_name]}
        chosen = value if isinstance(value, list) else [value]
        if any(v not in names for v in chosen):
            return _(ERR_CHOICE)
    return ""


def to_data(
    schema: FormSchema,
    values: dict[str, Any],
    *,
    language: str,
    files: dict[str, str],
    started: dt.datetime | None = None,
    ended: dt.datetime | None = None,
    calculations: dict[str, str] | None = None,
) -> dict[str, Any]:
    """``Submission.data`` of the relevant answers and calculations (repeats as lists of dicts, full paths inside)."""
    tree = build_tree(schema, values, language=language, files=files, calculations=calculations)
    data: dict[str, Any] = {}

    def put(nodes: list[Node], out: dict[str, Any], relevant: bool) -> None:
        for node in nodes:
            if node.kind == "group":
                put(node.children, out, relevant and node.relevant)
            elif node.kind == "repeat":
                if not (relevant and node.relevant):
                    continue
                path = re.sub(r"\[\d+\]", "", node.key)
                items = []
                for item in node.children:
                    item_data: dict[str, Any] = {}
                    put(item.children, item_data, True)
                    items.append(item_data)
                if items:
                    out[path] = items
            elif node.kind == "calculate" and node.question is not None:
                if relevant and node.relevant and node.value not in ("", None):
                    out[node.question.path] = node.value
            elif node.kind == "question" and node.question is not None:
                question = node.question
                if question.type in ("note",) or not (relevant and node.relevant):
                    continue
                value = node.value
                if question.is_file:
                    value = files.get(node.key, "")
                if isinstance(value, list):
                    value = " ".join(value)
                if question.type == "acknowledge":
                    value = "OK" if value else ""
                if value in ("", None):
                    continue
                out[question.path] = str(value).strip() if isinstance(value, str) else value

    put(tree, data, True)
    for question in schema.questions:
        if question.repeat is None and question.type in ("start", "end", "today"):
            moment = {"start": started, "end": ended, "today": ended}[question.type]
            if moment is not None:
                data[question.path] = (
                    moment.date().isoformat() if question.type == "today" else moment.isoformat()
                )
    return data


def from_data(schema: FormSchema, data: dict[str, Any]) -> dict[str, Any]:
    """Flat answers of ``Submission.data`` for the review edit page (the inverse of :func:`to_data`)."""
    values: dict[str, Any] = {}
    multi = {q.path for q in schema.questions if q.type == "select_multiple"}
    repeats = {g.path for g in schema.groups if g.repeat}

    def walk(source: dict[str, Any], chain: list[str], indices: list[int]) -> None:
        for path, value in source.items():
            if isinstance(value, list) and path in repeats:
                new_chain = [*chain, path]
                values[count_key(path, new_chain, indices)] = str(len(value))
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        walk(item, new_chain, [*indices, index])
                continue
            key = instance_key(path, chain, indices)
            values[key] = str(value).split() if path in multi else value

    walk(data, [], [])
    return values


__all__ = [
    "Node",
    "build_tree",
    "check",
    "choose_language",
    "from_data",
    "references",
    "to_data",
    "values_from_post",
]
