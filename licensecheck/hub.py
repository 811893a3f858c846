"""Hugging Face Hub lookups: what a model or dataset card says about its licence and lineage.

One metadata request per repository (`GET {endpoint}/api/{models|datasets}/{id}`), made
here with the standard library rather than through huggingface_hub: the library can
bound neither a whole run in time, nor the size of a decompressed answer, nor where a
redirect leads. Every run has a budget (a deadline and a number of requests) that all
its lookups share; each request is also bounded by its own time-out and the answer by
its size; only same-host redirects (renames) are followed; 429 and 5xx are retried
with back-off while the deadline allows. A lookup never raises: it returns a HubRecord
or a HubFailure that says what went wrong, which the engine reports as needs-review.

Credentials never leave this module and hubsettings.py: user-info in HF_ENDPOINT is split
off where the endpoint is read (hubsettings.py), and every reason and every answer is
scrubbed of the token and password before it can reach a report, the cache or the lock.
"""

from __future__ import annotations

import base64
import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit, urlunsplit

from licensecheck.hubrecord import (
    Evidence,
    HubFailure,
    HubRecord,
    Lookup,
    Wanted,
    card_record,
    utc_now,
    valid_repo_id,
)
from licensecheck.hubsettings import Budget, Settings, offline_failure, redact, token_file
from licensecheck.safefile import parse_json

if TYPE_CHECKING:
    import http.client

# Only what the resolver reads: the Hub then leaves out file lists, which can be megabytes.
EXPAND = ("cardData", "gated", "lastModified", "sha", "tags")
README = "README.md"  # the card's text: read for who wrote the data (cardprovenance.py)
PIPELINE = "pipeline.yaml"  # a distilabel dataset's pipeline, which names the models it ran
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)


def _scrub(record: HubRecord, secrets: Sequence[str]) -> HubRecord:
    """The record with every string redacted: a hostile Hub may echo what it was sent."""
    changes: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, str):
            changes[f.name] = redact(value, secrets)
        elif isinstance(value, tuple):
            changes[f.name] = tuple(
                replace(v, text=redact(v.text, secrets)) if isinstance(v, Evidence) else redact(v, secrets)
                for v in value
            )
    return replace(record, **changes)


# --- the client ------------------------------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    """Why one exchange with the Hub gave no record, and whether to try again."""

    reason: str
    retry: bool = False
    wait: float | None = None  # what the server asked for (Retry-After)
    unreachable: bool = False  # the Hub did not answer at all: stop asking it
    answered: bool = True  # the Hub sent something (a status line), however unhelpful


class _Stop(Exception):
    """One exchange ended without a reply to read; `outcome` says why."""

    def __init__(self, outcome: _Outcome) -> None:
        super().__init__(outcome.reason)
        self.outcome = outcome


@dataclass(frozen=True)
class _Reply:
    """One HTTP answer, read within the size bound."""

    status: int
    headers: Mapping[str, str]  # names lower-cased
    body: bytes


