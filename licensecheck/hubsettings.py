"""How a run may use the Hub: its settings (endpoint, credentials and every bound) read from
the environment, the budget all its lookups share, and the scrubbing of credentials from
whatever it shows.

Apart from the client (hub.py) so that a run whose Hub ids are answered by the lock or the
disk cache (or offline) reads its settings without loading the client and its threads.
"""

from __future__ import annotations

import _thread
import base64
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from licensecheck.errors import LicensecheckError
from licensecheck.hubrecord import HubFailure, Wanted, utc_now

DEFAULT_ENDPOINT = "https://huggingface.co"
OFFLINE = "offline, and nothing is cached or locked for it"


# --- secrets -------------------------------------------------------------------------

_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/@\s]*@")
_TOKEN_LIKE = re.compile(r"\bhf_[A-Za-z0-9]{6,}")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` without URL user-info, Hub-token-shaped words or any of `secrets`."""
    for secret in sorted({s for s in secrets if len(s) >= 3}, key=len, reverse=True):
        text = text.replace(secret, "***")
    if "@" not in text and "hf_" not in text:
        return text  # neither pattern can match: no need to run them (a card has many fields)
    return _TOKEN_LIKE.sub("hf_***", _USERINFO.sub(r"\1", text))


# --- settings --------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """How this run may use the Hub: endpoint, credentials and every bound."""

    endpoint: str = DEFAULT_ENDPOINT  # never with user-info: it is shown and stored
    token: str | None = field(default=None, repr=False)  # None: the token file, if any
    # "user:password" from HF_ENDPOINT, sent as Basic auth to that host only
    userinfo: str | None = field(default=None, repr=False)
    offline: bool = False
    timeout: float = 10.0  # seconds, per request (connect to last byte)
    retries: int = 2  # on 429 and 5xx
    backoff: float = 0.5  # first wait; doubles each retry
    max_wait: float = 8.0  # a Retry-After longer than this is a failure, not a wait
    # Lookups at once: 200 of them, each a metadata and a card request of 50 ms, take under 2 s.
    workers: int = 24
    deadline: float = 60.0  # seconds for all the Hub work of one run
    # HTTP requests per run, retries and redirects included: two per repository (its metadata
    # and its card's text), so a run can read about 300 repositories.
    max_requests: int = 600
    max_bytes: int = 2_000_000  # an answer's size after decompression
    max_parents: int = 16  # base models followed per model (a merge's parents)
    env: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, offline: bool = False) -> Settings:
        """The Hub's own variables (HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE) and LICENSECHECK_HUB_*."""
        env = dict(os.environ if env is None else env)
        endpoint, userinfo = split_endpoint(env.get("HF_ENDPOINT") or DEFAULT_ENDPOINT)
        return cls(
            endpoint=endpoint,
            token=env.get("HF_TOKEN") or env.get("HUGGING_FACE_HUB_TOKEN") or None,
            userinfo=userinfo,
            offline=offline or _truthy(env.get("HF_HUB_OFFLINE")),
            timeout=_number(env, "LICENSECHECK_HUB_TIMEOUT", cls.timeout, positive=True),
            retries=int(_number(env, "LICENSECHECK_HUB_RETRIES", cls.retries, integer=True)),
            backoff=_number(env, "LICENSECHECK_HUB_BACKOFF", cls.backoff),
            workers=int(_number(env, "LICENSECHECK_HUB_WORKERS", cls.workers, integer=True, positive=True)),
            deadline=_number(env, "LICENSECHECK_HUB_DEADLINE", cls.deadline, positive=True),
            max_requests=int(_number(env, "LICENSECHECK_HUB_MAX_REQUESTS", cls.max_requests, integer=True)),
            max_bytes=int(
                _number(env, "LICENSECHECK_HUB_MAX_BYTES", cls.max_bytes, integer=True, positive=True)
            ),
            max_parents=int(
                _number(env, "LICENSECHECK_HUB_MAX_PARENTS", cls.max_parents, integer=True, positive=True)
            ),
            env=env,
        )

    def secrets(self) -> tuple[str, ...]:
        """Every credential this run may send, to be scrubbed from whatever it shows."""
        out = [s for s in (self.token, self.userinfo) if s]
        if self.userinfo:
            out += [p for p in self.userinfo.split(":", 1) if p]
            out.append(base64.b64encode(self.userinfo.encode()).decode())
        return tuple(out)


def split_endpoint(raw: str) -> tuple[str, str | None]:
    """HF_ENDPOINT without user-info (to show and store), and the user-info (to send only)."""
    shown = redact(raw.strip())
    try:
        parts = urlsplit(raw.strip())
        port = parts.port
    except ValueError:
        raise LicensecheckError(f"HF_ENDPOINT={shown!r}: not a URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LicensecheckError(f"HF_ENDPOINT={shown!r}: expected an http:// or https:// URL")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    netloc = host + (f":{port}" if port is not None else "")
    userinfo = None
    if parts.username is not None or parts.password is not None:
        userinfo = f"{unquote(parts.username or '')}:{unquote(parts.password or '')}"
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", "")), userinfo


def _truthy(value: str | None) -> bool:
    return (value or "").strip().upper() in ("1", "ON", "YES", "TRUE")


def _number(
    env: Mapping[str, str], name: str, default: float, *, integer: bool = False, positive: bool = False
) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        value = -1
    if not value >= 0 or value == float("inf") or (positive and value == 0):
        expected = ("a whole number" if integer else "a number of seconds") + (
            " greater than 0" if positive else " (0 or more)"
        )
        raise LicensecheckError(f"{name}={raw!r}: expected {expected}")
    return value


def token_file(env: Mapping[str, str]) -> str | None:
    """The token `huggingface-cli login` saved (HF_TOKEN_PATH, else HF_HOME/token), if any."""
    if _truthy(env.get("HF_HUB_DISABLE_IMPLICIT_TOKEN")):
        return None
    path = env.get("HF_TOKEN_PATH")
    if not path:
        cache = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        path = str(Path(env.get("HF_HOME") or Path(cache) / "huggingface") / "token")
    try:
        token = Path(path).expanduser().read_text(encoding="utf-8").strip()
    except (OSError, ValueError):
        return None
    return token or None


def offline_failure(settings: Settings, wanted: Wanted) -> HubFailure:
    """The answer to every lookup of an offline run: nothing asked, so no client is needed."""
    secrets = (*settings.secrets(), *([settings.token] if settings.token else []))
    return HubFailure(wanted.kind, wanted.ref, redact(OFFLINE, secrets), utc_now())


# --- the run's budget ----------------------------------------------------------------


class Budget:
    """What all the Hub work of one run may spend: a deadline and a number of requests.

    The clock starts at the first request, so a run that never asks the Hub spends nothing.
    """

    def __init__(
        self, seconds: float, max_requests: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self.max_requests = max_requests
        self.clock = clock
        self.requests = 0
        self._deadline: float | None = None
        self._lock = _thread.allocate_lock()  # threading's Lock, without importing threading

    @classmethod
    def for_settings(cls, settings: Settings) -> Budget:
        return cls(settings.deadline, settings.max_requests)

    @property
    def deadline(self) -> float:
        with self._lock:
            if self._deadline is None:
                self._deadline = self.clock() + self.seconds
            return self._deadline

    def remaining(self) -> float:
        return self.deadline - self.clock()

    def take(self) -> str | None:
        """Spend one request; None if allowed, else why not (one clause)."""
        if self.remaining() <= 0:
            return self.deadline_reason()
        with self._lock:
            if self.requests >= self.max_requests:
                return (
                    f"this run reached its limit of {self.max_requests} Hub requests"
                    " (LICENSECHECK_HUB_MAX_REQUESTS)"
                )
            self.requests += 1
        return None

    def deadline_reason(self) -> str:
        return f"the run's {self.seconds:g} s for Hub lookups ran out (LICENSECHECK_HUB_DEADLINE)"
