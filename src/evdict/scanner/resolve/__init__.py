"""Project-level resolution: the facts of every parsed file -> tracking calls.

Cheap and recomputed on every run (facts are what is cached). In order:

1. Which callee a call reaches: a wrapper declared in the config (a name or dotted
   suffix of the callee as written, after following aliases and imports), an SDK
   (an import of the SDK, an instance of its client class, or a receiver name such
   as ``analytics``/``posthog``/``mp``), or an inferred wrapper.
2. Wrapper inference, to a fixed point: a function that passes one of its parameters
   as the event of a tracking call is itself one, transitively and across modules.
3. Event names: literals, module and class constants (also imported), enum members
   (``Events.X``, ``.value``, ``.name``), ``typing.Final``; anything else is a dynamic
   name, with what is known of it.
4. Properties: mapping literals, ``dict(...)``, keyword arguments; a spread or a
   variable makes the set partial.

Besides the calls it reports what would let it see more: project modules it needed
but were not parsed (imported constants), and prefilter triggers for the names of
the wrappers it inferred (the next pass of the engine).

The jobs, one module each, in layers (a module imports only those above it):

- :mod:`~evdict.scanner.resolve.project`: the parsed modules, their scopes and names, and
  which project module an import names.
- :mod:`~evdict.scanner.resolve.values`: what names and expressions evaluate to (imports,
  attributes, classes, enums, constants); :class:`~evdict.scanner.resolve.values.Evaluator`.
- :mod:`~evdict.scanner.resolve.relay`: event-bus channels (JavaScript): the handler a
  ``trigger("segment:track", ...)`` calls; :class:`~evdict.scanner.resolve.relay.Channels`.
- :mod:`~evdict.scanner.resolve.implied`: instances the code implies (a parameter or
  attribute named as one project class, a Protocol's only implementation, an attribute
  one definition gives an SDK client); :class:`~evdict.scanner.resolve.implied.Implied`.
- :mod:`~evdict.scanner.resolve.events`: event names (step 3) and properties (step 4) of
  a call's arguments; :class:`~evdict.scanner.resolve.events.EventReader`.
- :mod:`~evdict.scanner.resolve.match`: what the config recognises and which callee a call
  reaches (step 1); :class:`~evdict.scanner.resolve.match.SinkMatcher`.
- :mod:`~evdict.scanner.resolve.dispatch`: calls through an abstract type (a TS
  interface, a Python ABC) read as its implementations' that send;
  :class:`~evdict.scanner.resolve.dispatch.Dispatch`.
- :mod:`~evdict.scanner.resolve.infer`: wrapper inference (step 2);
  :class:`~evdict.scanner.resolve.infer.WrapperInference`.
- :mod:`~evdict.scanner.resolve.calls`: the tracking calls and the whole
  :class:`Resolution`; :class:`Resolver` runs the jobs in order.
"""

from evdict.scanner.resolve.calls import Resolution, Resolver
from evdict.scanner.resolve.match import Recognizers
from evdict.scanner.resolve.project import Module, ModuleNames

__all__ = ["Module", "ModuleNames", "Recognizers", "Resolution", "Resolver"]
