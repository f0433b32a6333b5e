"""What the Python front end records of a dict of properties built before a call: the
``if`` a write is under, the block a local is bound in, copies of a dict."""

from __future__ import annotations

import json
import textwrap

from evdict.scanner import codec
from evdict.scanner.frontends.python import extract
from evdict.scanner.model import Binding, CallSite, FileFacts, Mapping, Other, Ref


def facts(source: str) -> FileFacts:
    return extract(textwrap.dedent(source).lstrip("\n").encode("utf-8"))


def test_a_write_under_an_if_of_a_name_records_that_name() -> None:
    result = facts(
        """
        def event(name, main_model=None, extra=None, **kwargs):
            props = {}
            if main_model:
                props["main_model"] = main_model.name
                for key in kwargs:
                    props[key] = kwargs[key]
            else:
                props["no_model"] = True
            if extra is not None:
                props.update(extra)
            if len(kwargs) > 1:
                props["many"] = True

            def inner():
                props["inner"] = 1
        """
    )
    writes = [
        (site.scope, [kw.name for kw in site.call.keywords], site.call.spreads, site.guard)
        for site in result.calls["update"]
    ]
    assert writes == [
        ("event", ["main_model"], (), "main_model"),
        # a key known only at run time: a write of unknown keys
        ("event", [], (Other("subscript", (6, 13, 6, 23)),), "main_model"),
        ("event", ["no_model"], (), None),
        ("event", [], (), "extra"),
        ("event", ["many"], (), None),
        # another function: the guard of the enclosing one does not reach it
        ("event.inner", ["inner"], (), None),
    ]
    assert result.calls["update"][3].call.args == (Ref(("extra",), (10, 22, 10, 27)),)


def test_a_local_records_the_last_line_of_its_block() -> None:
    result = facts(
        """
        def send(user, staff):
            props = {"a": 1}
            if staff:
                props = {"b": 2}
            for item in user.items:
                props = {"c": 3}
            try:
                props = {"d": 4}
            except ValueError:
                props = {"e": 5}
            track(user, props)
        """
    )
    ends = [
        (binding.value.entries[0].value.value, binding.block_end)  # type: ignore[union-attr]
        for binding in result.bindings
        if binding.target == "props" and isinstance(binding.value, Mapping)
    ]
    # the function's body ends on line 11, the branch on 4, the loop's body on 6, the
    # try's on 8; an except handler's body is not walked as a block: 0, not known
    assert ends == [(1, 11), (2, 4), (3, 6), (4, 8), (5, 0)]


def test_copies_of_a_dict_are_that_dict() -> None:
    result = facts(
        """
        import copy, json
        track(json.loads(json.dumps({"a": 1, **props}, sort_keys=True)))
        track(copy.deepcopy(props))
        track(json.loads(text))
        """
    )
    first, second, third = (site.call.args[0] for site in result.calls["track"])
    assert isinstance(first, Mapping) and isinstance(copied := first.spreads[0], Mapping)
    assert [getattr(entry.key, "value", None) for entry in copied.entries] == ["a"]
    assert copied.spreads == (Ref(("props",), (2, 40, 2, 45)),)
    assert isinstance(second, Mapping) and second.spreads == (Ref(("props",), (3, 21, 3, 26)),)
    assert not isinstance(third, Mapping)  # a JSON text: its keys are not in the code


def test_a_cache_entry_without_a_later_field_reads_its_default() -> None:
    result = facts(
        """
        def send(props):
            if props:
                props["a"] = 1
        """
    )
    document = json.loads(codec.dumps(result))
    for site in document["calls"]["update"]:
        del site["guard"]  # as written before the field existed
    for binding in document["bindings"]:
        binding.pop("block_end", None)
    old = codec.loads(json.dumps(document))
    (site,) = old.calls["update"]
    assert isinstance(site, CallSite) and site.guard is None
    assert all(isinstance(b, Binding) and b.block_end == 0 for b in old.bindings)
