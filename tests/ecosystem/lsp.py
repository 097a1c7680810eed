"""A small Language Server Protocol client: JSON-RPC over a server's stdin/stdout with Content-Length framing.

Why our own: the editor tests need three requests (diagnostics, completion,
hover) against a real yaml-language-server, and the framing is a dozen lines.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO


class LanguageServer:
    """One server process; requests wait for their answer, notifications are kept by method."""

    def __init__(self, command: list[str], root: Path, settings: dict[str, Any]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.settings = settings
        self.next_id = 0
        self.answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.lock = threading.Lock()
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()
        capabilities = {
            "textDocument": {
                "completion": {"completionItem": {"documentationFormat": ["markdown", "plaintext"]}},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {},
            },
            "workspace": {"configuration": True},
        }
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    # -- the wire -------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self, stream: BinaryIO) -> None:
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if not line:
                return
            self._receive(json.loads(stream.read(length)))

    def _receive(self, message: dict[str, Any]) -> None:
        if "id" in message and "method" in message:  # a request from the server
            self._send({"id": message["id"], "result": self._answer(message)})
        elif "id" in message:
            self._answers(message["id"]).put(message)
        elif message.get("method") == "textDocument/publishDiagnostics":
            params = message["params"]
            with self.lock:
                self.diagnostics[params["uri"]] = params["diagnostics"]

    def _answer(self, request: dict[str, Any]) -> Any:
        if request["method"] == "workspace/configuration":
            return [self.settings.get(item.get("section", ""), None) for item in request["params"]["items"]]
        return None

    def _answers(self, number: int) -> queue.Queue[dict[str, Any]]:
        with self.lock:
            return self.answers.setdefault(number, queue.Queue())

    # -- the protocol -----------------------------------------------------------------

    def request(self, method: str, params: dict[str, Any], timeout: float = 30) -> Any:
        self.next_id += 1
        number = self.next_id
        self._send({"id": number, "method": method, "params": params})
        answer = self._answers(number).get(timeout=timeout)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        with self.lock:
            self.diagnostics.pop(uri, None)
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri

    def wait_for_diagnostics(self, uri: str, timeout: float = 30) -> list[dict[str, Any]]:
        """The diagnostics the server published for a document (it publishes after each change)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if uri in self.diagnostics:
                    return self.diagnostics[uri]
            time.sleep(0.05)
        raise TimeoutError(f"no diagnostics for {uri}")

    def completion(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        position = {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        result = self.request("textDocument/completion", position)
        items: list[dict[str, Any]] = result["items"] if isinstance(result, dict) else result or []
        return items

    def hover(self, uri: str, line: int, character: int) -> str:
        position = {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        result = self.request("textDocument/hover", position)
        if not result:
            return ""
        contents = result["contents"]
        return contents["value"] if isinstance(contents, dict) else str(contents)

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except (RuntimeError, OSError, queue.Empty, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
