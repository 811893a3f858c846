"""Whose model a found id is: provider APIs, routers, clouds and local servers as data.

`registry/routers.yaml` says which hosts are which endpoint and how each endpoint's model
ids map to the manifest's references (`openai/gpt-4o` on OpenRouter is `openai:gpt-4o`;
`anthropic.claude-3-5-sonnet-20240620-v1:0` on Bedrock is
`anthropic:claude-3-5-sonnet-20240620`). A router is reported as `via`, never as whose
terms govern.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from licensecheck.errors import RegistryError

ROUTERS_FILE = "routers.yaml"

# API reference prefixes the manifest knows (README): `provider:model`.
API_PROVIDERS = frozenset(
    {
        "openai",
        "anthropic",
        "google",
        "xai",
        "mistral",
        "deepseek",
        "qwen",
        "alibaba",
        "meta",
        "llama-api",
        "cohere",
        "amazon",
        "ai21",
        "chatgpt",
        "claude",
        "gemini",
        "bard",
        "grok",
        "lechat",
        "vibe",
        "deepseek-app",
        "qwen-chat",
    }
)
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    ref: str
    replace: tuple[re.Pattern[str], str] | None = None

    def apply(self, model: str) -> str | None:
        match = self.pattern.match(model)
        if match is None:
            return None
        ref = match.expand(self.ref)
        if self.replace is not None:
            pattern, replacement = self.replace
            provider, sep, name = ref.partition(":")
            ref = provider + sep + pattern.sub(replacement, name) if sep else pattern.sub(replacement, ref)
        return ref


@dataclass(frozen=True)
class Endpoint:
    """A provider's own API (`router` False), or a router, cloud or local server."""

    name: str
    hosts: tuple[str, ...]
    provider: str | None = None  # whose models bare ids are (a provider API; Azure: openai)
    router: bool = False
    cloud: bool = False
    local: bool = False
    aliases: tuple[str, ...] = ()
    strip: tuple[re.Pattern[str], ...] = ()
    rules: tuple[Rule, ...] = ()

    def serves(self, host: str) -> bool:
        return any(fnmatch.fnmatchcase(host, pattern.lower()) for pattern in self.hosts)

    def is_named(self, via: str) -> bool:
        """Whether a manifest's `via` names this endpoint ("aws-bedrock" names bedrock)."""
        name = via.strip().lower()
        if name in (self.name, *self.aliases) or self.serves(name):
            return True
        return self.name in re.split(r"[\s_./:-]+", name)


@dataclass(frozen=True)
class Mapped:
    """A model id mapped: the reference (None when no provider can be told) and the
    endpoint it goes through, if a router."""

    ref: str | None
    via: str | None = None


@dataclass(frozen=True)
class Table:
    providers: tuple[Endpoint, ...]
    routers: tuple[Endpoint, ...]
    bare: tuple[tuple[re.Pattern[str], str, str | None], ...]
    prefixes: dict[str, tuple[str | None, str | None]]  # prefix -> (provider, router)
    slash: tuple[Rule, ...]

    def endpoint(self, url: str) -> Endpoint | None:
        """The endpoint a base URL points at, or None for a host the table does not know."""
        host, port = _split(url)
        if not host:
            return None
        with_port = f"{host}:{port}" if port else host
        for e in (*self.providers, *self.routers):
            if e.serves(with_port) or e.serves(host):
                return e
        return None

    def router(self, name: str) -> Endpoint | None:
        return next((r for r in self.routers if r.name == name), None)

    def provider_api(self, provider: str) -> Endpoint | None:
        return next((p for p in self.providers if p.provider == provider), None)

    def named(self, via: str) -> Endpoint | None:
        """The router a manifest's `via` names, if the table knows it."""
        return next((r for r in self.routers if r.is_named(via)), None)

    def bare_provider(self, model: str) -> tuple[str, str | None] | None:
        low = model.lower()
        for pattern, provider, ref in self.bare:
            match = pattern.search(low)
            if match:
                return provider, (match.expand(ref) if ref else None)
        return None

    def map(self, model: str, *, provider: str | None = None, endpoint: Endpoint | None = None) -> Mapped:
        """The reference for `model` sent to `endpoint` (None: unknown, or the provider's
        own API) by a client of `provider` (None: a generic or unknown client)."""
        text = model.strip()
        via = endpoint.name if endpoint is not None and endpoint.router else None
        if not text:
            return Mapped(None, via)
        if endpoint is not None:
            for strip in endpoint.strip:
                text = strip.sub("", text)
            for rule in endpoint.rules:
                ref = rule.apply(text)
                if ref is not None:
                    return Mapped(ref, via)
            provider = endpoint.provider or (None if endpoint.router else provider)
        return Mapped(self._ref(text, provider), via)

    def _ref(self, text: str, provider: str | None) -> str | None:
        head, sep, rest = text.partition(":")
        if sep and head.lower() in API_PROVIDERS and "/" not in head and rest:
            return f"{head.lower()}:{rest}"  # written as the manifest writes it
        if provider == "google" and text.startswith("models/"):
            text = text[len("models/") :]
        if "/" in text:
            for rule in self.slash:
                ref = rule.apply(text)
                if ref is not None:
                    return ref
            return text if _HUB_ID.match(text) else None
        bare = self.bare_provider(text)
        if bare is not None and bare[1] is not None:
            return bare[1]
        if bare is not None:
            return f"{bare[0]}:{text}"
        if provider is not None:
            return f"{provider}:{text}"
        return None

    def prefixed(self, model: str, api_base: Endpoint | None = None) -> Mapped:
        """A LiteLLM model string (`bedrock/anthropic.claude-…`, `openrouter/openai/gpt-4o`,
        a bare `gpt-4o`) or a LangChain one (`anthropic:claude-…`)."""
        text = model.strip()
        for sep in ("/", ":"):
            head, found, rest = text.partition(sep)
            target = self.prefixes.get(head.lower()) if found and rest else None
            if target is None:
                continue
            provider, router = target
            if router is not None:
                return self.map(rest, endpoint=self.router(router))
            if api_base is not None and api_base.router:
                return self.map(rest, provider=provider, endpoint=api_base)
            return Mapped(self._ref(rest, provider))
        return self.map(text, endpoint=api_base)


