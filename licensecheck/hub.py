"""Hugging Face Hub lookups: what a model or dataset card says about its licence and lineage.

One request per repository (`HfApi.model_info` / `dataset_info`), bounded in time: a
per-request timeout, a few retries with back-off on 429 and 5xx, and no retry once the
Hub has failed to answer at all. A lookup never raises: it returns a HubRecord or a
HubFailure that says what went wrong, which the engine reports as needs-review.

huggingface_hub is imported only when a request is about to be made, so commands that
never reach the Hub do not pay for it.
"""

from __future__ import annotations

import datetime
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from licensecheck.errors import LicensecheckError
from licensecheck.refs import normalise

if TYPE_CHECKING:
    from huggingface_hub import HfApi
    from huggingface_hub.hf_api import DatasetInfo, ModelInfo

Kind = Literal["model", "dataset"]
KINDS: tuple[Kind, ...] = ("model", "dataset")
RELATIONS = ("adapter", "finetune", "merge", "quantized")
DEFAULT_ENDPOINT = "https://huggingface.co"


@dataclass(frozen=True)
class Wanted:
    """A repository to look up, as the manifest or a card names it."""

    kind: Kind
    ref: str

    @property
    def key(self) -> tuple[Kind, str]:
        return (self.kind, normalise(self.ref))


@dataclass(frozen=True)
class HubRecord:
    """What the Hub said about one repository, at one revision."""

    kind: Kind
    ref: str  # as requested
    id: str  # as the Hub spells it (it follows renames)
    licenses: tuple[str, ...]  # the card's `license:` (a list on some dataset cards)
    license_name: str | None
    license_link: str | None
    base_models: tuple[str, ...]
    relation: str | None  # adapter | finetune | merge | quantized, when the card says
    datasets: tuple[str, ...]
    gated: str | None
    sha: str | None
    last_modified: str | None
    resolved: str  # when it was asked (UTC, ISO 8601)

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "id": self.id,
            "license": list(self.licenses),
            "license_name": self.license_name,
            "license_link": self.license_link,
            "base_models": list(self.base_models),
            "relation": self.relation,
            "datasets": list(self.datasets),
            "gated": self.gated,
            "sha": self.sha,
            "last_modified": self.last_modified,
            "resolved": self.resolved,
        }


@dataclass(frozen=True)
class HubFailure:
    """A lookup that gave no answer, and why (one clause: "404 not found on the Hub")."""

    kind: Kind
    ref: str
    reason: str
    resolved: str

    def to_json(self) -> dict[str, Any]:
        return {"ref": self.ref, "error": self.reason, "resolved": self.resolved}


Lookup = HubRecord | HubFailure


def lookup_from_json(kind: Kind, data: Mapping[str, Any]) -> Lookup:
    """The inverse of to_json; raises KeyError/TypeError/ValueError on a malformed entry."""
    ref = str(data["ref"])
    resolved = str(data["resolved"])
    if "error" in data:
        return HubFailure(kind, ref, str(data["error"]), resolved)
    return HubRecord(
        kind=kind,
        ref=ref,
        id=str(data["id"]),
        licenses=_strings(data.get("license")),
        license_name=_opt(data.get("license_name")),
        license_link=_opt(data.get("license_link")),
        base_models=_strings(data.get("base_models")),
        relation=_opt(data.get("relation")),
        datasets=_strings(data.get("datasets")),
        gated=_opt(data.get("gated")),
        sha=_opt(data.get("sha")),
        last_modified=_opt(data.get("last_modified")),
        resolved=resolved,
    )


