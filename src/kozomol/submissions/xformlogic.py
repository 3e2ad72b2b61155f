"""XLSForm ``choice_filter`` (cascading selects), ``calculate`` and ``default`` for the web form, read from the form's XForm.

pyxform writes a choice filter into the XForm as a predicate on the list's
secondary instance — ``instance('city')/root/item[country = /data/country]``,
or ``current()/../country`` inside a repeat — and the list's extra columns as
child elements of each item. The stored XForm is what ODK Collect filters by,
so the web form reads the same document: each predicate is turned back into
the expression grammar of :mod:`kozomol.questionnaires.expressions`, with
``${question}`` for the answers it names and ``${@column}`` for the columns of
the choice being tested (``${@name}`` is the choice's own name). This works
for every stored form version, whatever schema it was imported with.

A predicate outside that grammar keeps every choice, as a relevance
expression it cannot read keeps its question: the server does not refuse an
answer it cannot judge.

Calculations come from the ``calculate`` attribute of the XForm's binds the
same way (pyxform writes ``${q}`` there as ``/data/q``, or ``../q`` inside a
repeat). A calculation outside the grammar is left out of the web form's
answers rather than guessed. Defaults are the texts pyxform puts in the
primary instance; a new web draft starts with them, as ODK Collect's blank
form does.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from kozomol.questionnaires.expressions import Unsupported, evaluate, tokenize, truthy
from kozomol.questionnaires.schema import FormSchema
from kozomol.submissions.xmldata import SubmissionXMLError, _local, parse_xml

_STRING = re.compile(r"'[^']*'|\"[^\"]*\"")
# current()/../x, current()/../../g/x, or an absolute /data/g/x
_RELATIVE = re.compile(r"current\(\)\s*((?:/\s*\.\.\s*)+)((?:/\s*[A-Za-z_][\w.\-]*\s*)+)")
# ../x, ../../g/x: relative to the node of a bind (a calculation inside a repeat)
_BIND_RELATIVE = re.compile(
    r"(?<![\w)\].])((?:\.\.\s*/\s*)+)([A-Za-z_][\w.\-]*(?:\s*/\s*[A-Za-z_][\w.\-]*)*)"
)
_ABSOLUTE = re.compile(r"(?<![\w)\].])\s*/\s*([A-Za-z_][\w.\-]*(?:\s*/\s*[A-Za-z_][\w.\-]*)*)")
_NODESET = re.compile(r"^\s*instance\(\s*'([^']+)'\s*\)\s*/\s*root\s*/\s*item\s*\[(.*)\]\s*$", re.S)
_KEYWORDS = frozenset({"and", "or", "div", "mod"})


@dataclass(frozen=True)
class ChoiceFilter:
    expression: str  # ${question name} for answers, ${@column} for the choice's columns
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # choice name → its columns

    def allows(self, choice: str, answer: Any) -> bool:
        """Whether ``choice`` passes, given ``answer(name)`` for the questions it names."""
        own = self.columns.get(choice, {})

        def resolve(name: str) -> Any:
            if name.startswith("@"):
                column = name[1:]
                return choice if column == "name" else own.get(column, "")
            return answer(name)

        return truthy(self.expression, resolve)


def _outside_strings(text: str, change: Any) -> str:
    """Apply ``change`` to the parts of ``text`` that are not string literals."""
    out, pos = [], 0
    for match in _STRING.finditer(text):
        out.append(change(text[pos : match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(change(text[pos:]))
    return "".join(out)


def translate(
    predicate: str, *, question_path: str, root: str, schema: FormSchema, columns: bool = True
) -> str:
    """An itemset predicate (``columns``) or a bind's expression of the XForm, in our grammar.

    In a predicate a bare name is a column of the choice; in a bind there are
    none, and ``../x`` is relative to the bind's node. Raises
    :class:`Unsupported` when it uses anything else (the caller then keeps
    every choice, or leaves the calculation out).
    """
    names = {q.path: q.name for q in schema.questions}

    def reference(path: str) -> str:
        name = names.get(path)
        if name is None:
            raise Unsupported(path)
        return "${" + name + "}"

    def paths(part: str) -> str:
        def relative(match: re.Match[str]) -> str:
            ups = match.group(1).count("..")
            steps = [s.strip() for s in match.group(2).split("/") if s.strip()]
            base = question_path.split("/")
            if ups > len(base):
                raise Unsupported(match.group(0))
            return " " + reference("/".join(base[: len(base) - ups] + steps)) + " "

        def absolute(match: re.Match[str]) -> str:
            steps = [s.strip() for s in match.group(1).split("/")]
            if steps[0] != root or len(steps) < 2:
                raise Unsupported(match.group(0))
            return " " + reference("/".join(steps[1:])) + " "

        def bind_relative(match: re.Match[str]) -> str:
            ups = match.group(1).count("..")
            steps = [s.strip() for s in match.group(2).split("/")]
            base = question_path.split("/")
            if ups > len(base):
                raise Unsupported(match.group(0))
            return " " + reference("/".join(base[: len(base) - ups] + steps)) + " "

        part = _RELATIVE.sub(relative, part)
        if not columns:
            part = _BIND_RELATIVE.sub(bind_relative, part)
        return _ABSOLUTE.sub(absolute, part)

    text = _outside_strings(predicate, paths)
    tokens = tokenize(text)
    out: list[str] = []
    for index, (kind, value) in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if kind == "name" and value not in _KEYWORDS and following != ("op", "("):
            if ":" in value or not columns:
                raise Unsupported(value)
            out.append("${@" + value + "}")
        elif kind == "dot":
            raise Unsupported(".")
        else:
            out.append(value)
    expression = " ".join(out)
    evaluate(expression, lambda _name: "")  # raises Unsupported now rather than on every choice
    return expression


def parse_choice_filters(xform_xml: str, schema: FormSchema) -> dict[str, ChoiceFilter]:
    """Question path → its filter, for the selects of ``xform_xml`` that have a choice filter."""
    try:
        document = parse_xml(xform_xml.encode("utf-8"))
    except SubmissionXMLError:
        return {}
    root_name = ""
    instances: dict[str, dict[str, dict[str, str]]] = {}
    for element in document.iter():
        if _local(element.tag) != "instance":
            continue
        instance_id = element.get("id")
        if not instance_id:
            if len(element) and not root_name:
                root_name = _local(element[0].tag)
            continue
        items: dict[str, dict[str, str]] = {}
        for holder in element:
            for item in holder:
                columns = {
                    _local(child.tag): (child.text or "").strip()
                    for child in item
                    if _local(child.tag) not in ("label", "itextId")
                }
                if columns.get("name"):
                    items[columns["name"]] = columns
        instances[instance_id] = items
    filters: dict[str, ChoiceFilter] = {}
    prefix = f"/{root_name}/"
    for element in document.iter():
        if _local(element.tag) not in ("select1", "select", "rank"):
            continue
        ref = element.get("ref") or ""
        itemset = next((child for child in element if _local(child.tag) == "itemset"), None)
        if itemset is None or not ref.startswith(prefix):
            continue
        match = _NODESET.match(itemset.get("nodeset") or "")
        if match is None:
            continue
        path = ref[len(prefix) :]
        try:
            expression = translate(match.group(2), question_path=path, root=root_name, schema=schema)
        except Unsupported:
            continue
        filters[path] = ChoiceFilter(expression=expression, columns=instances.get(match.group(1), {}))
    return filters


def parse_calculations(xform_xml: str, schema: FormSchema) -> dict[str, str]:
    """Question path → its calculation in our grammar, for the ``calculate`` questions of ``xform_xml``."""
    try:
        document = parse_xml(xform_xml.encode("utf-8"))
    except SubmissionXMLError:
        return {}
    root_name = next(
        (
            _local(element[0].tag)
            for element in document.iter()
            if _local(element.tag) == "instance" and not element.get("id") and len(element)
        ),
        "",
    )
    calculates = {q.path for q in schema.questions if q.type == "calculate"}
    prefix = f"/{root_name}/"
    found: dict[str, str] = {}
    for element in document.iter():
        nodeset = element.get("nodeset") or ""
        calculation = element.get("calculate")
        if _local(element.tag) != "bind" or not calculation or not nodeset.startswith(prefix):
            continue
        path = nodeset[len(prefix) :]
        if path not in calculates:
            continue
        try:
            found[path] = translate(
                calculation, question_path=path, root=root_name, schema=schema, columns=False
            )
        except Unsupported:
            continue
    return found


def parse_defaults(xform_xml: str, schema: FormSchema, *, in_repeats: bool = False) -> dict[str, Any]:
    """Question path → its XLSForm ``default`` (the primary instance's text), for a new web draft.

    Questions outside repeats; with ``in_repeats``, questions inside repeats instead (read from
    each repeat's first element, its template), for each item a monitor adds. A select_multiple's
    default is a list of choice names.
    """
    try:
        document = parse_xml(xform_xml.encode("utf-8"))
    except SubmissionXMLError:
        return {}
    primary = next(
        (
            element[0]
            for element in document.iter()
            if _local(element.tag) == "instance" and not element.get("id") and len(element)
        ),
        None,
    )
    if primary is None:
        return {}
    questions = {
        q.path: q
        for q in schema.questions
        if (q.repeat is not None) == in_repeats and q.type not in ("calculate", "note")
    }
    repeats = {g.path for g in schema.groups if g.repeat}
    defaults: dict[str, Any] = {}
    seen: set[str] = set()

    def walk(node: Any, prefix: str) -> None:
        for child in node:
            path = prefix + _local(child.tag)
            if len(child):
                if path == "meta" or path in seen:
                    continue
                if path in repeats:
                    if not in_repeats:
                        continue
                    seen.add(path)  # the template comes first; later elements are items
                walk(child, path + "/")
                continue
            text = (child.text or "").strip()
            question = questions.get(path)
            if question is not None and text:
                defaults[path] = text.split() if question.type == "select_multiple" else text

    walk(primary, "")
    return defaults


@dataclass(frozen=True)
class FormLogic:
    """What the web form reads from a version's XForm beyond the schema."""

    filters: dict[str, ChoiceFilter]
    calculations: dict[str, str]
    defaults: dict[str, Any] = field(default_factory=dict)
    item_defaults: dict[str, Any] = field(default_factory=dict)  # inside repeats, for each new item


_LOGIC: dict[tuple[int, str], FormLogic] = {}
_CACHE_LOCK = threading.Lock()


def form_logic(form_version: Any) -> FormLogic:
    """The choice filters and calculations of a stored form version (parsed once per process)."""
    key = (form_version.pk, form_version.md5)
    with _CACHE_LOCK:
        hit = _LOGIC.get(key)
    if hit is None:
        xform, schema = form_version.xform_xml or "", form_version.parsed
        hit = FormLogic(
            parse_choice_filters(xform, schema),
            parse_calculations(xform, schema),
            parse_defaults(xform, schema),
            parse_defaults(xform, schema, in_repeats=True),
        )
        with _CACHE_LOCK:
            if len(_LOGIC) > 256:
                _LOGIC.clear()
            _LOGIC[key] = hit
    return hit