@dataclass
class HubClient:
    """Looks repositories up on the Hub, never raising, within the run's budget."""

    settings: Settings
    sleep: Callable[[float], None] = time.sleep
    budget: Budget | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _unreachable: str | None = field(default=None, init=False)
    _last_answer: float = field(default=float("-inf"), init=False)  # monotonic time of any HTTP answer
    _token: str | None = field(default=None, init=False, repr=False)
    _secrets: tuple[str, ...] = field(default=(), init=False, repr=False)
    _watchdog: _Watchdog = field(default_factory=lambda: _Watchdog(), init=False, repr=False)

    def __post_init__(self) -> None:
        if self.budget is None:
            self.budget = Budget.for_settings(self.settings)
        self._token = self.settings.token or (
            None if self.settings.offline else token_file(self.settings.env)
        )
        self._secrets = (*self.settings.secrets(), *([self._token] if self._token else []))

    @property
    def _budget(self) -> Budget:
        assert self.budget is not None  # set in __post_init__
        return self.budget

    def fetch(self, wanted: Wanted) -> Lookup:
        if self.settings.offline:
            return offline_failure(self.settings, wanted)
        if self._unreachable is not None:
            return self._failure(wanted, f"not attempted: {self._unreachable}")
        if not valid_repo_id(wanted.ref):
            return self._failure(wanted, "not a valid Hub repository id")
        attempt = 0
        delay = self.settings.backoff
        while True:
            refused = self._budget.take()
            if refused is not None:
                return self._failure(wanted, f"not asked: {refused}")
            started, clock = utc_now(), time.monotonic()
            answer = self._attempt(wanted)
            if not isinstance(answer, _Outcome):
                return self._read(wanted, answer, started)
            outcome = answer
            reason = outcome.reason + (f" (after {attempt + 1} attempts)" if attempt else "")
            last = not outcome.retry or attempt >= self.settings.retries
            if outcome.unreachable and last and self._last_answer < clock:
                # Nothing has answered since this request began: the Hub itself is down, so
                # later lookups fail at once instead of each waiting out its own time-out.
                with self._lock:
                    self._unreachable = self._unreachable or (
                        f"the Hub at {self.settings.endpoint} did not answer an earlier request: "
                        f"{outcome.reason}"
                    )
            if last:
                return self._failure(wanted, reason)
            wait = delay if outcome.wait is None else outcome.wait
            if wait > self.settings.max_wait:
                return self._failure(wanted, f"{reason}; the Hub asked to wait {wait:g} s")
            if wait >= self._budget.remaining():
                return self._failure(
                    wanted, f"{reason}; waiting {wait:g} s more would pass the run's deadline"
                )
            self.sleep(wait)
            delay *= 2
            attempt += 1

    def _attempt(self, wanted: Wanted) -> dict[str, Any] | _Outcome:
        """One lookup (redirects included): the answer's JSON object, or why there is none."""
        try:
            reply = self._get(self._url(wanted))
        except _Stop as stop:
            if stop.outcome.answered:
                self._answered()
            return stop.outcome
        except Exception as exc:  # every failure is a finding, never a crash
            return _Outcome(f"the lookup failed ({type(exc).__name__})")
        self._answered()
        if reply.status != 200:
            return _status_outcome(reply)
        try:
            data = parse_json(reply.body.decode("utf-8"))
        except ValueError as exc:
            return _Outcome(f"the Hub's answer could not be read (not JSON: {type(exc).__name__})")
        if not isinstance(data, dict):
            return _Outcome("the Hub's answer could not be read (not a JSON object)")
        return data

    def _read(self, wanted: Wanted, data: Mapping[str, Any], started: str) -> Lookup:
        try:
            record = card_record(wanted, data, started)
        except (TypeError, ValueError) as exc:
            return self._failure(wanted, f"the Hub's answer could not be read ({exc})")
        return _scrub(self._with_provenance(record, data), self._secrets)

    def _with_provenance(self, record: HubRecord, data: Mapping[str, Any]) -> HubRecord:
        """The record with what its card (tags, metadata and README text) says of who wrote
        the data (for a model: the data it was trained on). A README that exists but cannot
        be read is a problem (needs review): the signal it may hold is unknown. File lists are
        not asked for (they can push a large repository past the size limit), so the README
        is asked for directly."""
        from licensecheck import cardprovenance

        problems = list(record.problems)
        readme, problem = self._raw(record, README, "the card's text")
        if problem:
            problems.append(problem)
        tags = [t for t in data.get("tags") or () if isinstance(t, str)]
        card = data.get("cardData") if isinstance(data.get("cardData"), dict) else {}
        assert isinstance(card, dict)
        evidence = cardprovenance.read(tags, card, readme, record.kind)
        if (
            record.kind == "dataset"
            and cardprovenance.made_by_pipeline(tags)
            and not any(e.signal == "generator" for e in evidence)
        ):
            # A distilabel dataset names its models in the pipeline it publishes beside the card.
            pipeline, problem = self._raw(record, PIPELINE, f"the dataset's {PIPELINE}")
            if problem:
                problems.append(problem)
            evidence = (*evidence, *cardprovenance.pipeline(pipeline or ""))
        return replace(record, provenance=evidence, problems=tuple(problems))

    def _raw(self, record: HubRecord, name: str, what: str) -> tuple[str | None, str | None]:
        """A file of the repository at the record's revision; (None, why) when it cannot be had,
        (None, None) when it is not there."""
        refused = self._budget.take()
        if refused is not None:
            return None, f"{what} was not read: {refused}"
        prefix = "datasets/" if record.kind == "dataset" else ""
        revision = record.sha or "main"
        url = f"{self.settings.endpoint}/{prefix}{quote(record.id, safe='/')}/raw/{revision}/{name}"
        try:
            reply = self._get(url)
        except _Stop as stop:
            return None, f"{what} could not be read: {stop.outcome.reason}"
        except Exception as exc:  # every failure is a finding, never a crash
            return None, f"{what} could not be read ({type(exc).__name__})"
        if reply.status == 404:
            return None, None  # not there: the rest is all there is
        if reply.status != 200:
            return None, f"{what} could not be read (HTTP {reply.status})"
        return reply.body.decode("utf-8", errors="replace"), None

    def _url(self, wanted: Wanted) -> str:
        query = "&".join(f"expand={name}" for name in EXPAND)
        return f"{self.settings.endpoint}/api/{wanted.kind}s/{quote(wanted.ref, safe='/')}?{query}"

    def _get(self, url: str) -> _Reply:
        """GET `url`, following redirects on the same host only (the Hub's renames)."""
        for hop in range(MAX_REDIRECTS + 1):
            if hop:
                refused = self._budget.take()
                if refused is not None:
                    raise _Stop(_Outcome(f"not asked: {refused}"))
            reply = self._request(url)
            if reply.status not in REDIRECTS:
                return reply
            target = urljoin(url, reply.headers.get("location", ""))
            if _origin(target) != _origin(url):
                # Another host's answer is not the Hub's, and the credentials are for this host.
                host = urlsplit(target).hostname or "an unreadable address"
                raise _Stop(_Outcome(f"the Hub redirected to another host ({host}); not followed"))
            url = target
        raise _Stop(_Outcome(f"more than {MAX_REDIRECTS} redirects"))

    def _request(self, url: str) -> _Reply:
        """One HTTP exchange, ended by a watchdog at the request's time-out or the run's deadline."""
        import http.client
        import socket

        seconds = min(self.settings.timeout, self._budget.remaining())
        by_deadline = seconds < self.settings.timeout
        if seconds <= 0:
            raise _Stop(_Outcome(f"not asked: {self._budget.deadline_reason()}", answered=False))
        ends = time.monotonic() + seconds
        conn, target = _connection(url, seconds, self.settings.env)
        watch = self._watchdog.watch(conn, ends)
        status: int | None = None
        try:
            conn.request("GET", target, headers=self._headers(url))
            response = conn.getresponse()
            status = response.status
            headers = {k.lower(): v for k, v in response.getheaders()}
            body = _body(response, headers, self.settings.max_bytes, ends)
            return _Reply(status, headers, body)
        except _Stop:
            raise
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= ends or isinstance(exc, (TimeoutError, socket.timeout)):
                raise _Stop(self._timed_out(seconds, by_deadline, status)) from None
            if status is not None or isinstance(exc, http.client.HTTPException):
                raise _Stop(_Outcome(f"the connection broke mid-answer ({type(exc).__name__})")) from None
            detail = redact(getattr(exc, "strerror", None) or type(exc).__name__, self._secrets)
            raise _Stop(
                _Outcome(
                    f"cannot connect to {self.settings.endpoint} ({detail})", unreachable=True, answered=False
                )
            ) from None
        finally:
            self._watchdog.release(watch)
            conn.close()

    def _timed_out(self, seconds: float, by_deadline: bool, status: int | None) -> _Outcome:
        if by_deadline:
            return _Outcome(self._budget.deadline_reason(), answered=status is not None)
        if status is None:
            return _Outcome(f"no answer within {seconds:g} s (timed out)", unreachable=True, answered=False)
        return _Outcome(f"the answer was still arriving after {seconds:g} s (timed out)")

    def _headers(self, url: str) -> dict[str, str]:
        from licensecheck import __version__

        headers = {
            "Accept": "application/json",
            "Accept-Encoding": "gzip",
            "User-Agent": f"licensecheck/{__version__}",
        }
        if _origin(url) != _origin(self.settings.endpoint):
            return headers
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        elif self.settings.userinfo:  # a mirror behind Basic auth (user-info in HF_ENDPOINT)
            basic = base64.b64encode(self.settings.userinfo.encode()).decode()
            headers["Authorization"] = f"Basic {basic}"
        return headers

    def _answered(self) -> None:
        with self._lock:
            self._last_answer = time.monotonic()

    def fetch_many(
        self,
        wanted: Iterable[Wanted],
        on_done: Callable[[Wanted], None] | None = None,
        on_answer: Callable[[Wanted, Lookup], None] | None = None,
    ) -> dict[Wanted, Lookup]:
        """Look several repositories up concurrently; `on_done` and `on_answer` run in the
        calling thread as each answer arrives (while the others are still being asked)."""
        todo = list(dict.fromkeys(wanted))
        out: dict[Wanted, Lookup] = {}

        def arrived(w: Wanted, answer: Lookup) -> None:
            out[w] = answer
            if on_answer is not None:
                on_answer(w, answer)
            if on_done is not None:
                on_done(w)

        if not todo:
            return out
        if self.settings.offline:  # each answer is at once a failure: no thread to wait for
            for w in todo:
                arrived(w, self.fetch(w))
            return out
        from concurrent.futures import ThreadPoolExecutor, as_completed

        workers = max(1, min(self.settings.workers, len(todo)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="licensecheck-hub") as pool:
            futures = {pool.submit(self.fetch, w): w for w in todo}
            for future in as_completed(futures):
                arrived(futures[future], future.result())
        return out

    def _failure(self, wanted: Wanted, reason: str) -> HubFailure:
        return HubFailure(wanted.kind, wanted.ref, redact(reason, self._secrets), utc_now())


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        port = None
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def _proxy(url: str, env: Mapping[str, str]) -> str | None:
    """The proxy the environment names for `url` (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as httpx did."""
    parts = urlsplit(url)
    lowered = {k.lower(): v for k, v in env.items()}
    no_proxy = lowered.get("no_proxy", "")
    host = (parts.hostname or "").lower()
    for entry in (e.strip().lower().lstrip(".") for e in no_proxy.split(",")):
        if entry == "*" or (entry and (host == entry or host.endswith("." + entry))):
            return None
    return lowered.get(f"{parts.scheme}_proxy") or lowered.get("all_proxy") or None


def _connection(url: str, seconds: float, env: Mapping[str, str]) -> tuple[http.client.HTTPConnection, str]:
    """A connection for `url` (through the environment's proxy, if any) and the request target."""
    import http.client

    parts = urlsplit(url)
    host, port = parts.hostname or "", _origin(url)[2]
    path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    proxy = _proxy(url, env)
    via = urlsplit(proxy) if proxy else None
    if parts.scheme == "https":
        import ssl

        context = ssl.create_default_context()
        if via is None:
            return http.client.HTTPSConnection(host, port, timeout=seconds, context=context), path
        tunnel = http.client.HTTPSConnection(via.hostname or "", via.port, timeout=seconds, context=context)
        tunnel.set_tunnel(host, port, headers=_proxy_auth(via))
        return tunnel, path
    if via is None:
        return http.client.HTTPConnection(host, port, timeout=seconds), path
    # Through a plain-HTTP proxy the request names the whole URL.
    return http.client.HTTPConnection(via.hostname or "", via.port, timeout=seconds), url


def _proxy_auth(via: SplitResult) -> dict[str, str]:
    if via.username is None:
        return {}
    pair = f"{unquote(via.username)}:{unquote(via.password or '')}"
    return {"Proxy-Authorization": "Basic " + base64.b64encode(pair.encode()).decode()}


class _Watchdog:
    """Ends each exchange still open at its time: one thread for all of a client's requests
    (a thread per request cost more than the request, 200 at a time)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._due: dict[int, tuple[float, http.client.HTTPConnection]] = {}
        self._next = 0
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None

    def watch(self, conn: http.client.HTTPConnection, ends: float) -> int:
        with self._lock:
            self._next += 1
            self._due[self._next] = (ends, conn)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="licensecheck-hub-watchdog", daemon=True
                )
                self._thread.start()
            self._changed.notify()
            return self._next

    def release(self, token: int) -> None:
        with self._lock:
            self._due.pop(token, None)

    def _run(self) -> None:
        with self._lock:
            while True:
                now = self.clock()
                for token, (ends, conn) in list(self._due.items()):
                    if ends <= now:
                        del self._due[token]
                        _abort(conn)
                if not self._due:
                    self._thread = None  # a later request starts another
                    return
                self._changed.wait(min(ends for ends, _ in self._due.values()) - now)


def _abort(conn: http.client.HTTPConnection) -> None:
    """Unblock a read in another thread: the request's time is up."""
    import socket

    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _body(response: http.client.HTTPResponse, headers: Mapping[str, str], limit: int, ends: float) -> bytes:
    """The body, decompressed, refused past `limit` bytes (a gzip bomb stops at the limit)."""
    import zlib

    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip"):
        raise _Stop(_Outcome(f"the Hub's answer uses an encoding this tool does not read ({encoding[:20]})"))
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if "gzip" in encoding else None
    out = bytearray()
    while True:
        if time.monotonic() >= ends:
            raise TimeoutError
        chunk = response.read1(65536)
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, limit + 1 - len(out))
            except zlib.error:
                raise _Stop(_Outcome("the Hub's answer could not be read (broken gzip data)")) from None
            if inflater.unconsumed_tail:
                _too_large(limit)
        out += chunk
        if len(out) > limit:
            _too_large(limit)
    if inflater is not None:
        out += inflater.flush()
    if len(out) > limit:
        _too_large(limit)
    return bytes(out)


