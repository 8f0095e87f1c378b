"""Configuration: defaults → environment → constructor arguments / CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from urllib.parse import urlsplit, urlunsplit

DEFAULT_REMOTE_MODEL = "gpt-4o-mini"
DEFAULT_TIMEOUT = 120.0
MODE_CHOICES = ("auto", "json_schema", "json_object_schema", "json_object", "prompt")


@dataclass(frozen=True)
class Settings:
    base_url: str | None = None
    api_key: str | None = None
    model: str = DEFAULT_REMOTE_MODEL
    timeout: float = DEFAULT_TIMEOUT
    mode: str = "auto"
    max_reasks: int = 2
    max_requests: int = 6
    backoff_max: float = 8.0
    max_tokens: int = 800

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        settings = cls(
            base_url=env.get("OPENAI_BASE_URL") or None,
            api_key=env.get("OPENAI_API_KEY") or None,
            model=env.get("SUMMARIZER_MODEL") or DEFAULT_REMOTE_MODEL,
            timeout=float(env.get("SUMMARIZER_TIMEOUT") or DEFAULT_TIMEOUT),
            mode=env.get("SUMMARIZER_MODE") or "auto",
            backoff_max=float(env.get("SUMMARIZER_BACKOFF_MAX") or cls.backoff_max),
        )
        given = {key: value for key, value in overrides.items() if value is not None}
        settings = replace(settings, **given)
        if settings.mode not in MODE_CHOICES:
            raise ValueError(f"mode must be one of {', '.join(MODE_CHOICES)}, not {settings.mode!r}")
        return settings

    @property
    def uses_remote(self) -> bool:
        """A base URL or key means: use that endpoint; otherwise the embedded model."""
        return bool(self.base_url or self.api_key)

    @property
    def endpoint(self) -> str:
        """The base URL with any credentials or query stripped, safe to print."""
        if not self.base_url:
            return "https://api.openai.com/v1"
        parts = urlsplit(self.base_url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))

    def __repr__(self) -> str:  # never show the key
        key = "set" if self.api_key else "unset"
        return f"Settings(endpoint={self.endpoint!r}, model={self.model!r}, mode={self.mode!r}, key={key})"
