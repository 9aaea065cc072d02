"""A tiny, safe condition language for scenarios (never Python eval).

Grammar::

    expr   := or
    or     := and ("or" and)*
    and    := not ("and" not)*
    not    := "not" not | cmp
    cmp    := atom (("==" | "!=" | "<" | "<=" | ">" | ">=") atom)?
    atom   := NAME | INT | "true" | "false" | "(" expr ")"

A NAME is a label of the last reply (true when the reply showed it), a state variable, or one of
the facts the engine provides (`short`, `turn`...). Unknown names are refused when the scenario is
loaded, so a typo never silently evaluates to false.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(?:(?P<int>-?\d+)|(?P<op>==|!=|<=|>=|<|>|\(|\))|(?P<name>[A-Za-z_][A-Za-z0-9_.]*))")
_CMP = {"==", "!=", "<", "<=", ">", ">="}


class ExprError(ValueError):
    """A condition that does not parse."""


@dataclass(frozen=True, slots=True)
class Node:
    op: str  # "name", "int", "bool", "not", "and", "or", or a comparison operator
    args: tuple[Node, ...] = ()
    value: object = None


def _tokenize(source: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    source = source.rstrip()
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if not m or m.end() == pos:
            raise ExprError(f"unexpected character {source[pos:].strip()[:1]!r} in condition {source!r}")
        pos = m.end()
        kind = m.lastgroup or ""
        text = m.group(kind)
        if kind == "name" and text in ("and", "or", "not", "true", "false"):
            kind = text
        tokens.append((kind, text))
    return tokens


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens = _tokenize(source)
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise ExprError(f"condition {self.source!r} ends too early")
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node:
        if not self.tokens:
            raise ExprError("empty condition")
        node = self.or_()
        if self.pos != len(self.tokens):
            raise ExprError(f"unexpected {self.tokens[self.pos][1]!r} in condition {self.source!r}")
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.peek() == "or":
            self.take()
            node = Node("or", (node, self.and_()))
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.peek() == "and":
            self.take()
            node = Node("and", (node, self.not_()))
        return node

    def not_(self) -> Node:
        if self.peek() == "not":
            self.take()
            return Node("not", (self.not_(),))
        return self.cmp()

    def cmp(self) -> Node:
        left = self.atom()
        if self.peek() == "op" and self.tokens[self.pos][1] in _CMP:
            op = self.take()[1]
            return Node(op, (left, self.atom()))
        return left

    def atom(self) -> Node:
        kind, text = self.take()
        if kind == "int":
            return Node("int", value=int(text))
        if kind in ("true", "false"):
            return Node("bool", value=kind == "true")
        if kind == "name":
            return Node("name", value=text)
        if kind == "op" and text == "(":
            node = self.or_()
            if self.take() != ("op", ")"):
                raise ExprError(f"missing ')' in condition {self.source!r}")
            return node
        raise ExprError(f"unexpected {text!r} in condition {self.source!r}")


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed condition, with the names it reads."""

    source: str
    tree: Node

    @classmethod
    def parse(cls, source: str) -> Condition:
        return cls(source, _Parser(str(source)).parse())

    def names(self) -> set[str]:
        found: set[str] = set()

        def walk(node: Node) -> None:
            if node.op == "name":
                found.add(str(node.value))
            for arg in node.args:
                walk(arg)

        walk(self.tree)
        return found

    def evaluate(self, env: Mapping[str, int | bool]) -> bool:
        return bool(_eval(self.tree, env))


def _eval(node: Node, env: Mapping[str, int | bool]) -> int | bool:
    op = node.op
    if op in ("int", "bool"):
        return node.value  # type: ignore[return-value]
    if op == "name":
        return env.get(str(node.value), False)
    if op == "not":
        return not _eval(node.args[0], env)
    if op == "and":
        return bool(_eval(node.args[0], env)) and bool(_eval(node.args[1], env))
    if op == "or":
        return bool(_eval(node.args[0], env)) or bool(_eval(node.args[1], env))
    left, right = (int(_eval(a, env)) for a in node.args)
    return {
        "==": left == right,
        "!=": left != right,
        "<": left < right,
        "<=": left <= right,
        ">": left > right,
        ">=": left >= right,
    }[op]
