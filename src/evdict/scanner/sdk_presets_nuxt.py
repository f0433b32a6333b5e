"""Nuxt modules' auto-imported analytics composables, as presets (the other JavaScript
presets are :mod:`evdict.scanner.sdk_presets_js`, which lists these among its own).

A module listed in ``nuxt.config``'s ``modules`` (and installed: the app's
``package.json`` lists it) registers composables that the app's code calls with no
import. Each is a global of its preset that needs the package
(:attr:`~evdict.scanner.presets.Preset.globals_need_package`): a bare call is one only in
a file a manifest listing the module governs, and only when the project defines no
function of that name (Nuxt auto-imports the app's own ``composables/`` and ``utils/``
too, and the app's wins). Two modules name the same composable with different arguments,
so the listed package decides which reads the call:

* ``@nuxtjs/plausible`` (and its former name ``nuxt-plausible``): ``useTrackEvent(name,
  {props, revenue?, callback?})``, Plausible's own options: only ``props`` carries
  properties; ``useTrackPageview(options?)`` sends a page view, no event.
* ``nuxt-gtag``: ``useTrackEvent(name, params?)``, gtag's ``event`` command: the
  parameters are the event's properties.
* ``nuxt-umami``: ``umTrackEvent(name, data?)``; ``umTrackView()`` sends a page view.

PostHog's ``@posthog/nuxt`` auto-imports ``usePostHog()``, the posthog-js client: it is a
package of the posthog preset (evidence for ``posthog.capture(...)``), not a global here.
"""

from __future__ import annotations

from evdict.scanner.presets import Preset, Signature, Slot

NUXT_PRESETS: tuple[Preset, ...] = (
    Preset(
        name="plausible",
        language="javascript",
        packages=("@nuxtjs/plausible", "nuxt-plausible"),
        roots=(),
        methods=(("useTrackEvent", (Signature(event=Slot(0), properties=Slot(1, key="props")),)),),
        globals=("useTrackEvent",),
        globals_need_package=True,
        markers=("useTrackEvent",),  # the app's own, however defined, must be read too
    ),
    Preset(
        name="gtag",
        language="javascript",
        packages=("nuxt-gtag",),
        roots=(),
        methods=(("useTrackEvent", (Signature(event=Slot(0), properties=Slot(1)),)),),
        globals=("useTrackEvent",),
        globals_need_package=True,
        markers=("useTrackEvent",),
    ),
    Preset(
        name="umami",
        language="javascript",
        packages=("nuxt-umami",),
        roots=(),
        methods=(("umTrackEvent", (Signature(event=Slot(0), properties=Slot(1)),)),),
        globals=("umTrackEvent",),
        globals_need_package=True,
        markers=("umTrackEvent",),
    ),
)