# --- settings --------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    endpoint: str = DEFAULT_ENDPOINT
    token: str | None = None  # None: huggingface_hub's own lookup (HF_HOME/token)
    offline: bool = False
    timeout: float = 10.0  # seconds, per request
    retries: int = 2  # on 429 and 5xx
    backoff: float = 0.5  # first wait; doubles each retry
    max_wait: float = 8.0  # a Retry-After longer than this is a failure, not a wait
    workers: int = 8

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, offline: bool = False) -> Settings:
        """The Hub's own variables (HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE) and LICENSECHECK_HUB_*."""
        env = os.environ if env is None else env
        return cls(
            endpoint=(env.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/"),
            token=env.get("HF_TOKEN") or None,
            offline=offline or _truthy(env.get("HF_HUB_OFFLINE")),
            timeout=_number(env, "LICENSECHECK_HUB_TIMEOUT", cls.timeout, positive=True),
            retries=int(_number(env, "LICENSECHECK_HUB_RETRIES", cls.retries, integer=True)),
            backoff=_number(env, "LICENSECHECK_HUB_BACKOFF", cls.backoff),
            workers=int(_number(env, "LICENSECHECK_HUB_WORKERS", cls.workers, integer=True, positive=True)),
        )


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
    if value < 0 or (positive and value == 0):
        expected = ("a whole number" if integer else "a number of seconds") + (
            " greater than 0" if positive else " (0 or more)"
        )
        raise LicensecheckError(f"{name}={raw!r}: expected {expected}")
    return value


# --- the client ------------------------------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    reason: str
    retry: bool = False
    wait: float | None = None  # what the server asked for (Retry-After)
    unreachable: bool = False  # the Hub did not answer at all: stop asking it


@dataclass
class HubClient:
    """Looks repositories up through huggingface_hub, never raising, within a bounded time."""

    settings: Settings
    sleep: Callable[[float], None] = time.sleep
    _api: HfApi | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _unreachable: str | None = field(default=None, init=False)
    _last_answer: float = field(default=float("-inf"), init=False)  # monotonic time of any HTTP answer

    def fetch(self, wanted: Wanted) -> Lookup:
        if self.settings.offline:
            return self._failure(wanted, "offline, and nothing is cached or locked for it")
        if self._unreachable is not None:
            return self._failure(wanted, f"not attempted: {self._unreachable}")
        attempt = 0
        delay = self.settings.backoff
        while True:
            started, clock = utc_now(), time.monotonic()
            try:
                info = self._call(wanted)
            except Exception as exc:  # every failure is a finding, never a crash
                outcome = self._classify(exc)
            else:
                self._answered()
                try:
                    return _record(wanted, info, started)
                except Exception as exc:  # a card shaped in a way this reader does not expect
                    return self._failure(wanted, f"the Hub's answer could not be read ({exc!r})")
            if not outcome.unreachable:
                self._answered()
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
            self.sleep(wait)
            delay *= 2
            attempt += 1

    def _answered(self) -> None:
        with self._lock:
            self._last_answer = time.monotonic()

    def fetch_many(
        self, wanted: Iterable[Wanted], on_done: Callable[[Wanted], None] | None = None
    ) -> dict[Wanted, Lookup]:
        """Look several repositories up concurrently; `on_done` runs in the calling thread."""
        from concurrent.futures import ThreadPoolExecutor, as_completed

        todo = list(dict.fromkeys(wanted))
        out: dict[Wanted, Lookup] = {}
        if not todo:
            return out
        workers = max(1, min(self.settings.workers, len(todo)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="licensecheck-hub") as pool:
            futures = {pool.submit(self.fetch, w): w for w in todo}
            for future in as_completed(futures):
                w = futures[future]
                out[w] = future.result()
                if on_done is not None:
                    on_done(w)
        return out

    def _call(self, wanted: Wanted) -> ModelInfo | DatasetInfo:
        api = self._client()
        if wanted.kind == "model":
            return api.model_info(wanted.ref, timeout=self.settings.timeout)
        return api.dataset_info(wanted.ref, timeout=self.settings.timeout)

    def _client(self) -> HfApi:
        with self._lock:
            if self._api is None:
                from huggingface_hub import HfApi, constants

                from licensecheck import __version__

                # With telemetry on, building the request headers fetches
                # {endpoint}/api/agent-harnesses once a day: not a request this tool should make.
                constants.HF_HUB_DISABLE_TELEMETRY = True
                self._api = HfApi(
                    endpoint=self.settings.endpoint,
                    token=self.settings.token,
                    library_name="licensecheck",
                    library_version=__version__,
                )
            return self._api

    def _classify(self, exc: Exception) -> _Outcome:
        from huggingface_hub import errors

        timeout = self.settings.timeout
        if isinstance(exc, errors.GatedRepoError):
            return _Outcome(f"gated: it needs a token that was granted access ({_status(exc)}); set HF_TOKEN")
        if isinstance(exc, errors.DisabledRepoError):
            return _Outcome("disabled on the Hub")
        if isinstance(exc, errors.RepositoryNotFoundError):
            return _Outcome(f"not found on the Hub, or private ({_status(exc)})")
        if isinstance(exc, errors.OfflineModeIsEnabled):
            return _Outcome("offline (HF_HUB_OFFLINE is set)")
        if isinstance(exc, errors.HFValidationError):
            return _Outcome("not a valid Hub repository id")
        if isinstance(exc, errors.HfHubHTTPError):
            return _http_outcome(exc)
        names = {cls.__name__ for cls in type(exc).__mro__}
        if any("Timeout" in n for n in names):
            return _Outcome(f"no answer within {timeout:g} s (timed out)", unreachable=True)
        if names & {"ConnectError", "ConnectionError", "NetworkError"}:
            # Not retried: a refused connection or unknown host rarely heals within seconds.
            return _Outcome(f"cannot connect to {self.settings.endpoint} ({exc})", unreachable=True)
        if isinstance(exc, ValueError):
            return _Outcome(f"the Hub's answer could not be read ({exc})")
        return _Outcome(f"{type(exc).__name__}: {exc}")

    def _failure(self, wanted: Wanted, reason: str) -> HubFailure:
        return HubFailure(wanted.kind, wanted.ref, reason, utc_now())


def _status(exc: Any) -> str:
    response = getattr(exc, "response", None)
    code = getattr(response, "status_code", None)
    return f"HTTP {code}" if code else "HTTP error"


def _http_outcome(exc: Any) -> _Outcome:
    response = getattr(exc, "response", None)
    code = int(getattr(response, "status_code", 0) or 0)
    if code == 401:
        return _Outcome("unauthorised (HTTP 401): private or gated, or HF_TOKEN is not valid")
    if code == 403:
        return _Outcome("forbidden (HTTP 403): this token may not read it")
    if code == 404:
        return _Outcome("not found on the Hub (HTTP 404)")
    if code == 429:
        return _Outcome("rate-limited by the Hub (HTTP 429)", retry=True, wait=_retry_after(response))
    if code >= 500:
        return _Outcome(f"server error (HTTP {code})", retry=True, wait=_retry_after(response))
    return _Outcome(f"HTTP {code}" if code else "HTTP error")


def _retry_after(response: Any) -> float | None:
    value = str(getattr(response, "headers", {}).get("retry-after", "")).strip()
    return float(value) if value.isdigit() else None


# --- reading a card --------------------------------------------------------------


def _record(wanted: Wanted, info: Any, resolved: str) -> HubRecord:
    card = info.card_data.to_dict() if getattr(info, "card_data", None) is not None else {}
    tags = tuple(str(t) for t in (getattr(info, "tags", None) or ()))
    tag_bases, tag_relation = _bases_from_tags(tags)
    repo_id = str(getattr(info, "id", None) or wanted.ref)
    bases = _strings(card.get("base_model")) or tag_bases
    # A card that names itself as its own base says nothing about its lineage.
    bases = tuple(b for b in bases if normalise(b) not in (normalise(repo_id), normalise(wanted.ref)))
    relation = _opt(card.get("base_model_relation")) or tag_relation
    if relation is None and len(bases) > 1:
        relation = "merge"
    licenses = _strings(card.get("license")) or tuple(t[8:] for t in tags if t.startswith("license:"))
    gated = getattr(info, "gated", None)
    modified = getattr(info, "last_modified", None)
    return HubRecord(
        kind=wanted.kind,
        ref=wanted.ref,
        id=repo_id,
        licenses=licenses,
        license_name=_opt(card.get("license_name")),
        license_link=_opt(card.get("license_link")),
        base_models=bases if wanted.kind == "model" else (),
        relation=relation if wanted.kind == "model" and bases else None,
        datasets=_strings(card.get("datasets") or card.get("source_datasets")),
        gated=gated if isinstance(gated, str) else None,
        sha=_opt(getattr(info, "sha", None)),
        last_modified=modified.isoformat() if isinstance(modified, datetime.datetime) else _opt(modified),
        resolved=resolved,
    )


def _bases_from_tags(tags: Sequence[str]) -> tuple[tuple[str, ...], str | None]:
    """The Hub derives `base_model:<relation>:<id>` and `base_model:<id>` tags from the card."""
    bases: list[str] = []
    relation = None
    for tag in tags:
        if not tag.startswith("base_model:"):
            continue
        rest = tag[len("base_model:") :]
        kind, sep, repo = rest.partition(":")
        if sep and kind in RELATIONS:
            relation = relation or kind
            rest = repo
        if rest not in bases:
            bases.append(rest)
    return tuple(bases), relation


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
    return tuple(dict.fromkeys(str(v).strip() for v in items if v is not None and str(v).strip()))


def _opt(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def utc_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
