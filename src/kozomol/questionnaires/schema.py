"""The parsed questionnaire stored in ``FormVersion.schema``, validated by pydantic.

Other apps (imports, exports, analytics, the web form) read questionnaires only
through :class:`FormSchema`. Paths are XML paths below the instance root,
e.g. ``"profile/country"``; repeats are identified by their path too.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

# pyxform types that carry no answer of their own.
NON_ANSWER_TYPES = frozenset({"note"})
# pyxform types whose answer is a file sent as an attachment.
FILE_TYPES = frozenset({"image", "audio", "video", "file", "background-audio"})
# Metadata that pyxform adds or the XLSForm declares (start, end, deviceid, ...).
META_TYPES = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "start-geopoint",
        "background-geopoint",
    }
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Choice(_Strict):
    name: str
    labels: dict[str, str] = Field(default_factory=dict)


class Question(_Strict):
    name: str
    path: str
    type: str
    list_name: str | None = None
    labels: dict[str, str] = Field(default_factory=dict)
    hints: dict[str, str] = Field(default_factory=dict)
    required: bool = False
    required_if: str = ""  # when XLSForm's required column holds an expression rather than yes
    required_message: dict[str, str] = Field(default_factory=dict)
    relevant: str = ""
    constraint: str = ""
    constraint_message: dict[str, str] = Field(default_factory=dict)
    repeat: str | None = None
    group: str | None = None

    @property
    def is_select(self) -> bool:
        return self.type in ("select_one", "select_multiple")

    @property
    def is_file(self) -> bool:
        return self.type in FILE_TYPES


class Group(_Strict):
    path: str
    labels: dict[str, str] = Field(default_factory=dict)
    repeat: bool = False
    relevant: str = ""
    count: str = ""  # a repeat's repeat_count: how many items, as an expression on the answers


class FormSchema(_Strict):
    form_id: str
    title: str
    version: str
    default_language: str = "default"
    languages: list[str] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    choices: dict[str, list[Choice]] = Field(default_factory=dict)
    groups: list[Group] = Field(default_factory=list)

    def question(self, path: str) -> Question | None:
        for q in self.questions:
            if q.path == path:
                return q
        return None

    def by_name(self, name: str) -> Question | None:
        for q in self.questions:
            if q.name == name:
                return q
        return None

    def group(self, path: str) -> Group | None:
        for g in self.groups:
            if g.path == path:
                return g
        return None


def pick_label(labels: dict[str, str], language: str, default_language: str = "default") -> str:
    """The label in ``language``, else the default language's, else any."""
    if not labels:
        return ""
    for key in (language, default_language, "default"):
        if labels.get(key):
            return labels[key]
    # Languages declared as "Kyrgyz (ky)" match the bare code.
    for key, value in labels.items():
        if key.endswith(f"({language})") and value:
            return value
    return next((v for v in labels.values() if v), "")
