"""Calls through an abstract type whose implementation is chosen at run time: a TS
interface or abstract class, a Python ABC or Protocol, injected (inversify, NestJS) or
made by a factory reading the environment.

A Python value declared with such a type is its one implementation when the project has
one (:mod:`~evdict.scanner.resolve.implied`). With several (in TypeScript, with any), a
call of one of its methods reaches whichever is injected; the method is read as a
wrapper of the implementations that send (:class:`~evdict.scanner.sinks.PassThroughSink`:
the call's arguments reach the implementation as they came). Implementations that send nothing (a no-op, a log
writer) do not make it unknown: they send no event either way. One that hands the call
on to another implementation (a decorator over the interface) sends what that one
does. Implementations sending through two SDKs still send the call's event, whichever
is injected: the wrapper's evidence names both. Only implementations reading the event
from different arguments leave the method no wrapper (a suggestion may name its calls).

A method nothing in the project implements (an interface that describes an object from
elsewhere: a browser global, a host app's plug-in) says nothing of what it does: its
calls are as unknown as the receiver was before its type was read.
"""

from __future__ import annotations

import re

from evdict.scanner import prefilter
from evdict.scanner.model import Chain, Evidence, FunctionDef
from evdict.scanner.resolve.fan_out import fan_out
from evdict.scanner.resolve.implied import Implied, protocol_trigger
from evdict.scanner.resolve.value_types import VClass, VFunc
from evdict.scanner.resolve.values import Evaluator
from evdict.scanner.sinks import InferredSink, PassThroughSink, SignatureSink, Sink

Wrappers = dict[tuple[str, str], InferredSink | PassThroughSink]
"""The wrappers inferred so far, by (module, qualified name) of their function."""


class Dispatch:
    """The rules above, over ``values``'s modules and ``implied``'s class hierarchy."""

    def __init__(self, values: Evaluator, implied: Implied) -> None:
        self.values = values
        self.implied = implied
        # The abstract classes whose implementations an answer rested on.
        self.asked: set[VClass] = set()

    def unimplemented(self, method: VFunc) -> bool:
        """``method`` is an abstract method of a class nothing in the project implements."""
        func = self.values.modules[method.module].functions.get(method.qualname)
        if func is None or not func.abstract or func.class_name is None:
            return False
        cls = VClass(method.module, func.class_name)
        self.asked.add(cls)
        return not self.implementations(cls)

    def implementations(self, cls: VClass) -> list[VClass]:
        return self.implied.implementations(cls, self.implied.kind(cls) == "protocol")

    def triggers(self) -> list[prefilter.Trigger]:
        """Files that could hold another implementation of a class asked about: in
        TypeScript those declaring they implement or extend it, in Python those naming it."""
        found = []
        for cls in sorted(self.asked, key=lambda c: (c.module, c.qualname)):
            name = cls.qualname.rpartition(".")[2]
            if self.implied.python(cls):
                found.append(prefilter.name_trigger(name))
                if self.implied.kind(cls) == "protocol":  # implemented without being named
                    found.append(protocol_trigger(self.implied.methods_of(cls)))
                continue
            word = rb"(?<![\w$])" + re.escape(name.encode()) + rb"(?![\w$])"
            found.append(
                prefilter.Trigger(name.encode(), rb"\b(?:implements|extends)\b[^{;]*" + word)
            )
        return found

    def infer(self, sinks: Wrappers) -> list[str]:
        """Make wrappers (in ``sinks``) of the abstract methods that the implementing
        methods among ``sinks`` implement, when those of the project that send read the
        event from the same argument; the names of the methods added."""
        added: list[str] = []
        implemented = self._implemented(sinks)
        for cls, name in sorted(
            implemented, key=lambda pair: (pair[0].module, pair[0].qualname, pair[1])
        ):
            key = (cls.module, f"{cls.qualname}.{name}")
            if key in sinks:
                continue
            sink = self._wrapper(cls, name, sinks)
            if sink is not None:
                sinks[key] = sink
                added.append(name)
        return added

    def _implemented(self, sinks: Wrappers) -> set[tuple[VClass, str]]:
        """The abstract classes declaring a method that a sink among ``sinks`` defines in
        a class below them, with that method's name."""
        found: set[tuple[VClass, str]] = set()
        for (module, _), sink in list(sinks.items()):
            func = sink.func
            if func.class_name is None or func.abstract:
                continue
            seen: set[VClass] = set()
            pending = [VClass(module, func.class_name)]
            while pending:
                cls = pending.pop()
                if cls in seen or cls.module not in self.values.modules:
                    continue
                seen.add(cls)
                if self.implied.kind(cls) and self._declared(cls, func.name) is not None:
                    self.asked.add(cls)
                    found.add((cls, func.name))
                pending.extend(self.implied.supertypes(cls))
                pending.extend(self.implied.protocols_of(cls))
        return found

    def _declared(self, cls: VClass, name: str) -> FunctionDef | None:
        module = self.values.modules[cls.module]
        return module.functions.get(f"{cls.qualname}.{name}")

    def _wrapper(
        self, cls: VClass, name: str, sinks: Wrappers
    ) -> InferredSink | PassThroughSink | None:
        """The abstract method ``cls.name`` as a wrapper of its implementations that send,
        when they read the event from the same argument."""
        declared = self._declared(cls, name)
        assert declared is not None
        if self.implied.implementation(cls) != cls:  # a value declared so is that one
            return None
        sending: list[tuple[VFunc, InferredSink | PassThroughSink]] = []
        for implementation in self.implementations(cls):
            method = self.values.class_attribute(implementation, name, True, set())
            sink = (
                sinks.get((method.module, method.qualname)) if isinstance(method, VFunc) else None
            )
            if isinstance(method, VFunc) and sink is not None:
                sending.append((method, sink))
        if not sending:
            return None
        if len({_reading(sink) for _, sink in sending}) != 1:
            return fan_out(self.values.modules[cls.module].path, declared, sending)
        method, first = min(sending, key=lambda pair: (pair[0].module, pair[0].qualname))
        inner, bound = (
            (first.inner, first.inner_bound)
            if isinstance(first, PassThroughSink)
            else (first, True)
        )
        implementing = self.values.modules[method.module]
        shown = ", ".join(sorted(f"{m.qualname} ({_sdk(sink)})" for m, sink in sending))
        evidence = Evidence(
            implementing.path,
            implementing.functions[method.qualname].pos,
            f"{declared.qualname} is abstract; implementations that send: {shown}",
        )
        module = self.values.modules[cls.module]
        return PassThroughSink(
            cls.module, module.path, declared, inner, bound, Chain(evidence, first.chain)
        )


def _sdk(sink: Sink) -> str:
    """The SDK a sink sends through in the end (a config wrapper's name, for one)."""
    current: Sink | None = sink
    while not isinstance(current, SignatureSink):
        if current is None:
            return ""
        current = current.inner
    return current.via


def _reading(sink: InferredSink | PassThroughSink) -> tuple[object, ...]:
    """Where a method that is a wrapper reads the event of a call through an instance:
    the place of its event parameter among the call's arguments, and what of it."""
    if isinstance(sink, PassThroughSink):  # the arguments as they came
        return _reading(sink.inner) if isinstance(sink.inner, InferredSink) else ("as given",)
    params = sink.func.bound_params

    def place(param: str) -> int | str:
        return params.index(param) if param in params else param

    template = tuple(
        part if isinstance(part, str) else (place(part.param), part.attrs, part.key)
        for part in sink.event_template or ()
    )
    return (place(sink.event_param), sink.event_key, sink.event_attrs, template)
