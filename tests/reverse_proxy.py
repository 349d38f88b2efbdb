"""A small reverse proxy for tests, set up as the README's deployment puts one in front of gunicorn.

Like nginx with `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`, it appends the address of
the client it sees to whatever X-Forwarded-For the client sent (the case where spoofing could matter), and
forwards to the app from 127.0.0.1. One request per connection, no redirects followed.

Clients choose their address by binding the source of their connection: Linux routes all of 127.0.0.0/8 to
loopback, so `Browser("127.0.0.2", port)` and `Browser("127.0.0.3", port)` are two people in two places.
"""

from __future__ import annotations

import http.client
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode, urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"}
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _handler_for(upstream_host: str, upstream_port: int) -> type[BaseHTTPRequestHandler]:
    class Forward(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            sent = self.headers.get("X-Forwarded-For")
            headers["X-Forwarded-For"] = f"{sent}, {self.client_address[0]}" if sent else self.client_address[0]
            headers["X-Forwarded-Proto"] = "http"
            headers["Connection"] = "close"
            upstream = http.client.HTTPConnection(upstream_host, upstream_port, timeout=10)
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                payload = answer.read()
                self.send_response(answer.status, answer.reason)
                for name, value in answer.getheaders():
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(payload)
            finally:
                upstream.close()
            self.close_connection = True

        do_GET = do_POST = do_HEAD = _forward

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Forward


@contextmanager
def reverse_proxy(upstream_url: str) -> Iterator[int]:
    """Run a reverse proxy on 127.0.0.1 in front of `upstream_url`; yields the port it listens on."""
    upstream = urlsplit(upstream_url)
    host = upstream.hostname or "127.0.0.1"
    host = "127.0.0.1" if host == "localhost" else host
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(host, upstream.port or 80))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class Response:
    def __init__(self, status: int, headers: dict[str, str], text: str) -> None:
        self.status = status
        self.headers = headers
        self.text = text

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Browser:
    """A person's browser at `source` (an address in 127.0.0.0/8): keeps cookies, sends no Origin header."""

    def __init__(self, source: str, port: int, *, host: str = "127.0.0.1") -> None:
        self.source = source
        self.host = host
        self.port = port
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10, source_address=(self.source, 0))
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", "replace")
            for name, value in answer.getheaders():
                if name.lower() == "set-cookie":
                    for morsel in SimpleCookie(value).values():
                        self.cookies[morsel.key] = morsel.value
            return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, text)
        finally:
            connection.close()

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post_form(self, path: str, fields: dict[str, str], headers: dict[str, str] | None = None) -> Response:
        """Post the form at `path` with `fields`, as a person would: the page is opened first unless the last
        answer was that form shown again (after a wrong password), whose CSRF token is then used."""
        if not self.token:
            page = self.get(path, headers=headers)
            match = CSRF_INPUT.search(page.text)
            assert match, f"no form with a CSRF token at {path} ({page.status})"
            self.token = match.group(1)
        answer = self.request("POST", path, {"csrfmiddlewaretoken": self.token, **fields}, headers=headers)
        again = CSRF_INPUT.search(answer.text) if answer.status == 200 else None
        self.token = again.group(1) if again else ""
        return answer
