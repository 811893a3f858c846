"""A Hugging Face Hub on 127.0.0.1 for tests: the two endpoints the resolver calls.

`GET /api/models/{org}/{name}` and `GET /api/datasets/{org}/{name}` answer as the Hub
does (JSON with `cardData`, derived `license:` and `base_model:` tags, `sha`, error
headers `X-Error-Code` on 404 and gated repos). A repository given a `readme` serves it
at `/[datasets/]{org}/{name}/raw/{sha}/README.md` (its own script: `readme_script`); one
without answers that path 404, as the Hub does for a repository with no README. Each repository has a script of
responses played in order (the last one repeats): "ok", an HTTP status, "gated",
"garbage" (200 with HTML), "hang" (answer nothing until the test ends, bounded) or
"barrier" (wait until several requests are in flight at once: proves the client is
concurrent). Hostile steps (tests/test_hostile_hub.py): "redirect:<location>",
"retry-after:<seconds>" (429), "sleep:<seconds>" (then ok), "trickle" (the answer one byte
every TRICKLE_GAP s), "bomb" (a small gzip body that inflates to BOMB_BYTES), "big" (an
answer of BIG_BYTES), "echo-auth" (the Authorization header sent back in the card) and
"raw" (the card as the whole answer, whatever its shape), "deep" (JSON nested DEEP
levels: deeper than any parser's recursion). Every request is recorded, so a
test can assert that none was made.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HANG_LIMIT = 20.0  # seconds a hanging handler waits at most, so a broken test still ends
TRICKLE_GAP = 0.2  # seconds between the bytes of a trickled answer
DEEP = 200_000
BOMB_BYTES = 64_000_000  # what the "bomb" step's gzip body inflates to
BIG_BYTES = 3_000_000  # the size of the "big" step's answer (over the 2 MB cap)


@dataclass
class Repo:
    kind: str  # "model" | "dataset"
    id: str
    card: dict[str, Any]
    script: list[Any] = field(default_factory=lambda: ["ok"])
    token: str | None = None  # a gated repo answers this bearer token
    served: int = 0
    readme: str | None = None  # the card's text (README.md), served when set
    readme_script: list[Any] = field(default_factory=lambda: ["ok"])
    readme_served: int = 0
    extra_tags: list[str] = field(default_factory=list)  # tags the Hub shows besides derived ones
    files: dict[str, str] = field(default_factory=dict)  # other files served raw (pipeline.yaml)

    @property
    def sha(self) -> str:
        return hashlib.sha1(f"{self.kind}:{self.id}".encode()).hexdigest()

    def next_step(self) -> Any:
        step = self.script[min(self.served, len(self.script) - 1)]
        self.served += 1
        return step

    def payload(self) -> dict[str, Any]:
        org = self.id.split("/")[0]
        # Tags come only from well-formed fields, as the Hub derives them (a hostile card's
        # odd shapes reach the client through cardData alone).
        tags = [f"license:{lic}" for lic in _list(self.card.get("license"))]
        bases = _list(self.card.get("base_model"))
        relation = self.card.get("base_model_relation") or ("merge" if len(bases) > 1 else "finetune")
        for base in bases:
            tags += [f"base_model:{base}", f"base_model:{relation}:{base}"]
        tags += [f"dataset:{d}" for d in _list(self.card.get("datasets"))]
        tags += self.extra_tags
        tags.append("region:us")
        body: dict[str, Any] = {
            "_id": self.sha[:24],
            "id": self.id,
            "author": org,
            "sha": self.sha,
            "lastModified": "2024-08-01T12:00:00.000Z",
            "createdAt": "2024-07-24T09:30:00.000Z",
            "private": False,
            "disabled": False,
            "gated": "manual" if self.token else False,
            "downloads": 0,
            "likes": 0,
            "tags": tags,
            "cardData": self.card,
            "siblings": [{"rfilename": ".gitattributes"}, {"rfilename": "README.md"}],
        }
        if self.kind == "model":
            body.update(modelId=self.id, pipeline_tag="text-generation", library_name="transformers")
        return body


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    authorization: str | None
    query: str = ""


class FakeHub:
    def __init__(self, barrier_parties: int = 4) -> None:
        self.repos: dict[tuple[str, str], Repo] = {}
        self.requests: list[Request] = []
        self.release = threading.Event()
        self.barrier = threading.Barrier(barrier_parties)
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeHub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.barrier.abort()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def model(
        self,
        repo_id: str,
        script: list[Any] | None = None,
        token: str | None = None,
        readme: str | None = None,
        tags: list[str] | None = None,
        readme_script: list[Any] | None = None,
        **card: Any,
    ) -> None:
        repo = Repo("model", repo_id, card, script or ["ok"], token, readme=readme)
        repo.extra_tags = tags or []
        repo.readme_script = readme_script or ["ok"]
        if "bomb" in repo.script:
            _bomb()  # compressed now, not while a client with a 1 s timeout waits for it
        self.repos[("model", repo_id.lower())] = repo

    def dataset(
        self,
        repo_id: str,
        script: list[Any] | None = None,
        token: str | None = None,
        readme: str | None = None,
        readme_script: list[Any] | None = None,
        tags: list[str] | None = None,
        files: dict[str, str] | None = None,
        **card: Any,
    ) -> None:
        repo = Repo("dataset", repo_id, card, script or ["ok"], token, readme=readme)
        repo.files = files or {}
        repo.readme_script = readme_script or ["ok"]
        repo.extra_tags = tags or []
        self.repos[("dataset", repo_id.lower())] = repo

    def rename(self, kind: str, old_ref: str, repo_id: str, **card: Any) -> None:
        """Serve `repo_id` when `old_ref` is asked for, as the Hub does after a rename."""
        self.repos[(kind, old_ref.lower())] = Repo(kind, repo_id, card, ["ok"])

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def api_paths(self) -> list[str]:
        """The metadata requests, without the README requests that follow a dataset's."""
        return [p for p in self.paths() if p.startswith("/api/")]

    def count(self, path: str) -> int:
        return self.paths().count(path)

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()

    # --- serving ------------------------------------------------------------------

    def _readme(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        with self._lock:
            repo, step = _readme_of(self, path)
        if isinstance(step, str) and step.startswith("sleep:"):  # a slow Hub, then the card
            self.release.wait(float(step.partition(":")[2]))
            step = "ok"
        if repo is None or repo.readme is None:
            return _send(handler, 404, "Entry not found", {"X-Error-Code": "EntryNotFound"})
        if step != "ok":
            return _send(handler, int(step), f"status {step}")
        return _send_bytes(handler, 200, repo.readme.encode("utf-8"), {"Content-Type": "text/plain"})

    def _file(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        kind = "dataset" if path.startswith("/datasets/") else "model"
        repo_id, _, rest = path.removeprefix("/datasets/").strip("/").partition("/raw/")
        name = rest.partition("/")[2]
        repo = self.repos.get((kind, repo_id.lower()))
        if repo is None or name not in repo.files:
            return _send(handler, 404, "Entry not found", {"X-Error-Code": "EntryNotFound"})
        return _send_bytes(handler, 200, repo.files[name].encode("utf-8"), {"Content-Type": "text/plain"})

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path, _, query = handler.path.partition("?")
        with self._lock:
            self.requests.append(Request(handler.command, path, handler.headers.get("Authorization"), query))
        if path.endswith("/README.md") and "/raw/" in path:
            return self._readme(handler, path)
        if "/raw/" in path:
            return self._file(handler, path)
        kind, repo_id = _parse(path)
        repo = self.repos.get((kind, repo_id.lower())) if kind else None
        if repo is None:
            return _send(handler, 404, {"error": "Repository not found"}, {"X-Error-Code": "RepoNotFound"})
        with self._lock:
            step = repo.next_step()
        if step == "hang":
            self.release.wait(HANG_LIMIT)
            step = "ok"
        if step == "barrier":
            try:
                self.barrier.wait(timeout=HANG_LIMIT)
            except threading.BrokenBarrierError:
                return _send(handler, 500, {"error": "barrier broken: requests were not concurrent"})
            step = "ok"
        if step == "gated":
            if repo.token and handler.headers.get("Authorization") == f"Bearer {repo.token}":
                step = "ok"
            else:
                message = f"Access to model {repo.id} is restricted. You must have access to it."
                return _send(
                    handler,
                    401,
                    {"error": message},
                    {"X-Error-Code": "GatedRepo", "X-Error-Message": message},
                )
        if isinstance(step, str) and _hostile(self, handler, repo, step):
            return None
        if step == "ok":
            return _send(handler, 200, repo.payload())
        if step == "garbage":  # a proxy's error page with status 200
            return _send(handler, 200, "<html>Bad gateway</html>")
        status = int(step)
        headers = {"Retry-After": "0"} if status == 429 else {}
        return _send(handler, status, {"error": f"status {status}"}, headers)


class _Server(ThreadingHTTPServer):
    # A real Hub accepts many connections at once; the default backlog of 5 would make the
    # kernel drop concurrent connects, and the client's retry a second later is no Hub delay.
    request_queue_size = 128
    daemon_threads = True


def _readme_of(hub: FakeHub, path: str) -> tuple[Repo | None, Any]:
    kind = "dataset" if path.startswith("/datasets/") else "model"
    repo_id = path.removeprefix("/datasets/").strip("/").split("/raw/")[0]
    repo = hub.repos.get((kind, repo_id.lower()))
    if repo is None or repo.readme is None:
        return None, None
    step = repo.readme_script[min(repo.readme_served, len(repo.readme_script) - 1)]
    repo.readme_served += 1
    return repo, step


def _hostile(hub: FakeHub, handler: BaseHTTPRequestHandler, repo: Repo, step: str) -> bool:
    """Play one of the hostile steps; False if `step` is not one of them."""
    name, _, arg = step.partition(":")
    if name == "redirect":
        _send(handler, 302, {"error": "moved"}, {"Location": arg})
    elif name == "retry-after":
        _send(handler, 429, {"error": "slow down"}, {"Retry-After": arg})
    elif name == "sleep":
        hub.release.wait(float(arg))
        _send(handler, 200, repo.payload())
    elif name == "trickle":
        _trickle(hub, handler, json.dumps(repo.payload()).encode())
    elif name == "bomb":
        _send_bytes(handler, 200, _bomb(), {"Content-Encoding": "gzip"})
    elif name == "big":
        body = repo.payload()
        body["padding"] = "x" * BIG_BYTES
        _send(handler, 200, body)
    elif name == "echo-auth":
        body = repo.payload()
        body["cardData"] = {**repo.card, "license_name": f"sent {handler.headers.get('Authorization')}"}
        _send(handler, 200, body)
    elif name == "raw":
        _send(handler, 200, json.dumps(repo.card))
    elif name == "deep":
        _send_bytes(handler, 200, b"[" * DEEP + b"]" * DEEP, {})
    else:
        return False
    return True


_BOMB: list[bytes] = []


def _bomb() -> bytes:
    if not _BOMB:
        _BOMB.append(gzip.compress(b"\0" * BOMB_BYTES, compresslevel=9))
    return _BOMB[0]


def _trickle(hub: FakeHub, handler: BaseHTTPRequestHandler, data: bytes) -> None:
    """Headers at once, then the body a byte at a time: each read succeeds, the whole never ends."""
    try:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        for i in range(len(data)):
            if hub.release.wait(TRICKLE_GAP):
                return
            handler.wfile.write(data[i : i + 1])
            handler.wfile.flush()
    except (BrokenPipeError, ConnectionResetError):
        pass


def _parse(path: str) -> tuple[str | None, str]:
    for prefix, kind in (("/api/models/", "model"), ("/api/datasets/", "dataset")):
        if path.startswith(prefix):
            return kind, path[len(prefix) :].strip("/")
    return None, ""


def _send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: dict[str, Any] | str,
    headers: dict[str, str] | None = None,
) -> None:
    data = (body if isinstance(body, str) else json.dumps(body)).encode()
    _send_bytes(handler, status, data, headers)


def _send_bytes(
    handler: BaseHTTPRequestHandler, status: int, data: bytes, headers: dict[str, str] | None = None
) -> None:
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client gave up (a timeout test): nothing to answer


def _handler(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hub.answer(self)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean

    return Handler


# --- fixtures seeded from real card front matter (shared/reference/hub-cards.yaml) ---------


def seed(hub: FakeHub) -> FakeHub:
    """Repositories no catalogue lists, shaped like real cards: fine-tunes, quantizations, merges."""
    # Plain licences.
    hub.model("plain-lab/mit-model", license="mit", library_name="transformers")
    hub.model("plain-lab/apache-model", license="apache-2.0", base_model="plain-lab/mit-model")
    # `other` with a custom name (as Qwen's and Mistral's cards do) and with a name the Hub tag map knows.
    hub.model(
        "custom-lab/custom-licence-7b",
        license="other",
        license_name="custom-research-licence",
        license_link="https://example.test/custom-lab/LICENSE",
    )
    hub.model(
        "QuantFactory/Meta-Llama-3-8B-Instruct-GGUF",
        license="other",
        license_name="llama3",
        license_link="LICENSE",
        base_model="meta-llama/Meta-Llama-3-8B-Instruct",
        base_model_relation="quantized",
    )
    # A licence only known by its title (the Qwen Community License names no Hub id).
    hub.model(
        "community-lab/qwen-community-9b",
        license="other",
        license_name="qwen-community-license",
        license_link="LICENSE",
    )
    # Re-uploads that name no base model: the licence tag is all the Hub says (as many mirrors).
    hub.model("mirror-lab/llama32-vision-copy", license="llama3.2")
    hub.model("vicuna-lab/vicuna-7b", license="llama2")
    # No licence at all (teknium/OpenHermes-2.5 has none either).
    hub.model("mystery-lab/mystery-7b", tags=["chat"])
    # Llama 2: a fine-tune whose card claims Apache-2.0, and a quantization.
    hub.model("ft-lab/llama2-support-7b", license="apache-2.0", base_model="meta-llama/Llama-2-7b-hf")
    hub.model(
        "quant-lab/Llama-2-7B-Chat-GGUF",
        license="llama2",
        base_model="meta-llama/Llama-2-7b-chat-hf",
        base_model_relation="quantized",
    )
    # Llama 3.1: a fine-tune claiming Apache-2.0, a quantization naming the old repo id, an adapter.
    hub.model("ft-lab/llama31-legal-8b", license="apache-2.0", base_model="meta-llama/Llama-3.1-8B")
    hub.model(
        "quant-lab/Meta-Llama-3.1-8B-Instruct-Q4_K_M-GGUF",
        license="llama3.1",
        base_model="meta-llama/Meta-Llama-3.1-8B-Instruct",
        base_model_relation="quantized",
    )
    hub.model(
        "adapter-lab/llama31-lora",
        license="mit",
        base_model="meta-llama/Llama-3.1-8B-Instruct",
        base_model_relation="adapter",
    )
    # A merge of a Hub fine-tune of Llama 3.1 and a catalogued Llama 2 model.
    hub.model(
        "merge-lab/llama-slerp",
        license="apache-2.0",
        base_model=["ft-lab/llama31-legal-8b", "meta-llama/Llama-2-7b-hf"],
        base_model_relation="merge",
    )
    # A cycle, and a chain deeper than the lineage limit.
    hub.model("loop-lab/a", license="mit", base_model="loop-lab/b")
    hub.model("loop-lab/b", license="mit", base_model="loop-lab/a")
    for i in range(12):
        hub.model(f"deep-lab/m{i}", license="mit", base_model=f"deep-lab/m{i + 1}" if i < 11 else None)
    # Faults.
    hub.model("gated-lab/private-7b", script=["gated"], token="hf_test_token", license="llama3.1")
    hub.model("flaky-lab/flaky-7b", script=[500, "ok"], license="mit")
    hub.model("busy-lab/busy-7b", script=[429, "ok"], license="mit")
    hub.model("down-lab/broken-7b", script=[500], license="mit")
    hub.model("slow-lab/slow-7b", script=["hang"], license="mit")
    hub.model("junk-lab/junk-7b", script=["garbage"], license="mit")
    # Datasets (dataset cards may list several licences and name source_datasets).
    hub.dataset("data-lab/open-instructions", license="cc-by-4.0", source_datasets=["data-lab/raw"])
    hub.dataset("data-lab/raw", license="cc-by-4.0")
    hub.dataset("data-lab/nc-chats", license="cc-by-nc-4.0")
    hub.dataset("data-lab/unlicensed", pretty_name="No licence here")
    hub.dataset("data-lab/mixed", license=["mit", "cc-by-nc-4.0"])
    # A renamed repository, a re-upload that names its source, and a gated one.
    hub.rename("dataset", "old-lab/alpaca", "tatsu-lab/alpaca", license="cc-by-nc-4.0")
    hub.dataset("copy-lab/alpaca-copy", license="mit", source_datasets=["tatsu-lab/alpaca"])
    hub.dataset("gate-lab/chats", license="mit", token="hf_gate")
    return hub


def hub_env(hub: FakeHub, tmp: Any, **extra: str | None) -> dict[str, str | None]:
    """The environment a test run sees: this Hub, a private cache, short time bounds, no token."""
    env: dict[str, str | None] = {
        "HF_ENDPOINT": hub.url,
        "HF_HOME": str(tmp / "hf-home"),
        "HF_TOKEN": None,
        "HF_HUB_OFFLINE": None,
        "LICENSECHECK_CACHE_DIR": str(tmp / "cache"),
        "LICENSECHECK_HUB_TIMEOUT": "1",
        "LICENSECHECK_HUB_BACKOFF": "0.01",
        "LICENSECHECK_HUB_CACHE_TTL": None,
    }
    env.update(extra)
    return env
