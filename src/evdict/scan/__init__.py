"""Code scanning: tracking calls found in the source, language by language.

The pipeline (:mod:`evdict.scan.engine`): :mod:`~evdict.scan.discover` lists the
sources, :mod:`~evdict.scan.prefilter` keeps those that can hold a call, a front end
(:mod:`~evdict.scan.frontends`) turns each into neutral facts (:mod:`~evdict.scan.model`,
cached by :mod:`~evdict.scan.cache`), and :mod:`~evdict.scan.resolve` turns the
project's facts into tracking calls with the SDK presets (:mod:`~evdict.scan.presets`)
and the config's wrappers. Rules read only :mod:`evdict.scan.model`.

``evdict.scan(options)`` is also the library call (:func:`evdict.api.scan`): this
package and that function share a name, so the package itself is callable.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evdict.scan.model import Inventory


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Inventory:
        from evdict.checker import scan

        return scan(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
