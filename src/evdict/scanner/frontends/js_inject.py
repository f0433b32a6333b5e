"""Angular's ``inject()``: ``private readonly analytics = inject(AnalyticsService)`` (a
class field, or a local of a constructor or function) gives the instance Angular's
injector holds of that class, as a constructor parameter typed ``AnalyticsService`` does.
Read as a construction of the class, so a call through the field resolves as one through
an injected parameter. Only the ``inject`` imported from ``@angular/core``: a project's
own ``inject`` may return anything.
"""

from __future__ import annotations

from dataclasses import replace

from evdict.scanner.frontends.js_scope import Found
from evdict.scanner.model import Call, Ref

_INJECTORS = (("@angular/core", "inject"),)


def read_injected(found: Found) -> None:
    """Rewrite each binding to ``inject(C)`` of Angular's ``inject`` as ``C()``."""
    injectors = {
        each.local
        for each in found.imports
        if (each.specifier, each.name) in _INJECTORS and not each.scope
    }
    if not injectors:
        return
    for index, binding in enumerate(found.bindings):
        value = binding.value
        if not isinstance(value, Call) or len(value.callee) != 1:
            continue
        if value.callee[0] not in injectors or value.spreads:
            continue
        token = value.args[0] if value.args else None
        # ``inject(C, {optional: true})`` still gives a C. A token (``inject(CONFIG)``,
        # an ``InjectionToken``) is no class: its "construction" gives nothing known,
        # as the call of ``inject`` did.
        if isinstance(token, Ref):
            made = Call(token.path, (), (), (), value.pos)
            found.bindings[index] = replace(binding, value=made)
