"""The common forms of XLSForm expressions, evaluated without a full XPath engine.

Supported: ``${q}``, ``.``, string and number literals, ``=`` ``!=`` ``<`` ``<=``
``>`` ``>=``, ``and`` ``or`` ``not(...)``, ``+ - * div mod``, parentheses,
``selected(x, 'v')``, ``count-selected(x)``, ``string-length(x)``,
``string(x)``, ``number(x)``, ``int(x)``, ``true()``, ``false()``, ``today()``,
``if(c, a, b)``, ``regex(x, 'p')``. Anything else raises
:class:`Unsupported`; callers then treat the question as relevant and the
answer as allowed, as Enketo does when it cannot decide. The same grammar is
implemented in ``submissions/static/submissions/webform.js`` for the page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{[^}]+\})|
        (?P<str>'[^']*'|"[^"]*")|
        (?P<num>\d+(?:\.\d+)?)|
        (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)|
        (?P<dot>\.(?![\w.]))|
        (?P<name>[A-Za-z_][\w\-]*(?::[\w\-]+)?)
    )""",
    re.VERBOSE,
)

Resolve = Callable[[str], Any]  # name → value (str, list of str for select_multiple, or None)


class Unsupported(ValueError):
    pass


def tokenize(expression: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = expression.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise Unsupported(expression)
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


def references(expression: str) -> list[str]:
    return re.findall(r"\$\{([^}]+)\}", expression or "")


def _num(value: Any) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, list):
        value = " ".join(value)
    try:
        return float(str(value).strip())
    except (TypeError, ValueError):
        return float("nan")


def _str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, list):
        return " ".join(value)
    return str(value)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0 and value == value
    if isinstance(value, list):
        return bool(value)
    return bool(value)


def _compare(op: str, a: Any, b: Any) -> bool:
    numeric = isinstance(a, (int, float)) or isinstance(b, (int, float))
    if op in ("=", "!="):
        if numeric:
            x, y = _num(a), _num(b)
            equal = x == y
        else:
            equal = _str(a) == _str(b)
        return equal if op == "=" else not equal
    x, y = _num(a), _num(b)
    if x != x or y != y:  # NaN: compare as text (dates, times)
        sa, sb = _str(a), _str(b)
        if not sa or not sb:
            return False
        return {"<": sa < sb, "<=": sa <= sb, ">": sa > sb, ">=": sa >= sb}[op]
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], resolve: Resolve, current: Any) -> None:
        self.tokens, self.pos, self.resolve, self.current = tokens, 0, resolve, current

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (value is not None and token[1] != value):
            raise Unsupported(value or "end")
        self.pos += 1
        return token

    def parse(self) -> Any:
        value = self.or_expr()
        if self.peek() is not None:
            raise Unsupported("trailing")
        return value

    def or_expr(self) -> Any:
        value = self.and_expr()
        while self.peek() == ("name", "or"):
            self.take()
            right = self.and_expr()
            value = _bool(value) or _bool(right)
        return value

    def and_expr(self) -> Any:
        value = self.cmp_expr()
        while self.peek() == ("name", "and"):
            self.take()
            right = self.cmp_expr()
            value = _bool(value) and _bool(right)
        return value

    def cmp_expr(self) -> Any:
        value = self.add_expr()
        while (
            (token := self.peek()) is not None
            and token[0] == "op"
            and token[1] in ("=", "!=", "<", "<=", ">", ">=")
        ):
            self.take()
            value = _compare(token[1], value, self.add_expr())
        return value

    def add_expr(self) -> Any:
        value = self.mul_expr()
        while (token := self.peek()) is not None and token[1] in ("+", "-") and token[0] == "op":
            self.take()
            right = self.mul_expr()
            value = _num(value) + _num(right) if token[1] == "+" else _num(value) - _num(right)
        return value

    def mul_expr(self) -> Any:
        value = self.unary()
        while (token := self.peek()) is not None and (
            token == ("op", "*") or token in (("name", "div"), ("name", "mod"))
        ):
            self.take()
            right = _num(self.unary())
            left = _num(value)
            if token[1] == "*":
                value = left * right
            elif right == 0:
                value = float("nan")
            else:
                value = left / right if token[1] == "div" else left % right
        return value

    def unary(self) -> Any:
        if self.peek() == ("op", "-"):
            self.take()
            return -_num(self.unary())
        return self.primary()

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "ref":
            return self.resolve(text[2:-1].strip())
        if kind == "str":
            return text[1:-1]
        if kind == "num":
            return float(text)
        if kind == "dot":
            return self.current
        if kind == "op" and text == "(":
            value = self.or_expr()
            self.take(")")
            return value
        if kind == "name" and self.peek() == ("op", "("):
            return self.call(text)
        raise Unsupported(text)

    def call(self, name: str) -> Any:
        self.take("(")
        args: list[Any] = []
        if self.peek() != ("op", ")"):
            args.append(self.or_expr())
            while self.peek() == ("op", ","):
                self.take()
                args.append(self.or_expr())
        self.take(")")
        return _call(name, args)


def _call(name: str, args: list[Any]) -> Any:
    if name == "not" and len(args) == 1:
        return not _bool(args[0])
    if name == "selected" and len(args) == 2:
        chosen = args[0] if isinstance(args[0], list) else _str(args[0]).split()
        return _str(args[1]) in chosen
    if name == "count-selected" and len(args) == 1:
        return float(len(args[0] if isinstance(args[0], list) else _str(args[0]).split()))
    if name == "string-length" and len(args) == 1:
        return float(len(_str(args[0])))
    if name == "string" and len(args) == 1:
        return _str(args[0])
    if name == "number" and len(args) == 1:
        return _num(args[0])
    if name == "int" and len(args) == 1:
        value = _num(args[0])
        return float(int(value)) if value == value else value
    if name == "true" and not args:
        return True
    if name == "false" and not args:
        return False
    if name == "today" and not args:
        return dt.date.today().isoformat()  # noqa: DTZ011  (the form's local date)
    if name == "if" and len(args) == 3:
        return args[1] if _bool(args[0]) else args[2]
    if name == "regex" and len(args) == 2:
        try:
            return re.search(_str(args[1]), _str(args[0])) is not None
        except re.error as exc:
            raise Unsupported(name) from exc
    raise Unsupported(name)


def evaluate(expression: str, resolve: Resolve, current: Any = None) -> Any:
    return _Parser(tokenize(expression), resolve, current).parse()


def truthy(expression: str, resolve: Resolve, current: Any = None, *, default: bool = True) -> bool:
    """The expression as a condition; ``default`` when it is empty or unsupported."""
    if not (expression or "").strip():
        return default
    try:
        return _bool(evaluate(expression, resolve, current))
    except Unsupported:
        return default
