from __future__ import annotations

from pathlib import Path

import pytest

from evdict.api import Options, scan
from evdict.docs import DocsFormat, build_docs, tracked_places
from tests.conftest import EXAMPLES

EXAMPLE_CONFIG = EXAMPLES / "acme-enrich" / "evdict.yaml"
EDGE_CONFIG = Path(__file__).parent / "fixtures" / "edge" / "evdict.yaml"


def build(config: Path, out: Path, fmt: DocsFormat = "html", *, scan: bool = True) -> Path:
    build_docs(Options(config_path=config, use_cache=False), out, fmt, scan=scan)
    return out


def in_example(path: str) -> str:
    """A path as the scanner reports it (from the working directory), relative to the example."""
    return (Path.cwd() / path).resolve().relative_to(EXAMPLE_CONFIG.parent.resolve()).as_posix()


@pytest.fixture(scope="session")
def example_places() -> dict[str, list[tuple[str, int]]]:
    """Where the example's code tracks each event, as the scanner finds it."""
    return tracked_places(scan(Options(config_path=EXAMPLE_CONFIG, use_cache=False)))


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The acme-enrich example as HTML (built once: the tests only read it)."""
    return build(EXAMPLE_CONFIG, tmp_path_factory.mktemp("example-site"))


@pytest.fixture(scope="session")
def edge_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Awkward names and hostile text as HTML."""
    return build(EDGE_CONFIG, tmp_path_factory.mktemp("edge-site"))
