"""Submission XML ⇄ answers, parsed safely.

``Submission.data`` keys answers by the question's path below the instance
root (``"profile/country"``). A repeat is a list of dicts under the repeat's
path; inside each item the keys are full paths too (``{"member": [{"member/name":
"Айбек"}]}``), as KoboToolbox's JSON does. Values are the strings of the XML
(select_multiple: choice names separated by spaces). ``meta/*`` is not part
of the answers: the instanceID lives in ``Submission.instance_id``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405  (only to build XML; parsing is defusedxml's)
from dataclasses import dataclass, field
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext_noop

from kozomol.questionnaires.schema import FormSchema

MAX_XML_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_ELEMENTS = 200_000

ERR_XML_TOO_BIG = gettext_noop("The submission XML is larger than 10 MB.")
ERR_XML_FORBIDDEN = gettext_noop(
    "The submission XML declares a DTD or entities, which are not accepted (%(detail)s)."
)
ERR_XML_MALFORMED = gettext_noop("The submission XML is not well-formed: %(detail)s")
ERR_XML_TOO_DEEP = gettext_noop("The submission XML is nested too deeply or has too many elements.")
ERR_XML_NO_FORM_ID = gettext_noop("The submission XML names no form (the root element has no id attribute).")
ERR_XML_NO_INSTANCE_ID = gettext_noop("The submission XML has no meta/instanceID.")

JR_TEMPLATE = "{http://openrosa.org/javarosa}template"


class SubmissionXMLError(ValueError):
    """A submission document that cannot be accepted; ``str()`` is the reason."""


@dataclass
class ParsedSubmission:
    form_id: str
    version: str
    instance_id: str
    deprecated_id: str = ""
    instance_name: str = ""
    root_name: str = "data"
    data: dict[str, Any] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # attachment names the answers refer to


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag


def parse_xml(raw: bytes) -> ET.Element:
    """Parse with no DTD, no entities, no external references and bounded size/depth."""
    from django.utils.translation import gettext as _

    if len(raw) > MAX_XML_BYTES:
        raise SubmissionXMLError(_(ERR_XML_TOO_BIG))
    try:
        root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise SubmissionXMLError(_(ERR_XML_FORBIDDEN) % {"detail": type(exc).__name__}) from exc
    except ET.ParseError as exc:
        raise SubmissionXMLError(_(ERR_XML_MALFORMED) % {"detail": str(exc)}) from exc
    except (ValueError, UnicodeError) as exc:
        raise SubmissionXMLError(_(ERR_XML_MALFORMED) % {"detail": str(exc)}) from exc
    count = 0
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_ELEMENTS:
            raise SubmissionXMLError(_(ERR_XML_TOO_DEEP))
        stack.extend((child, depth + 1) for child in node)
    return root


def parse_submission(raw: bytes, schema_for: Any = None) -> ParsedSubmission:
    """Read the header fields and, given ``schema_for(form_id, version) -> FormSchema | None``, the answers."""
    from django.utils.translation import gettext as _

    root = parse_xml(raw)
    form_id = (root.get("id") or "").strip()
    if not form_id:
        raise SubmissionXMLError(_(ERR_XML_NO_FORM_ID))
    version = (root.get("version") or "").strip()
    meta = {}
    for child in root:
        if _local(child.tag) == "meta":
            meta = {_local(m.tag): (m.text or "").strip() for m in child}
    instance_id = meta.get("instanceID", "")
    if not instance_id:
        raise SubmissionXMLError(_(ERR_XML_NO_INSTANCE_ID))
    schema = schema_for(form_id, version) if schema_for is not None else None
    data, files = element_data(root, schema)
    return ParsedSubmission(
        form_id=form_id,
        version=version,
        instance_id=instance_id[:100],
        deprecated_id=meta.get("deprecatedID", "")[:100],
        instance_name=meta.get("instanceName", ""),
        root_name=_local(root.tag),
        data=data,
        files=files,
    )


def element_data(root: ET.Element, schema: FormSchema | None) -> tuple[dict[str, Any], list[str]]:
    repeats = {g.path for g in schema.groups if g.repeat} if schema else set()
    file_paths = {q.path for q in schema.questions if q.is_file} if schema else set()
    files: list[str] = []

    def walk(node: ET.Element, prefix: str, out: dict[str, Any]) -> None:
        seen: dict[str, int] = {}
        for child in node:
            seen[_local(child.tag)] = seen.get(_local(child.tag), 0) + 1
        for child in node:
            name = _local(child.tag)
            if not prefix and name == "meta":
                continue
            if child.get(JR_TEMPLATE) is not None:
                continue
            path = f"{prefix}{name}"
            if path in repeats or seen[name] > 1:
                item: dict[str, Any] = {}
                walk(child, path + "/", item)
                out.setdefault(path, []).append(item)
            elif len(child):
                walk(child, path + "/", out)
            else:
                value = (child.text or "").strip()
                out[path] = value
                if path in file_paths and value:
                    files.append(value)

    data: dict[str, Any] = {}
    walk(root, "", data)
    return data, files


def build_xml(
    *,
    schema: FormSchema,
    root_name: str,
    data: dict[str, Any],
    instance_id: str,
    deprecated_id: str = "",
    declared_version: bool = True,
) -> str:
    """The submission XML of web-form answers, shaped like ODK Collect's."""
    root = ET.Element(root_name, {"id": schema.form_id})
    if declared_version:
        root.set("version", schema.version)
    nodes: dict[str, ET.Element] = {"": root}

    def parent_for(path: str, base: ET.Element, base_path: str) -> ET.Element:
        parts = path[len(base_path) :].split("/")[:-1] if base_path else path.split("/")[:-1]
        node = base
        current = base_path.rstrip("/")
        for part in parts:
            current = f"{current}/{part}" if current else part
            key = f"{id(base)}:{current}"
            if key not in nodes:
                nodes[key] = ET.SubElement(node, part)
            node = nodes[key]
        return node

    def emit(values: dict[str, Any], base: ET.Element, base_path: str) -> None:
        for path, value in values.items():
            if isinstance(value, list):
                holder = parent_for(path, base, base_path)
                for item in value:
                    element = ET.SubElement(holder, path.rsplit("/", 1)[-1])
                    emit(item if isinstance(item, dict) else {}, element, path + "/")
            else:
                element = ET.SubElement(parent_for(path, base, base_path), path.rsplit("/", 1)[-1])
                element.text = "" if value is None else str(value)

    emit(data, root, "")
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "instanceID").text = instance_id
    if deprecated_id:
        ET.SubElement(meta, "deprecatedID").text = deprecated_id
    return ET.tostring(root, encoding="unicode")
