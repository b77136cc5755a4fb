"""The bot's settings, read once from the environment and validated into a frozen model."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Self
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.factors import default_factors_path

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_PORT = 8080
DEFAULT_DATA_DIR = Path("data")
DEFAULT_LISTEN = "0.0.0.0"

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
_LOG_LEVELS: tuple[LogLevel, ...] = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# BotFather tokens are "<bot id>:<secret>"; Telegram's secret_token allows 1–256 of [A-Za-z0-9_-].
_TOKEN_PATTERN = re.compile(r"\d+:[A-Za-z0-9_-]+")
_WEBHOOK_SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_MAX_SHOWN = 60

# Field name → environment variable, so every error names what the operator has to change.
ENV_NAMES: dict[str, str] = {
    "token": "TELEGRAM_BOT_TOKEN",
    "api_base_url": "TELEGRAM_API_BASE_URL",
    "api_base_file_url": "TELEGRAM_API_BASE_FILE_URL",
    "webhook_url": "WEBHOOK_URL",
    "webhook_secret": "WEBHOOK_SECRET",
    "webhook_listen": "WEBHOOK_LISTEN",
    "port": "PORT",
    "factors_file": "FACTORS_FILE",
    "data_dir": "DATA_DIR",
    "log_level": "LOG_LEVEL",
}


class SettingsError(Exception):
    """A setting is unusable; str() is one line naming the variable and never a secret's value."""


class Settings(BaseModel):
    """Everything the process needs from its environment; secrets are SecretStr, hidden by repr."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    token: SecretStr | None = None
    api_base_url: str = DEFAULT_API_BASE_URL
    # Derived from api_base_url when not given: ".../bot" becomes ".../file/bot".
    api_base_file_url: str = ""
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = DEFAULT_LISTEN
    port: int = DEFAULT_PORT
    factors_file: Path = Field(default_factory=default_factors_path)
    data_dir: Path = DEFAULT_DATA_DIR
    log_level: LogLevel = "INFO"

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Read and validate the settings; raise SettingsError (one line) on the first bad one."""
        # An empty variable counts as unset, as `FOO= python -m bot` usually means "not set".
        raw = {
            field: environ[name]
            for field, name in ENV_NAMES.items()
            if environ.get(name, "").strip() != ""
        }
        try:
            return cls.model_validate(raw)
        except ValidationError as error:
            raise _settings_error(error) from None

    @property
    def secrets(self) -> tuple[str, ...]:
        """The secret values, for the log filter to redact wherever they appear."""
        return tuple(s.get_secret_value() for s in (self.token, self.webhook_secret) if s)

    @property
    def webhook_path(self) -> str:
        """The path Telegram posts updates to: WEBHOOK_URL's own path, without the leading '/'."""
        if self.webhook_url is None:
            return ""
        return urlsplit(self.webhook_url).path.lstrip("/")

    @model_validator(mode="before")
    @classmethod
    def _derive_file_url(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("api_base_file_url"):
            base = str(data.get("api_base_url") or DEFAULT_API_BASE_URL).strip()
            data = {**data, "api_base_file_url": _file_url_for(base)}
        return data

    @field_validator("token", mode="before")
    @classmethod
    def _check_token(cls, value: object) -> object:
        text = _secret_text(value)
        if text is None:
            return None
        # Copied tokens often carry a trailing newline or space; the value itself is never shown.
        text = text.strip()
        if not text:
            return None
        if not _TOKEN_PATTERN.fullmatch(text):
            raise ValueError(
                "does not look like a bot token from BotFather "
                "(digits, a colon, then letters, digits, '_' or '-'); value not shown"
            )
        return SecretStr(text)

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _check_webhook_secret(cls, value: object) -> object:
        text = _secret_text(value)
        if text is None:
            return None
        text = text.strip()
        if not _WEBHOOK_SECRET_PATTERN.fullmatch(text):
            raise ValueError(
                "must be 1 to 256 characters of A-Z, a-z, 0-9, '_' and '-' (Telegram's rule); "
                "value not shown"
            )
        return SecretStr(text)

    @field_validator("api_base_url", "api_base_file_url", mode="before")
    @classmethod
    def _check_http_url(cls, value: object, info: ValidationInfo) -> object:
        text = str(value).strip()
        parts = urlsplit(text)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(
                f"must be an http(s) URL such as {DEFAULT_API_BASE_URL}, "
                f"got {_shown_url(text, info)}"
            )
        return text

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _check_webhook_url(cls, value: object, info: ValidationInfo) -> object:
        if value is None:
            return None
        text = str(value).strip()
        parts = urlsplit(text)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(
                "must be an https URL such as https://example.com/hook, "
                f"got {_shown_url(text, info)}"
            )
        if parts.query or parts.fragment:
            raise ValueError(f"must not have a query or a fragment, got {_shown_url(text, info)}")
        return text

    @field_validator("port", mode="before")
    @classmethod
    def _check_port(cls, value: object) -> object:
        text = str(value).strip()
        if not text.isdigit() or not 1 <= int(text) <= 65535:
            raise ValueError(f"must be a whole number from 1 to 65535, got {_shown(value)}")
        return int(text)

    @field_validator("webhook_listen", mode="before")
    @classmethod
    def _check_listen(cls, value: object) -> object:
        text = str(value).strip()
        if not text or any(c.isspace() for c in text):
            raise ValueError(
                f"must be an IP address to listen on such as 0.0.0.0, got {_shown(value)}"
            )
        return text

    @field_validator("factors_file", "data_dir", mode="before")
    @classmethod
    def _check_path(cls, value: object) -> object:
        if isinstance(value, str):
            return Path(value.strip())
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _check_log_level(cls, value: object) -> object:
        text = str(value).strip().upper()
        if text not in _LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(_LOG_LEVELS)}, got {_shown(value)}")
        return text

    @model_validator(mode="after")
    def _check_combinations(self) -> Self:
        token = self.token.get_secret_value() if self.token else None
        if token and (token in self.api_base_url or token in self.api_base_file_url):
            # PTB appends the token itself; a token in the URL would also end up in logs.
            raise ValueError(
                "TELEGRAM_API_BASE_URL: must not contain the token "
                "(python-telegram-bot appends it), e.g. http://127.0.0.1:8081/bot"
            )
        if self.webhook_url is None:
            return self
        if token is None:
            raise ValueError("TELEGRAM_BOT_TOKEN: required when WEBHOOK_URL is set")
        if self.webhook_secret is None:
            # Without the secret header anyone who finds the URL could post fake updates.
            raise ValueError(
                "WEBHOOK_SECRET: required when WEBHOOK_URL is set "
                "(1 to 256 characters of A-Z, a-z, 0-9, '_' and '-')"
            )
        if self.api_base_url == DEFAULT_API_BASE_URL and not self.webhook_url.startswith("https:"):
            raise ValueError("WEBHOOK_URL: Telegram only delivers updates to https URLs")
        return self


