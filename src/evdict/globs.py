"""``/``-separated globs (plan files, workspace folders) read as regular expressions."""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=64)
def glob_regex(pattern: str, *, folder: bool = False) -> re.Pattern[str]:
    """``pattern`` as a regex over a whole ``/``-separated path: ``*``, ``?`` and ``[...]``
    stay inside one directory, ``**`` spans any number of them (``a/**/*.yaml`` matches
    ``a/x.yaml``), as :meth:`pathlib.Path.glob` reads them. With ``folder``, a trailing
    ``/**`` also matches the folder itself, as npm and pnpm read workspace globs
    (``packages/**`` names ``packages``)."""
    parts: list[str] = []
    for part in pattern.removeprefix("./").split("/"):
        # `**/**` is `**`: repeated, each would multiply the backtracking over deep paths.
        if part != "**" or not parts or parts[-1] != "**":
            parts.append(part)
    regex = ""
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            regex += ".*" if last else "(?:[^/]+/)*"
            continue
        regex += _segment_regex(part) + ("" if last else "/")
    if folder and regex.endswith("/.*"):
        regex = regex[:-3] + "(?:/.*)?"
    return re.compile(regex + r"\Z")


def _segment_regex(segment: str) -> str:
    out = ""
    index = 0
    while index < len(segment):
        char = segment[index]
        closing = segment.find("]", index + 2) if char == "[" else -1
        if char == "*":
            out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        elif closing != -1:
            body = segment[index + 1 : closing]
            negate = body.startswith("!")
            body = body[1:] if negate else body
            out += "[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]"
            index = closing
        else:
            out += re.escape(char)
        index += 1
    return out