def host_of(url: str) -> str:
    """`host` or `host:port` of a URL (lower case); '' when there is none."""
    host, port = _split(url)
    return f"{host}:{port}" if host and port else host


def _split(url: str) -> tuple[str, int | None]:
    text = url.strip()
    if "://" not in text:
        text = "//" + text
    try:
        parts = urlsplit(text)
        return (parts.hostname or "").lower(), parts.port
    except ValueError:
        return "", None


@functools.lru_cache(maxsize=4)
def load(root: Path | None = None) -> Table:
    from licensecheck.registry import data_root
    from licensecheck.yamlio import load_file

    registry = root or data_root() / "registry"
    path = registry / ROUTERS_FILE
    if not path.is_file():  # another registry (--registry) without the file: the shipped one
        path = data_root() / "registry" / ROUTERS_FILE
    data: dict[str, Any] = load_file(path).data or {}
    # registry.yaml's clouds (resellers with terms of their own) are clouds here too, so the
    # scan and the engine agree on which `via` adds terms.
    meta = registry / "registry.yaml"
    clouds = (
        tuple(str(c).lower() for c in (load_file(meta).data or {}).get("clouds") or ())
        if meta.is_file()
        else ()
    )
    try:
        return Table(
            providers=tuple(_endpoint(e, router=False) for e in data.get("providers") or ()),
            routers=tuple(_endpoint(e, router=True, clouds=clouds) for e in data.get("routers") or ()),
            bare=tuple(
                (re.compile(b["pattern"]), str(b["provider"]), b.get("ref"))
                for b in data.get("bare_names") or ()
            ),
            prefixes={
                str(k).lower(): (v.get("provider"), v.get("router"))
                for k, v in (data.get("prefixes") or {}).items()
            },
            slash=tuple(_rule(r) for r in data.get("provider_slash") or ()),
        )
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise RegistryError(f"{path}: malformed router table ({exc})") from None


def _rule(item: dict[str, Any]) -> Rule:
    replace = item.get("replace")
    return Rule(
        re.compile(item["pattern"]),
        item["ref"],
        (re.compile(replace[0]), str(replace[1])) if replace else None,
    )


def _endpoint(item: dict[str, Any], *, router: bool, clouds: tuple[str, ...] = ()) -> Endpoint:
    name = str(item.get("name") or item["provider"]).lower()
    aliases = tuple(str(a).lower() for a in item.get("aliases") or ())
    listed = any(n == c or n.startswith((f"{c}-", f"{c} ")) for n in (name, *aliases) for c in clouds)
    return Endpoint(
        name=name,
        hosts=tuple(str(h).lower() for h in item["hosts"]),
        provider=item.get("provider"),
        router=router,
        cloud=bool(item.get("cloud", False)) or listed,
        local=bool(item.get("local", False)),
        aliases=aliases,
        strip=tuple(re.compile(s) for s in item.get("strip") or ()),
        rules=tuple(_rule(r) for r in item.get("models") or ()),
    )
