"""A CommonJS module that exports a class whole (``module.exports = Analytics``): what
``require`` gives is that class, so ``const Analytics = require("../lib/analytics");
new Analytics()`` builds an instance of it, as ``import Analytics from`` would. (A
module exporting an object of members, ``module.exports = {track}``, is read member by
member: :meth:`~evdict.scanner.resolve.values.Evaluator.default_member`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evdict.scanner.resolve.value_types import Value, VClass, VModule

if TYPE_CHECKING:
    from evdict.scanner.resolve.values import Evaluator


def exported_class(values: Evaluator, value: Value) -> Value:
    """The class a JS module ``value`` exports whole, else ``value`` itself."""
    if not isinstance(value, VModule) or value.name not in values.modules:
        return value
    module = values.modules[value.name]
    defaults = module.names("").get("default")
    if module.facts.language == "python" or not defaults:
        return value
    exported = values.candidates_value(module, "", "default", defaults)
    return exported if isinstance(exported, VClass) else value
