from __future__ import annotations

from pathlib import Path

import pytest

from evdict.api import Options
from evdict.docs import DocsFormat, build_docs
from tests.conftest import EXAMPLES

EXAMPLE_CONFIG = EXAMPLES / "acme-enrich" / "evdict.yaml"
EDGE_CONFIG = Path(__file__).parent / "fixtures" / "edge" / "evdict.yaml"


def build(config: Path, out: Path, fmt: DocsFormat = "html") -> Path:
    build_docs(Options(config_path=config, use_cache=False), out, fmt)
    return out


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The acme-enrich example as HTML (built once: the tests only read it)."""
    return build(EXAMPLE_CONFIG, tmp_path_factory.mktemp("example-site"))


@pytest.fixture(scope="session")
def edge_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Awkward names and hostile text as HTML."""
    return build(EDGE_CONFIG, tmp_path_factory.mktemp("edge-site"))
