from __future__ import annotations

from collections.abc import Iterator

import pytest

from kozomol.directory.selectors import clear_near_cache


@pytest.fixture(autouse=True)
def _fresh_near_cache() -> Iterator[None]:
    # Tests write services straight to the database, past the services that clear the cache.
    clear_near_cache()
    yield
    clear_near_cache()