def _too_large(limit: int) -> None:
    raise _Stop(
        _Outcome(f"the Hub's answer is larger than {limit:,} bytes; not read (LICENSECHECK_HUB_MAX_BYTES)")
    )


def _status_outcome(reply: _Reply) -> _Outcome:
    """Why a non-200 answer gave no record, as huggingface_hub classifies the Hub's errors."""
    code = reply.status
    error_code = reply.headers.get("x-error-code", "")
    message = reply.headers.get("x-error-message", "")
    if error_code == "GatedRepo":
        return _Outcome(f"gated: it needs a token that was granted access (HTTP {code}); set HF_TOKEN")
    if message == "Access to this resource is disabled.":
        return _Outcome("disabled on the Hub")
    if error_code == "RepoNotFound" or (
        code == 401 and message != "Invalid credentials in Authorization header"
    ):
        return _Outcome(f"not found on the Hub, or private (HTTP {code})")
    if code == 401:
        return _Outcome("unauthorised (HTTP 401): private or gated, or HF_TOKEN is not valid")
    if code == 403:
        return _Outcome("forbidden (HTTP 403): this token may not read it")
    if code == 404:
        return _Outcome("not found on the Hub (HTTP 404)")
    if code == 429:
        return _Outcome("rate-limited by the Hub (HTTP 429)", retry=True, wait=_retry_after(reply))
    if code >= 500:
        return _Outcome(f"server error (HTTP {code})", retry=True, wait=_retry_after(reply))
    if code in REDIRECTS:
        return _Outcome(f"a redirect with no usable address (HTTP {code})")
    return _Outcome(f"HTTP {code}")


def _retry_after(reply: _Reply) -> float | None:
    value = reply.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None
