"""Extraction fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from typing import Any

import pytest

from tollwatch.extract import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_pipeline()
