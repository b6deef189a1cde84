"""The IR's list of the runtime client's attributes stays in step with the runtime itself."""

from __future__ import annotations

import asyncio
import importlib

import pytest

from generator.names import CLIENT_ATTRIBUTES, CLIENT_MODULE_NAMES
from generator.runtime import ApiDescription, AsyncClient, Server, SyncClient
from tests.conftest import vendor_ids


def _attributes(*objects: object) -> set[str]:
    names: set[str] = set()
    for value in objects:
        names |= set(dir(value))
        names |= set(vars(value)) if not isinstance(value, type) else set()
    return {name for name in names if not name.startswith("__")}


def test_client_attributes_match_sync_and_async_clients() -> None:
    description = ApiDescription(vendor="Acme", server=Server(url="http://127.0.0.1:9"))
    sync = SyncClient(description, credentials={}, variables={})
    asynchronous = AsyncClient(description, credentials={}, variables={})
    actual = _attributes(SyncClient, AsyncClient, sync, asynchronous)
    sync.close()
    asyncio.run(asynchronous.aclose())
    assert actual == CLIENT_ATTRIBUTES, "update CLIENT_ATTRIBUTES in generator/names.py"


@pytest.mark.parametrize("vendor", vendor_ids())
def test_module_names_cover_what_a_generated_client_module_defines(vendor: str) -> None:
    module = importlib.import_module(f"generated.{vendor}.client")
    defined = {name for name in vars(module) if not name.startswith("__")}
    operations = {name for name in defined if name.isupper() and name != "API"}
    own = {name for name in defined if name.endswith(("Client", "Params"))}
    assert defined - operations - own <= CLIENT_MODULE_NAMES
