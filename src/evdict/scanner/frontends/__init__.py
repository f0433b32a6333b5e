"""Scan front ends, one per language: source bytes -> neutral facts.

A front end reads one file's bytes and returns its :class:`~evdict.scanner.model.FileFacts`
(functions, classes, bindings, imports, calls with their arguments as neutral
expressions, suppression comments, a parse failure), with positions in characters.
It never judges: it knows no plan, rules, config or presets, and the same bytes
always give the same facts, so they can be cached. :mod:`evdict.scanner.engine` picks
the front end of a file's language; :mod:`evdict.scanner.resolve` turns the project's
facts into tracking calls.
"""
