"""Running the mock with uvicorn: in a background thread (tests) or in the foreground (CLI).

The listening socket is bound before uvicorn starts, so port 0 (the OS picks) gives a known
port at once, and the CLI can print the URLs before serving.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import uvicorn

from generator.ir.nodes import ApiNode
from generator.paths import SPECS_DIR, spec_files
from generator.pipeline import load_apis

from .app import MockApp
from .params import use_package

__all__ = ["MockServer", "load_mock_apis"]

_START_TIMEOUT = 15.0


def load_mock_apis(vendors: Sequence[str] = (), specs: Path = SPECS_DIR) -> tuple[ApiNode, ...]:
    """The IR of the specs to serve: all of them, or the named vendors (ValueError if unknown)."""
    paths = spec_files(specs)
    known = [path.stem for path in paths]
    unknown = sorted(set(vendors) - set(known))
    if unknown:
        raise ValueError(f"no spec for vendor(s) {', '.join(unknown)}; known: {', '.join(known)}")
    chosen = [path for path in paths if not vendors or path.stem in vendors]
    return load_apis(chosen)


class MockServer:
    """The mock on 127.0.0.1: `start()`/`stop()` (or `with`) in a thread, `serve_forever()`."""

    def __init__(
        self,
        vendors: Sequence[str] = (),
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        records: int = 1000,
        page_size: int = 100,
        file_bytes: int = 4096,
        seed: int = 7,
        specs: Path = SPECS_DIR,
        log_level: str = "warning",
        quiet: bool = True,
        apis: Sequence[ApiNode] | None = None,
        packages: Mapping[str, str] | None = None,
    ) -> None:
        """`apis` (IR already built) replaces loading `specs`; `packages` maps a vendor id to
        the package generated from it, when that is not `generated.<id>`."""
        self.apis = tuple(apis) if apis is not None else load_mock_apis(vendors, specs)
        for vendor_id, package in (packages or {}).items():
            use_package(vendor_id, package)
        self.app = MockApp(
            self.apis, records=records, page_size=page_size, file_bytes=file_bytes, seed=seed
        )
        self.host = host
        self._socket = self._bind(host, port)
        options: dict[str, Any] = {"log_config": None} if quiet else {}
        config = uvicorn.Config(
            self.app,
            http="h11",
            lifespan="off",
            log_level=log_level,
            access_log=False,
            proxy_headers=False,
            **options,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @staticmethod
    def _bind(host: str, port: int) -> socket.socket:
        # IPPROTO_TCP named explicitly: asyncio turns Nagle off (TCP_NODELAY) only on sockets
        # whose proto says TCP, and a 40 ms delayed-ACK stall per small answer is the price.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        return sock

    @property
    def port(self) -> int:
        port: int = self._socket.getsockname()[1]
        return port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def vendor_url(self, vendor: str) -> str:
        return f"{self.url}/{vendor}"

    def credentials(self, vendor: str) -> dict[str, str]:
        return dict(self.app.state.settings[vendor].credentials)

    def start(self) -> Self:
        """Serve in a background thread; returns once the port accepts connections."""
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            daemon=True,
            name="callspec-mock",
        )
        self._thread.start()
        deadline = time.monotonic() + _START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the mock server did not start on {self.url}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._socket.close()

    def serve_forever(self) -> None:
        """Serve in this thread until Ctrl-C (uvicorn handles the signal and shuts down)."""
        try:
            self._server.run(sockets=[self._socket])
        finally:
            self._socket.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
