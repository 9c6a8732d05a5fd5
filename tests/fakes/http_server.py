"""A real HTTP server on 127.0.0.1 (ephemeral port) that answers with scripted responses and
records every request: for fault-injection tests of our outgoing clients (timeouts, 429, 5xx,
throttling) over real sockets, with no mocking of our own code.

    with ScriptedServer() as server:
        server.enqueue(Scripted(status=503), Scripted(json={"data": {...}}))
        ... point a client at server.url ...
        assert [r.path for r in server.requests] == [...]

When the script runs out the server answers 599 with a message, so a test that sends more
requests than it scripted fails loudly.
"""

from __future__ import annotations

import json as jsonlib
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass(frozen=True)
class Scripted:
    """One answer: ``json`` (serialized, Content-Type application/json) or raw ``body``;
    ``delay`` seconds before answering (for read timeouts)."""

    status: int = 200
    json: Any = None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # names lowercased
    body: bytes

    def json(self) -> Any:
        return jsonlib.loads(self.body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    script: deque[Scripted]
    requests: list[RecordedRequest]
    lock: threading.Lock
    released: threading.Event


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read ``server.requests`` instead."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with self.server.lock:
            self.server.requests.append(
                RecordedRequest(
                    method=self.command,
                    path=self.path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                )
            )
            scripted = self.server.script.popleft() if self.server.script else None
        if scripted is None:
            scripted = Scripted(status=599, body=b"no scripted response left")
        if scripted.delay:
            self.server.released.wait(scripted.delay)
        payload = (
            jsonlib.dumps(scripted.json).encode() if scripted.json is not None else scripted.body
        )
        try:
            self.send_response(scripted.status)
            if scripted.json is not None:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            for name, value in scripted.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test); nothing to answer

    do_GET = do_POST = do_PUT = do_DELETE = _answer


class ScriptedServer:
    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.script = deque()
        self._server.requests = []
        self._server.lock = threading.Lock()
        self._server.released = threading.Event()
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._server.lock:
            return list(self._server.requests)

    def enqueue(self, *responses: Scripted) -> None:
        with self._server.lock:
            self._server.script.extend(responses)

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.released.set()  # wake handlers still delaying
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def unused_port() -> int:
    """A loopback port nothing listens on (for connection-refused tests)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port
