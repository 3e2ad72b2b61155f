from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Error messages are checked in English (the msgids), whatever catalogs are compiled."""
    with translation.override("en"):
        yield
