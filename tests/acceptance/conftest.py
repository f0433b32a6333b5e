"""The browser tests open the sites the docs unit tests build (session-scoped fixtures)."""

from tests.unit.docs.conftest import edge_site, example_site

__all__ = ["edge_site", "example_site"]
