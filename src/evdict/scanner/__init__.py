"""The scanner: tracking calls found in the source, language by language.

The pipeline (:mod:`evdict.scanner.engine`): :mod:`~evdict.scanner.discover` lists the
sources, :mod:`~evdict.scanner.prefilter` keeps those that can hold a call, a front end
(:mod:`evdict.scanner.frontends`) turns each into neutral facts
(:mod:`~evdict.scanner.model`, cached by :mod:`~evdict.scanner.cache`), and
:mod:`evdict.scanner.resolve` turns the project's facts into tracking calls with the SDK
presets (:mod:`~evdict.scanner.presets`) and the config's wrappers. Rules read only
:mod:`evdict.scanner.model`. The library call is :func:`evdict.scan` (``evdict.api``).
"""