def _file_url_for(base_url: str) -> str:
    # ".../bot" → ".../file/bot", and PTB's placeholder form for Telegram's test environment,
    # ".../bot{token}/test" → ".../file/bot{token}/test".
    cut = base_url.rfind("/bot")
    if cut == -1:
        return base_url.rstrip("/") + "/file/bot"
    return f"{base_url[:cut]}/file{base_url[cut:]}"


def _secret_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    return str(value)


def _shown_url(url: str, info: ValidationInfo) -> str:
    # A token pasted into a URL must not be echoed back in the error.
    for name in ("token", "webhook_secret"):
        secret = info.data.get(name)
        if isinstance(secret, SecretStr) and secret.get_secret_value():
            url = url.replace(secret.get_secret_value(), "***")
    return _shown(url)


def _shown(value: object) -> str:
    text = repr(value)
    if len(text) > _MAX_SHOWN:
        text = text[: _MAX_SHOWN - 1] + "…"
    return text


def _settings_error(error: ValidationError) -> SettingsError:
    # The first problem is the one to fix first; pydantic never echoes SecretStr inputs
    # because our before-validators raise before pydantic sees a plain string.
    detail = error.errors(include_url=False, include_input=False)[0]
    message = str(detail["msg"]).removeprefix("Value error, ")
    loc = [str(part) for part in detail["loc"]]
    if loc and loc[0] in ENV_NAMES:
        message = f"{ENV_NAMES[loc[0]]}: {message}"
    return SettingsError(f"bad setting {message}")
