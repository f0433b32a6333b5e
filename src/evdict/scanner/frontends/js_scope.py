"""The JS/TS walk's state: where it is (:class:`Scope`) and what it has found so far
(:class:`Found`), shared by the readers of expressions and statements."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

from evdict.scanner.model import (
    Binding,
    CallSite,
    ClassDef,
    FileFacts,
    FunctionDef,
    Import,
    ParseFailure,
    Suppression,
)

if TYPE_CHECKING:
    from tree_sitter import Node

    Walk: TypeAlias = Callable[[Node, "Scope"], None]
    """Walks a node and what is inside it (the front end's walk, handed to its readers)."""


@dataclass
class Scope:
    """Where the walk is: the scope's qualname, the class whose members ``this`` reaches,
    and the names that stand for keys of parameters (destructured or ``param.key``)."""

    qualname: str = ""
    owner: str | None = None
    params: frozenset[str] = frozenset()
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    function_body: bool = False  # a ``return`` here returns from the function ``qualname``

    def child(self, name: str) -> str:
        return f"{self.qualname}.{name}" if self.qualname else name


@dataclass
class Found:
    """The facts of one file, in the order the walk meets them."""

    functions: list[FunctionDef] = field(default_factory=list)
    classes: list[ClassDef] = field(default_factory=list)
    bindings: list[Binding] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    calls: defaultdict[str, list[CallSite]] = field(default_factory=lambda: defaultdict(list))
    # The object literals read as namespaces so far (qualnames): ``X.key = v`` sets a member.
    namespaces: set[str] = field(default_factory=set)
    # React contexts provided here: context name -> the component providing it.
    provided: dict[str, str] = field(default_factory=dict)

    def namespace(self, name: str, scope: str) -> str | None:
        """The namespace ``name`` is in ``scope`` or a scope around it, if it is one."""
        while True:
            qualname = f"{scope}.{name}" if scope else name
            if qualname in self.namespaces:
                return qualname
            if not scope:
                return None
            scope = scope.rpartition(".")[0]

    def facts(self, language: str, failure: ParseFailure | None) -> FileFacts:
        return FileFacts(
            language=language,
            failure=failure,
            functions=tuple(self.functions),
            classes=tuple(self.classes),
            bindings=tuple(self.bindings),
            imports=tuple(self.imports),
            suppressions=tuple(self.suppressions),
            calls={name: tuple(sites) for name, sites in self.calls.items()},
        )
