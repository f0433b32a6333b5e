"""What the personal-data detectors find: a kind of personal data and its category
(:class:`PiiMatch`), never the value itself."""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = ("contact", "identifier", "financial", "location", "government id", "device")


@dataclass(frozen=True, slots=True)
class PiiMatch:
    """What kind of personal data was found.

    ``preview`` is a redacted rendering of a detected value (``j***@gmail.com``), never
    the value itself; it is ``None`` for names. ``reserved`` marks values from ranges
    set aside for documentation and testing (``@example.com``, ``192.0.2.0/24``,
    ``555-0100`` to ``555-0199``, well-known test card numbers): they have the shape of
    personal data but identify no one, so they are what a plan's examples should use.
    """

    kind: str
    category: str
    preview: str | None = None
    reserved: bool = False

    @property
    def label(self) -> str:
        """``contact: email address``, as messages show it."""
        return f"{self.category}: {self.kind}"
