"""What a tracking call's arguments say: its event names (literals, constants, enum
members, concatenations folded to their text; else a dynamic name and what is known of
it), the literals those names are written as, and its properties.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from evdict.scanner.model import (
    Call,
    Choice,
    Concat,
    DynamicName,
    Expr,
    FString,
    Item,
    Literal,
    Lookup,
    Mapping,
    NameSource,
    Other,
    Position,
    Ref,
    Str,
)
from evdict.scanner.resolve.instance_dicts import property_dict
from evdict.scanner.resolve.local_dicts import LocalDicts, Part
from evdict.scanner.resolve.local_objects import (
    bound_choice,
    guarded_strings,
    local_value,
    parameter_writes,
    parsed_key,
    stringified_key,
)
from evdict.scanner.resolve.object_keys import named_object
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.reaching import reaching_value
from evdict.scanner.resolve.value_types import Value, VEnumMember, VLit, VStr, VUnknown
from evdict.scanner.resolve.values import Evaluator
from evdict.scanner.sinks import (
    MISSING,
    SPREAD_KEY,
    Arg,
    Reading,
    Sentinel,
)


class EventReader:
    """Read event names and properties through the ``values`` evaluator; ``enum_names``
    (the config's ``enum_event_names``) says whether an enum member's name or its value
    is the event name."""

    def __init__(self, values: Evaluator, enum_names: str) -> None:
        self.values = values
        self.enum_names = enum_names
        self.dicts = LocalDicts(values)

    def event_names(
        self,
        module: Module,
        scope: str,
        arg: Arg,
        transform: str | None,
        attrs: tuple[str, ...] = (),
    ) -> tuple[tuple[str, ...], DynamicName | None]:
        if attrs:
            names, dynamic = self._attribute_names(module, scope, arg, attrs)
        else:
            names, dynamic = self._event_names(module, scope, arg)
        apply = _TRANSFORMS.get(transform or "")
        if apply is not None:
            names = tuple(dict.fromkeys(apply(name) for name in names))
            if dynamic is not None and dynamic.kind == "choice" and dynamic.prefix is None:
                # one of known names: say them as they are sent
                dynamic = DynamicName("choice", _one_of(names), None)
        return names, dynamic

    def _event_names(
        self, module: Module, scope: str, arg: Arg
    ) -> tuple[tuple[str, ...], DynamicName | None]:
        if isinstance(arg, Sentinel):
            return (), DynamicName("unknown", "passed through *args or **kwargs")
        if isinstance(arg, Choice):
            names: list[str] = []
            unknown: list[str] = []
            prefixes: list[str] = []
            for option in arg.options:
                option_names, option_dynamic = self._event_names(module, scope, option)
                names.extend(option_names)
                if option_dynamic is not None and option_dynamic.detail != _one_of(option_names):
                    unknown.append(option_dynamic.detail)
                    if option_dynamic.prefix is not None:
                        prefixes.append(option_dynamic.prefix)
            detail = _one_of(tuple(dict.fromkeys(names))) if names else "a choice"
            if unknown:
                detail += f" or {'; '.join(unknown)}"
            prefix = os.path.commonprefix(prefixes) if prefixes else None  # noqa: RUF071 (text)
            return tuple(dict.fromkeys(names)), DynamicName("choice", detail, prefix)
        if isinstance(arg, FString):
            prefix, whole = (
                self.values.fold(module, scope, arg.parts) if arg.parts else (arg.prefix, False)
            )
            if whole:
                return (prefix,), None
            chosen = self._chosen(module, scope, arg.parts)
            if chosen:
                return chosen, _choice_of(chosen)
            what = "an f-string" if module.facts.language == "python" else "a template literal"
            detail = f"{what} starting with '{prefix}'" if prefix else what
            return (), DynamicName("f-string", detail, prefix)
        if isinstance(arg, Concat):
            prefix, whole = self.values.fold(module, scope, arg.parts)
            if whole:
                return (prefix,), None
            chosen = self._chosen(module, scope, arg.parts)
            if chosen:  # a wrapper's text around its callers' choice
                return chosen, _choice_of(chosen)
            detail = f"a concatenation starting with '{prefix}'" if prefix else "a concatenation"
            return (), DynamicName("concatenation", detail, prefix)
        local = local_value(module, scope, arg)
        if local is None:  # bound in several places: what reaches the call
            local = reaching_value(module, scope, arg)
            if local is not None:
                return self._event_names(module, scope, local)
        if local is None:  # a choice bound once in an enclosing scope (a component's)
            local = bound_choice(module, scope, arg)
        if isinstance(local, Choice):  # ``name = "a" if c else "b"``: each, as written inline
            return self._event_names(module, scope, local)
        lookup = local if isinstance(local, Lookup) else arg
        looked_up = self._looked_up(module, scope, lookup) if isinstance(lookup, Lookup) else None
        if looked_up is not None:
            return looked_up
        value = self.values.expr_value(module, scope, arg)
        if isinstance(value, VEnumMember):
            if self.enum_names == "name":
                return (value.name,), None
            value = value.value
        if isinstance(value, VStr):
            return (value.value,), None
        only = guarded_strings(module, scope, arg)
        if len(only) == 1:  # ``if msg.name != "x": return`` above the call
            return only, None
        if only:
            return only, _choice_of(only)
        if isinstance(arg, Ref):
            shown = ".".join(arg.path)
            reason = value.reason if isinstance(value, VUnknown) else "not a string constant"
            return (), DynamicName("variable", f"'{shown}' ({reason})")
        if isinstance(arg, Call):
            return (), DynamicName("call", f"the result of {'.'.join(arg.callee)}()")
        if isinstance(arg, Literal):
            literal = f"a {type(arg.value).__name__} literal, not a string"
            return (), DynamicName("literal", literal, None)
        if isinstance(arg, Item):
            value = self.values.expr_value(module, scope, arg)
            if isinstance(value, VStr):
                return (value.value,), None
            chosen = self._chosen_item(module, scope, arg)
            if chosen:
                return chosen, DynamicName("choice", _one_of(chosen), None)
            return (), DynamicName("subscript", f"{'.'.join(arg.base)}['{arg.key}']")
        if isinstance(arg, Other) and arg.kind == SPREAD_KEY and isinstance(value, VUnknown):
            return (), DynamicName("spread", f"a key its spreads set ({value.reason})")
        kind = arg.kind if isinstance(arg, Other) else type(arg).__name__.lower()
        kind = "subscript" if isinstance(arg, Lookup) else kind
        return (), DynamicName(kind, f"a {kind} expression")

    def _chosen_item(self, module: Module, scope: str, item: Item) -> tuple[str, ...]:
        """``event.name`` of a local bound to a choice of named objects (``const event =
        up ? Events.Upgrade : Events.Downgrade``): the key of each, when each is a known
        name; none otherwise."""
        local = bound_choice(module, scope, Ref(item.base, item.pos))
        names: list[str] = []
        for option in local.options if local is not None else ():
            if not isinstance(option, Ref):
                return ()
            value = self.values.expr_value(module, scope, Item(option.path, item.key, item.pos))
            if not isinstance(value, VStr):
                return ()
            names.append(value.value)
        return tuple(dict.fromkeys(names))

    def _looked_up(
        self, module: Module, scope: str, lookup: Lookup
    ) -> tuple[tuple[str, ...], DynamicName | None] | None:
        """``Events.CREATED[self.kind]``, a dict literal read with a key known only at
        run time: one of its values, when each is a known name (a dict some value of which
        is not known, or with keys spread in, says nothing: None). A key that chooses
        among known keys (``events[on ? "STAR" : "UNSTAR"]``, ``events[`GO_${d ? "USER" :
        "ROOM"}_INFO`]``) reads only those."""
        keys = self._chosen_keys(module, scope, lookup.key)
        if keys:
            values = [self.values.path_value(module, scope, (*lookup.base, k)) for k in keys]
        else:
            base = self.values.path_value(module, scope, lookup.base)
            key = lookup.key
            if isinstance(key, Ref):  # ``const key = `STATUS_${id}`; events[key]``
                key = local_value(module, scope, key) or key
            values = self.values.item_values(base, _key_pattern(key)) or []
        if not values or len(values) > _MAX_CHOSEN:
            return None
        names: list[str] = []
        for value in values:
            if isinstance(value, VEnumMember):
                value = VStr(value.name) if self.enum_names == "name" else value.value
            if not isinstance(value, VStr):
                return None
            names.append(value.value)
        chosen = tuple(dict.fromkeys(names))
        if len(chosen) == 1 and keys:  # both keys hold one name
            return chosen, None
        return chosen, DynamicName("choice", _one_of(chosen), None)

    def _chosen_keys(self, module: Module, scope: str, key: Expr | None) -> tuple[str, ...]:
        """The keys a lookup's key chooses among: a choice of strings (inline or a local
        bound once to one), or a template whose placeholders choose among strings; none
        for anything else (the key is then any of the object's)."""
        local = bound_choice(module, scope, key) if key is not None else None
        key = local if local is not None else key
        if isinstance(key, Choice) and all(isinstance(o, Str) for o in key.options):
            return tuple(o.value for o in key.options if isinstance(o, Str))
        if isinstance(key, (FString, Concat)) and key.parts:
            return self._chosen(module, scope, key.parts)
        return ()

    def _chosen(self, module: Module, scope: str, parts: tuple[Expr, ...]) -> tuple[str, ...]:
        """The texts of a template whose placeholders choose among known strings
        (`` `sampling:${on ? "enable" : "disable"}` ``), each combination folded; none
        when one does not fold or there are more than ``_MAX_CHOSEN``."""
        combinations: list[tuple[Expr, ...]] = [()]
        for part in parts:
            local = part if isinstance(part, Choice) else bound_choice(module, scope, part)
            options = local.options if local is not None else (part,)
            combinations = [(*done, option) for done in combinations for option in options]
            if len(combinations) > _MAX_CHOSEN:
                return ()
        if len(combinations) < 2:
            return ()
        texts: list[str] = []
        for combination in combinations:
            text, whole = self.values.fold(module, scope, combination)
            if not whole:
                return ()
            texts.append(text)
        return tuple(dict.fromkeys(texts))

    def _attribute_names(
        self, module: Module, scope: str, arg: Arg, attrs: tuple[str, ...]
    ) -> tuple[tuple[str, ...], DynamicName | None]:
        """The event is an attribute of ``arg``: ``telemetry.capture(CartEvent(...))``
        reaching ``event.name`` (a class constant of ``CartEvent``)."""
        shown = "".join(f".{attr}" for attr in attrs)
        if isinstance(arg, Sentinel):
            return (), DynamicName("unknown", "passed through *args or **kwargs")
        if isinstance(arg, Choice):
            found = [self._attribute_names(module, scope, option, attrs) for option in arg.options]
            names = tuple(dict.fromkeys(name for option, _ in found for name in option))
            unknown = [dynamic.detail for _, dynamic in found if dynamic is not None]
            if not unknown:
                return names, None
            return names, DynamicName("choice", "; ".join(unknown))
        value = self._attribute_value(module, scope, arg, attrs)
        if isinstance(value, VEnumMember):
            if self.enum_names == "name":
                return (value.name,), None
            value = value.value
        if isinstance(value, VStr):
            return (value.value,), None
        base = ".".join(arg.callee) + "(...)" if isinstance(arg, Call) else "the argument"
        if isinstance(arg, Ref):
            base = ".".join(arg.path)
        reason = value.reason if isinstance(value, VUnknown) else "not a string constant"
        written = f"{base}{shown}"
        if attrs[-1:] == ("__str__",):  # the front end's reading of ``str(event.action)``
            written = f"str({written.removesuffix('.__str__')})"
        return (), DynamicName("attribute", f"'{written}' ({reason})")

    def _attribute_value(
        self, module: Module, scope: str, arg: Expr, attrs: tuple[str, ...]
    ) -> Value:
        value = self.values.expr_value(module, scope, arg)
        for attr in attrs:
            value = self.values.attribute(value, attr)
        return value

    def name_sources(
        self,
        module: Module,
        scope: str,
        arg: Arg,
        transform: str | None,
        attrs: tuple[str, ...] = (),
    ) -> tuple[NameSource, ...]:
        """The literals the event names are written as (none when a transform makes them)."""
        if transform or isinstance(arg, Sentinel):
            return ()
        local = local_value(module, scope, arg) if not attrs else None
        if local is None and not attrs:
            local = reaching_value(module, scope, arg)
            arg = arg if local is None else local
        arg = local if isinstance(local, Choice) else arg
        if isinstance(arg, Choice):
            options = (
                self.name_sources(module, scope, option, None, attrs) for option in arg.options
            )
            return tuple(dict.fromkeys(source for found in options for source in found))
        value = self._attribute_value(module, scope, arg, attrs)
        if isinstance(value, VEnumMember) and self.enum_names != "name":
            value = value.value
        if not isinstance(value, VStr):
            return ()
        return tuple(NameSource(value.value, path, pos) for path, pos in value.origins)

    def key_name(self, module: Module, scope: str, key: str | Expr) -> str | None:
        if isinstance(key, str):
            return key
        value = self.values.expr_value(module, scope, key)
        if isinstance(value, VEnumMember):
            value = value.value
        return value.value if isinstance(value, VStr) else None

    def literal(self, module: Module, scope: str, expr: Arg) -> tuple[bool, object]:
        if isinstance(expr, Sentinel):
            return False, None
        if isinstance(expr, (Str, Literal)):
            return True, expr.value
        if isinstance(expr, Ref):
            value = self.values.expr_value(module, scope, expr)
            if isinstance(value, VEnumMember):
                value = value.value
            if isinstance(value, (VStr, VLit)):
                return True, value.value
        return False, None

    def properties(
        self, module: Module, scope: str, reading: Reading, params: frozenset[str] = frozenset()
    ) -> Properties:
        """The properties a reading shows: ``(name, value, position)`` entries, the
        parameters spread in and the keys written only when a parameter is passed (only
        during inference, ``params``), and completeness."""
        found = Properties([], [], [], not reading.opaque)
        for key, value, pos in reading.entries:
            name = self.key_name(module, scope, key)
            if name is None:
                found.complete = False
            else:
                found.entries.append((name, value, pos))
        pending = [Part(module, scope, spread) for spread in reading.spreads]
        self._spread_all(pending, module, scope, params, found)
        omitted = {*reading.omitted, *found.omitted}
        if omitted:
            found.entries = [entry for entry in found.entries if entry[0] not in omitted]
        return found

    def _spread_all(
        self,
        pending: list[Part],
        module: Module,
        scope: str,
        params: frozenset[str],
        found: Properties,
    ) -> None:
        guarded: list[tuple[str, Part]] = []
        # Each expression read once (``props.update(props)``); held, so no id is reused.
        seen: dict[tuple[int, str, int], Part] = {}
        while pending:
            part = pending.pop(0)
            key = (id(part.module), part.scope, id(part.expr))
            if key not in seen:
                seen[key] = part
                self._spread(part, module, scope, params, found, pending, guarded)
        for param, part in guarded:
            if isinstance(part.expr, Ref) and part.expr.path == (param,):
                # ``if extra: props.update(extra)``: the caller's dict, when it passes one
                if param not in found.spread_params:
                    found.spread_params.append(param)
                continue
            written = Properties([], [], [], True)
            self._spread_all([part], module, scope, frozenset(), written)
            found.guarded.extend((param, name, value) for name, value, _ in written.entries)

    def _spread(
        self,
        part: Part,
        module: Module,
        scope: str,
        params: frozenset[str],
        found: Properties,
        pending: list[Part],
        guarded: list[tuple[str, Part]],
    ) -> None:
        """One dict spread into the properties (``**props``, a positional ``props``):
        its keys into ``found``, what it is made of into ``pending``."""
        spread = part.expr
        own = part.module is module and part.scope == scope  # the call's own function
        if spread is MISSING or (isinstance(spread, Literal) and spread.value is None):
            return
        if isinstance(spread, Other) and spread.kind == "function":
            # A callback where the properties go (``sa_event(name, () => ...)``, analytics.js's
            # ``track(name, callback)``), or a function spread in: no keys.
            return
        if isinstance(spread, Item) and len(spread.base) == 1:
            # ``invoke(channel, dataJson)`` of ``JSON.stringify({name, params})``: ``params``
            spread = stringified_key(part.module, part.scope, spread) or spread
        elif own and isinstance(spread, Ref):
            spread = parsed_key(module, scope, spread) or spread  # ``JSON.parse(json).params``
        rest = local_value(part.module, part.scope, spread) if isinstance(spread, Ref) else None
        if isinstance(rest, Mapping) and rest.omitted:
            spread = rest  # ``...rest`` of a destructured object: that object but some keys
        if isinstance(spread, Mapping):
            found.omitted.extend(spread.omitted)
            for entry in spread.entries:
                name = self.key_name(part.module, part.scope, entry.key)
                if name is None:
                    found.complete = False
                elif all(name != seen for seen, _, _ in found.entries):  # written again
                    found.entries.append((name, entry.value, entry.key.pos))
            pending.extend(Part(part.module, part.scope, inner) for inner in spread.spreads)
        elif isinstance(spread, Choice) and (options := _dict_options(spread)) is not None:
            pending.extend(Part(part.module, part.scope, option) for option in options)
        elif own and isinstance(spread, Ref) and len(spread.path) == 1 and spread.path[0] in params:
            found.spread_params.append(spread.path[0])
            # ``event["hostname"] = platform.node()`` before passing ``event`` on: a key
            # the wrapper adds to every caller's dict
            added = self.dicts.written(module, scope, spread, params)
            pending.extend(added.parts)
            guarded.extend(added.guarded)
            if (written := parameter_writes(module, scope, spread)) is not None:
                pending.append(Part(module, scope, written))  # JS: ``properties.version = v``
        elif (
            own and isinstance(spread, Item) and len(spread.base) == 1 and spread.base[0] in params
        ):
            found.spread_params.append(f"{spread.base[0]}.{spread.key}")  # ``({properties})``
        elif own and _parameter_attribute(module, scope, spread, params):
            assert isinstance(spread, Ref)  # ``**event.properties``: the caller's object's
            found.spread_params.append(".".join(spread.path))
        elif (given := property_dict(self.dicts, part.module, part.scope, spread)) is not None:
            pending.extend(given)  # ``event.properties`` of an instance of a known class
        else:
            # A local dict, a helper's result, an attribute: its keys as far as the code
            # shows them (:mod:`~evdict.scanner.resolve.local_dicts`), still partial.
            found.complete = False
            if not isinstance(spread, Sentinel):
                made = self.dicts.parts(
                    part.module, part.scope, spread, params if own else frozenset()
                )
                pending.extend(made.parts)
                guarded.extend(made.guarded)
                if not made.parts:  # JS: a constant object, what a function returns, or
                    # the keys a function writes into its parameter before the call
                    known = named_object(self.values, part.module, part.scope, spread)
                    if known is None:
                        known = parameter_writes(part.module, part.scope, spread)
                    if known is not None:
                        pending.append(Part(part.module, part.scope, known))


@dataclass
class Properties:
    """What :meth:`EventReader.properties` reads: ``(name, value, position)`` entries, the
    parameters spread in, ``(param, name, value)`` for a key written only when a
    parameter is passed, and whether nothing else is sent."""

    entries: list[tuple[str, Arg, Position]]
    spread_params: list[str]
    guarded: list[tuple[str, str, Arg]]
    complete: bool
    # Keys never sent: taken out of a spread object (``const { name, ...rest } = opts``).
    omitted: list[str] = field(default_factory=list)


_MAX_CHOSEN = 16
"""The most names a template's choices are read as (``${a ? "x" : "y"}`` twice is 4)."""


def _key_pattern(key: Expr | None) -> re.Pattern[str] | None:
    """The keys a template can build (`` `RM_GO_${route.toUpperCase()}` `` reads only
    keys starting ``RM_GO_``): its text as written, a choice of strings as those, any
    other placeholder as any text; None when it has no text of its own."""
    if not isinstance(key, (FString, Concat)) or not key.parts:
        return None
    pattern = ""
    for part in key.parts:
        if isinstance(part, Str):
            pattern += re.escape(part.value)
        elif isinstance(part, Choice) and all(isinstance(o, Str) for o in part.options):
            pattern += (
                "(?:"
                + "|".join(re.escape(o.value) for o in part.options if isinstance(o, Str))
                + ")"
            )
        else:
            pattern += ".*"
    return (
        re.compile(pattern, re.DOTALL)
        if any(isinstance(p, Str) and p.value for p in key.parts)
        else None
    )


def _choice_of(names: tuple[str, ...]) -> DynamicName:
    """A name that is one of ``names``, all known, and the text they start with."""
    return DynamicName("choice", _one_of(names), os.path.commonprefix(names))  # noqa: RUF071 (text)


def _one_of(names: tuple[str, ...]) -> str:
    """How a choice of known names is told (a choice told otherwise also holds others)."""
    return "one of " + ", ".join(f"'{name}'" for name in names)


def _iglu_name(schema: str) -> str:
    """``iglu:com.acme/link_click/jsonschema/1-0-0`` -> ``link_click``."""
    parts = schema.removeprefix("iglu:").split("/")
    return parts[1] if len(parts) >= 2 and parts[1] else schema


def _dashes(name: str) -> str:
    """``jupysql-get_columns-success`` -> ``jupysql-get-columns-success`` (ploomber-core)."""
    return name.replace("_", "-")


_TRANSFORMS = {"iglu_name": _iglu_name, "dashes": _dashes}


def _dict_options(choice: Choice) -> list[Expr] | None:
    """The options of a choice that may hold keys: ``props or {}`` -> ``props``;
    ``{"run_id": run_id} if run_id else "none"`` -> the dict (merging a string or a number
    into a dict fails, so it adds no key); None when two or more options are not dicts
    (which one is sent, and what it holds, is not read)."""
    keyed: list[Expr] = [
        option
        for option in choice.options
        if not (
            (isinstance(option, Mapping) and not option.entries and not option.spreads)
            or isinstance(option, (Literal, Str))
        )
    ]
    if len(keyed) == 1 or all(isinstance(option, Mapping) for option in keyed):
        return keyed
    return None


def _parameter_attribute(module: Module, scope: str, spread: Arg, params: frozenset[str]) -> bool:
    """``event.properties`` of a parameter (Python): an attribute of the caller's object
    (not of the method's own instance, ``self.event_properties``)."""
    func = module.enclosing_function(scope)
    bound = func is not None and func.kind in ("method", "classmethod") and bool(func.params)
    own = func.params[0] if func is not None and bound else None
    return (
        module.facts.language == "python"
        and isinstance(spread, Ref)
        and len(spread.path) == 2
        and spread.path[0] in params
        and spread.path[0] != own
    )
