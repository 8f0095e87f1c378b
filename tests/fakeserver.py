"""A small OpenAI-compatible chat server on 127.0.0.1 that injects faults.

It answers ``POST /v1/chat/completions`` from a script of behaviours, so the
client's retries, re-asks and mode ladder are tested over real HTTP instead
of by patching SDK internals. The "ok" answer is derived from the prompt's
own hints (date candidates, host candidates, decision sentences), which
keeps it grounded without being a canned string.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Behaviour = str | Callable[[dict], tuple[int, dict, dict]]


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default backlog of 5 drops connections under load
    daemon_threads = True


def grounded_answer(body: dict) -> dict:
    """A plausible, fully grounded summary built from the prompt's own candidates.

    Two prompt shapes are answered: numbered candidates (``DATES: [D1] …``, ``HOSTS: [H1] …``,
    ``[R1]`` marks in the article; the reply picks numbers) and listed hints (``DATE CANDIDATES:``
    JSON lines; the reply copies phrases)."""
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    article = user.split("ARTICLE START\n", 1)[-1].rsplit("\nARTICLE END", 1)[0]
    first_line = article.split("\n", 1)[0]
    if re.search(r"^DATES: ", user, re.MULTILINE):
        dates = re.search(r"^DATES: (.*)$", user, re.MULTILINE).group(1)
        hosts = re.search(r"^HOSTS: (.*)$", user, re.MULTILINE)
        host_numbers = [int(n) for n in re.findall(r"\[H(\d+)\]", hosts.group(1) if hosts else "")]
        outcomes = sorted({int(n) for n in re.findall(r"\[R(\d+)\]", article)})
        return {
            "event": first_line.replace("[", "").replace("]", "")[:30],
            "date": 1 if "[D1]" in dates else None,
            "hosts": host_numbers,
            "resolutions": outcomes[:3],
            "other_hosts": [],
            "other_resolutions": [],
        }

    def field(name: str):
        match = re.search(rf"^{name}: (.*)$", user, re.MULTILINE)
        return json.loads(match.group(1)) if match else []

    dates, hosts, decisions = field("DATE CANDIDATES"), field("HOST CANDIDATES"), field("DECISION SENTENCES")
    return {
        "event": first_line[:30],
        "date_phrase": dates[0] if dates else None,
        "hosts": [
            {"name": h["name"], "role": h["role"], "evidence": h["name"]} for h in hosts
        ],
        "resolutions": [{"text": d[:20], "evidence": d[:40]} for d in decisions[:3]],
    }


def completion(content: str, finish: str = "stop", prompt_tokens: int = 100, completion_tokens: int = 20) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": "fake-model",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def respond(kind: str, body: dict) -> tuple[int, dict, dict]:
    """(status, headers, json body) for one named behaviour."""
    answer = grounded_answer(body)
    if kind == "ok":
        return 200, {}, completion(json.dumps(answer, ensure_ascii=False))
    if kind == "429":
        return 429, {"Retry-After": "0.2"}, {"error": {"message": "rate limited", "type": "rate_limit"}}
    if kind == "500":
        return 500, {}, {"error": {"message": "internal error", "type": "server_error"}}
    if kind == "503":
        return 503, {}, {"error": {"message": "overloaded", "type": "server_error"}}
    if kind == "bad_json":
        return 200, {}, completion('{"event": "会议", "hosts": [', prompt_tokens=90, completion_tokens=7)
    if kind == "truncated":
        text = json.dumps(answer, ensure_ascii=False)
        return 200, {}, completion(text[: len(text) // 2], finish="length", completion_tokens=600)
    if kind == "schema_violation":
        wrong = [{"name": "某人", "role": "speaker"}]  # an unknown role and no evidence
        broken = {**answer, "other_hosts": wrong} if "other_hosts" in answer else {**answer, "hosts": wrong}
        return 200, {}, completion(json.dumps(broken, ensure_ascii=False))
    if kind == "fabricated" and "other_hosts" in answer:
        fake = {
            **answer,
            "other_hosts": [{"name": "某某科技有限公司", "role": "organiser", "evidence": "由某某科技有限公司主办"}],
            "other_resolutions": [{"text": "成立联盟", "evidence": "会议决定成立全国产业联盟"}],
        }
        return 200, {}, completion(json.dumps(fake, ensure_ascii=False))
    if kind == "fabricated":
        fake = {
            **answer,
            "hosts": [
                *answer["hosts"],
                {"name": "某某科技有限公司", "role": "organiser", "evidence": "由某某科技有限公司主办"},
            ],
            "resolutions": [
                *answer["resolutions"],
                {"text": "成立联盟", "evidence": "会议决定成立全国产业联盟"},
            ],
        }
        return 200, {}, completion(json.dumps(fake, ensure_ascii=False))
    raise ValueError(kind)


class FakeServer:
    """Serve a script of behaviours; after the script, ``default`` repeats."""

    def __init__(
        self,
        script: list[Behaviour] | None = None,
        default: Behaviour = "ok",
        latency: float = 0.0,
        hang_seconds: float = 3.0,
        reject_json_schema: bool = False,
        reasoning_model: bool = False,
    ) -> None:
        self.script = list(script or [])
        self.default = default
        self.latency = latency
        self.hang_seconds = hang_seconds
        self.reject_json_schema = reject_json_schema
        # Plays OpenAI's reasoning models: HTTP 400 for max_tokens and for any temperature but 1.
        self.reasoning_model = reasoning_model
        self.rejected: list[str] = []
        self.requests: list[dict] = []
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict] = {}
        self.batch_polls_before_done = 1
        # Transient 503s to answer the next Files/Batches POSTs with, before they succeed.
        self.batch_api_failures = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def next_behaviour(self) -> Behaviour:
        with self._lock:
            return self.script.pop(0) if self.script else self.default

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real servers do

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                if self.path == "/stats":
                    self._send(200, {}, {"requests": len(fake.requests), "max_in_flight": fake.max_in_flight})
                    return
                match = re.match(r"^/v1/batches/([\w-]+)$", self.path)
                if match:
                    batch = fake.batches[match.group(1)]
                    batch["polls"] += 1
                    if batch["polls"] >= fake.batch_polls_before_done and batch["status"] != "completed":
                        fake._complete_batch(batch)
                    self._send(200, {}, {k: v for k, v in batch.items() if k != "polls"})
                    return
                match = re.match(r"^/v1/files/([\w-]+)/content$", self.path)
                if match:
                    data = fake.files[match.group(1)]
                    self.send_response(200)
                    self.send_header("Content-Type", "application/octet-stream")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                self._send(404, {}, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if self.path in ("/v1/files", "/v1/batches") and fake.batch_api_failures > 0:
                    with fake._lock:
                        fake.batch_api_failures -= 1
                    self._send(503, {}, {"error": {"message": "overloaded", "type": "server_error"}})
                    return
                if self.path == "/v1/files":
                    file_id = f"file-{len(fake.files) + 1}"
                    fake.files[file_id] = _multipart_file(raw, self.headers.get("Content-Type", ""))
                    self._send(200, {}, {"id": file_id, "object": "file", "bytes": len(raw), "created_at": 0,
                                         "filename": "digest.jsonl", "purpose": "batch", "status": "processed"})
                    return
                if self.path == "/v1/batches":
                    request = json.loads(raw)
                    batch_id = f"batch-{len(fake.batches) + 1}"
                    fake.batches[batch_id] = {
                        "id": batch_id, "object": "batch", "endpoint": request["endpoint"],
                        "input_file_id": request["input_file_id"], "completion_window": "24h",
                        "status": "in_progress", "created_at": 0, "output_file_id": None,
                        "error_file_id": None, "polls": 0,
                    }
                    self._send(200, {}, {k: v for k, v in fake.batches[batch_id].items() if k != "polls"})
                    return
                body = json.loads(raw or b"{}")
                with fake._lock:
                    fake.requests.append({"path": self.path, "body": body, "headers": dict(self.headers)})
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                try:
                    self._answer(body)
                finally:
                    with fake._lock:
                        fake.in_flight -= 1

            def _answer(self, body: dict) -> None:
                fmt = (body.get("response_format") or {}).get("type")
                if fake.reasoning_model:
                    refusal = _reasoning_model_refusal(body)
                    if refusal is not None:
                        fake.rejected.append(refusal["error"]["param"])
                        self._send(400, {}, refusal)
                        return
                if fake.reject_json_schema and fmt == "json_schema":
                    self._send(500, {}, {"error": {"message": "Input should be 'text' or 'json_object' "
                                                   "(response_format.type)", "type": "internal_server_error"}})
                    return
                behaviour = fake.next_behaviour()
                if fake.latency:
                    time.sleep(fake.latency)
                if behaviour == "hang":
                    time.sleep(fake.hang_seconds)
                    behaviour = "ok"
                if callable(behaviour):
                    status, headers, payload = behaviour(body)
                else:
                    status, headers, payload = respond(behaviour, body)
                self._send(status, headers, payload)

            def _send(self, status: int, headers: dict, payload: dict) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler

    def _complete_batch(self, batch: dict) -> None:
        """Answer every line of the uploaded JSONL with the scripted behaviours."""
        out = []
        for line in self.files[batch["input_file_id"]].decode("utf-8").splitlines():
            request = json.loads(line)
            with self._lock:
                self.requests.append({"path": request["url"], "body": request["body"], "headers": {}})
            behaviour = self.next_behaviour()
            status, _, payload = behaviour(request["body"]) if callable(behaviour) else respond(
                "ok" if behaviour == "hang" else behaviour, request["body"])
            out.append(json.dumps({"id": f"req-{len(out)}", "custom_id": request["custom_id"],
                                   "response": {"status_code": status, "body": payload}, "error": None},
                                  ensure_ascii=False))
        output_id = f"file-{len(self.files) + 1}"
        self.files[output_id] = ("\n".join(out) + "\n").encode("utf-8")
        batch.update(status="completed", output_file_id=output_id)

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def _reasoning_model_refusal(body: dict) -> dict | None:
    """OpenAI's wording and error shape for parameters its reasoning models reject."""
    if "max_tokens" in body:
        return {"error": {"message": "Unsupported parameter: 'max_tokens' is not supported with this model. "
                                     "Use 'max_completion_tokens' instead.", "type": "invalid_request_error",
                          "param": "max_tokens", "code": "unsupported_parameter"}}
    if body.get("temperature", 1) != 1:
        return {"error": {"message": f"Unsupported value: 'temperature' does not support {body['temperature']} "
                                     "with this model. Only the default (1) value is supported.",
                          "type": "invalid_request_error", "param": "temperature", "code": "unsupported_value"}}
    return None


def _multipart_file(raw: bytes, content_type: str) -> bytes:
    """The file part of a multipart/form-data upload."""
    boundary = content_type.split("boundary=")[-1].strip('"').encode()
    for part in raw.split(b"--" + boundary):
        if b'name="file"' in part:
            return part.split(b"\r\n\r\n", 1)[1].rsplit(b"\r\n", 1)[0]
    raise ValueError("no file part")


@contextmanager
def fake_server(**options: object) -> Iterator[FakeServer]:
    with FakeServer(**options) as server:  # type: ignore[arg-type]
        yield server


if __name__ == "__main__":  # a stand-alone server for benchmarks: prints its base URL, serves until killed
    import sys

    server = FakeServer(latency=float(sys.argv[1]) if len(sys.argv) > 1 else 0.0)
    with server:
        print(server.base_url, flush=True)
        threading.Event().wait()
