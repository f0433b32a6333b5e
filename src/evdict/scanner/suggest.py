"""Tracking calls the scanner could not prove, and the config line that would read them.

A call is *proven* when resolution traces its callee to an SDK or to a wrapper of one.
Some products hide that trace: the analytics client is injected by the hosting app, a
plug-in object, or a library outside the repository. Their calls still look like
tracking calls: a call whose method is an SDK's tracking method is weighed by its
evidence (:mod:`evdict.scanner.evidence`). A plausible one, never a finding, is listed
by ``evdict scan --suggest-config`` (and ``evdict init --from-code``), grouped by
callee, with its count, sample sites, the evidence and the ``wrappers:`` line that
makes evdict read it; it needs a receiver a ``callee:`` can name (or a name
destructured from a hook's result: ``const { track } = useAnalytics()``, read by
``callee: track``) and a literal event name in the place that line reads.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from evdict.scanner import prefilter
from evdict.scanner.evidence import (
    PLAUSIBLE,
    ListedSdks,
    Sources,
    Weight,
    event_object_key,
    literal_at,
    weigh,
)
from evdict.scanner.manifests import Listed
from evdict.scanner.model import Binding, Call, Ref, Suggestion
from evdict.scanner.presets import Slot
from evdict.scanner.resolve.project import Module
from evdict.scanner.sdk_presets import presets_for
from evdict.scanner.sinks import applicable

_SAMPLES = 3

DESTRUCTURED_TRIGGER = prefilter.destructured_trigger(("track", "capture", "logEvent"))
"""What makes a file worth parsing for its destructured calls (the suggestion pass only)."""


def suggestions(
    modules: Iterable[Module], proven: set[tuple[str, int, int]], listed: ListedSdks | None = None
) -> tuple[Suggestion, ...]:
    """The plausible calls among ``modules``' call sites that are not ``proven`` (path,
    line, column of the tracking calls found), grouped by the config line they need;
    ``listed`` gives the SDKs the manifests governing a module list."""
    presets = {language: presets_for(language, None) for language in ("python", "javascript")}
    methods = {
        language: {name for preset in found for name, _ in preset.methods}
        for language, found in presets.items()
    }
    groups: dict[tuple[str, str, str, str | None], list[tuple[str, int, str, Weight]]]
    groups = defaultdict(list)
    for module in modules:
        language = "python" if module.facts.language == "python" else "javascript"
        sdks = listed(module.path, language) if listed else frozenset()
        sources = Sources(module.roots, sdks)
        for method, sites in module.facts.calls.items():
            if method not in methods[language]:
                continue
            for site in sites:
                call = site.call
                line, column = call.pos[:2]
                receiver = _receiver(call)
                hook = "" if receiver else _destructured_from(module, site.scope, call)
                if (module.path, line, column) in proven or not (receiver or hook):
                    continue
                # ``track`` of ``useAnalytics()`` is weighed as ``useAnalytics.track``.
                weighed = replace(call, callee=(hook, method)) if hook else call
                weight = weigh(weighed, presets[language], sources)
                if weight is None or weight.points < PLAUSIBLE:
                    continue
                read = _event_literal(call, weight)
                if read is None:
                    continue
                event, event_spec, properties_spec = read
                callee = f"{receiver}.{method}" if receiver else method
                groups[(language, callee, event_spec, properties_spec)].append(
                    (module.path, line, event, weight)
                )
    found = [
        Suggestion(
            callee=callee,
            language=language,
            event=event_spec,
            properties=properties_spec,
            calls=len(sites),
            sites=tuple(f"{path}:{line}" for path, line, _, _ in sorted(sites)[:_SAMPLES]),
            events=tuple(sorted({event for _, _, event, _ in sites})[:_SAMPLES]),
            evidence=max((weight for *_, weight in sites), key=lambda w: w.points).describe(),
        )
        for (language, callee, event_spec, properties_spec), sites in groups.items()
    ]
    return tuple(sorted(found, key=lambda item: (-item.calls, item.callee, item.event)))


def sdk_import_pattern() -> tuple[re.Pattern[bytes], dict[str, str]]:
    """A pattern of the imports of every SDK package (Python ``import``/``from``, JS
    ``from``/``require``/``import()``), its group ``root`` the package; and root -> SDK."""
    roots = {
        root: preset.name
        for language in ("python", "javascript")
        for preset in presets_for(language, None)
        for root in preset.roots
    }
    names = b"|".join(re.escape(root.encode()) for root in sorted(roots, key=len, reverse=True))
    pattern = re.compile(
        rb"^[ \t]*(?:from|import)[ \t]+(?P<root>" + names + rb")\b"
        rb"|(?:from|require\(|import\()[ \t]*['\"](?P<js>" + names + rb")(?:['\"/])",
        re.MULTILINE,
    )
    return pattern, roots


def sdks_without_calls(imported: list[str], listed: list[Listed]) -> str | None:
    """What says the project uses an SDK, when no call was proven: the note that says so."""
    parts = [f"the code imports {', '.join(imported)}"] if imported else []
    by_manifest: dict[str, list[str]] = {}
    for each in listed:
        by_manifest.setdefault(each.manifest, []).append(each.package)
    manifests = [f"{path} lists {', '.join(names)}" for path, names in by_manifest.items()]
    if len(manifests) > 3:
        manifests[2:] = [f"{len(manifests) - 2} more manifests list SDKs"]
    parts.extend(manifests)
    if not parts:
        return None
    said = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return (
        f"{said} but no tracking call was proven: "
        "`evdict scan --suggest-config` lists the calls that look like ones"
    )


def _receiver(call: Call) -> str:
    """The receiver's name, when a wrapper spec's ``callee:`` can name it (a plain name,
    not a call's result)."""
    receiver = call.callee[-2] if len(call.callee) >= 2 else ""
    return receiver if receiver.replace("$", "_").isidentifier() else ""


def _destructured_from(module: Module, scope: str, call: Call) -> str:
    """For ``track(...)`` of ``const { track } = useAnalytics()`` (a member of what a
    hook gives, a context's value not known statically), which a ``callee: track`` line
    reads: the hook's name; else empty."""
    if len(call.callee) != 1:
        return ""
    name = call.callee[0]
    for current in module.scope_chain(scope):
        found = module.names(current).get(name)
        if not found:
            continue
        hooks = {
            bound.value.path[0].removesuffix("()").rpartition(".")[2]
            for bound in found
            if isinstance(bound, Binding)
            and isinstance(bound.value, Ref)
            and bound.value.path[1:] == (name,)
            and bound.value.path[0].endswith("()")
        }
        hook = hooks.pop() if len(hooks) == 1 and len(found) == 1 else ""
        return hook if hook.startswith("use") else ""
    return ""


def _event_literal(call: Call, weight: Weight) -> tuple[str, str, str | None] | None:
    """The literal event name the call gives where the weighed reading takes it, the
    spec of that place and of the properties'."""
    if weight.preset is None:
        key = event_object_key(call)
        found = literal_at(call, Slot(0, key=key)) if key else None
        return (found.value, f"0.{key}", "0") if found else None
    signature = applicable(weight.preset.method(call.callee[-1]) or (), call)
    if signature is None:
        return None
    found = literal_at(call, signature.event)
    if found is None:
        return None
    properties = signature.properties.describe() if signature.properties else None
    return found.value, signature.event.describe(), properties
