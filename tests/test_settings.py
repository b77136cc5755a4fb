"""Settings from the environment: defaults, derived values, and one-line errors without secrets."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.factors import default_factors_path
from bot.settings import DEFAULT_API_BASE_URL, Settings, SettingsError

TOKEN = "123456:TEST-token_value"
WEBHOOK = {
    "TELEGRAM_BOT_TOKEN": TOKEN,
    "WEBHOOK_URL": "https://example.com/telegram/abc123",
    "WEBHOOK_SECRET": "s3cret-Value_1",
}


def error_for(environ: dict[str, str]) -> str:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(environ)
    return str(caught.value)


def test_an_empty_environment_gives_the_documented_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.token is None
    assert settings.api_base_url == DEFAULT_API_BASE_URL
    assert settings.api_base_file_url == "https://api.telegram.org/file/bot"
    assert settings.webhook_url is None
    assert settings.webhook_secret is None
    assert settings.port == 8080
    assert settings.factors_file == default_factors_path()
    assert settings.data_dir == Path("data")
    assert settings.log_level == "INFO"
    assert settings.secrets == ()


def test_every_variable_is_read_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            **WEBHOOK,
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "TELEGRAM_API_BASE_FILE_URL": "http://127.0.0.1:8081/files/bot",
            "WEBHOOK_LISTEN": "127.0.0.1",
            "PORT": "5000",
            "FACTORS_FILE": "/etc/kilowhat/factors.yaml",
            "DATA_DIR": "/var/lib/kilowhat",
            "LOG_LEVEL": "debug",
        }
    )
    assert settings.token == SecretStr(TOKEN)
    assert settings.api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.api_base_file_url == "http://127.0.0.1:8081/files/bot"
    assert settings.webhook_url == "https://example.com/telegram/abc123"
    assert settings.webhook_secret == SecretStr("s3cret-Value_1")
    assert settings.webhook_listen == "127.0.0.1"
    assert settings.port == 5000
    assert settings.factors_file == Path("/etc/kilowhat/factors.yaml")
    assert settings.data_dir == Path("/var/lib/kilowhat")
    assert settings.log_level == "DEBUG"


def test_the_file_url_is_derived_from_a_self_hosted_base_url() -> None:
    settings = Settings.from_env({"TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot"})
    assert settings.api_base_file_url == "http://127.0.0.1:8081/file/bot"


def test_the_file_url_is_derived_for_telegrams_test_environment() -> None:
    # PTB replaces {token}; Telegram's test environment puts "/test" after the token.
    settings = Settings.from_env(
        {"TELEGRAM_API_BASE_URL": "https://api.telegram.org/bot{token}/test"}
    )
    assert settings.api_base_file_url == "https://api.telegram.org/file/bot{token}/test"


def test_empty_variables_count_as_unset() -> None:
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": "", "PORT": " ", "WEBHOOK_URL": ""})
    assert settings.token is None
    assert settings.port == 8080
    assert settings.webhook_url is None


def test_a_pasted_token_loses_its_trailing_newline() -> None:
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": f"{TOKEN}\n"})
    assert settings.secrets == (TOKEN,)


def test_repr_and_str_never_show_the_secrets() -> None:
    settings = Settings.from_env(WEBHOOK)
    for shown in (repr(settings), str(settings), str(settings.model_dump())):
        assert TOKEN not in shown
        assert "s3cret-Value_1" not in shown


def test_the_secrets_are_the_token_and_the_webhook_secret() -> None:
    assert Settings.from_env(WEBHOOK).secrets == (TOKEN, "s3cret-Value_1")


def test_the_webhook_path_is_the_path_of_the_webhook_url() -> None:
    assert Settings.from_env(WEBHOOK).webhook_path == "telegram/abc123"
    assert Settings.from_env({}).webhook_path == ""


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"PORT": "abc"}, "bad setting PORT: must be a whole number from 1 to 65535, got 'abc'"),
        ({"PORT": "70000"}, "bad setting PORT: must be a whole number from 1 to 65535"),
        ({"PORT": "0"}, "bad setting PORT: must be a whole number from 1 to 65535"),
        ({"LOG_LEVEL": "loud"}, "bad setting LOG_LEVEL: must be one of DEBUG, INFO"),
        ({"TELEGRAM_API_BASE_URL": "ftp://x/bot"}, "bad setting TELEGRAM_API_BASE_URL: must be"),
        ({"TELEGRAM_API_BASE_FILE_URL": "nope"}, "bad setting TELEGRAM_API_BASE_FILE_URL:"),
        ({"TELEGRAM_BOT_TOKEN": "not a token"}, "bad setting TELEGRAM_BOT_TOKEN: does not look"),
        ({**WEBHOOK, "WEBHOOK_URL": "example.com/hook"}, "bad setting WEBHOOK_URL: must be"),
        ({**WEBHOOK, "WEBHOOK_URL": "https://e.com/h?x=1"}, "bad setting WEBHOOK_URL: must not"),
        ({**WEBHOOK, "WEBHOOK_URL": "http://e.com/h"}, "bad setting WEBHOOK_URL: Telegram only"),
        ({**WEBHOOK, "WEBHOOK_SECRET": ""}, "bad setting WEBHOOK_SECRET: required when"),
        ({**WEBHOOK, "TELEGRAM_BOT_TOKEN": ""}, "bad setting TELEGRAM_BOT_TOKEN: required when"),
        ({**WEBHOOK, "WEBHOOK_SECRET": "has space"}, "bad setting WEBHOOK_SECRET: must be 1 to"),
        ({"WEBHOOK_LISTEN": "a b"}, "bad setting WEBHOOK_LISTEN: must be an IP address"),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_variable(
    environ: dict[str, str], expected: str
) -> None:
    message = error_for(environ)
    assert message.startswith(expected)
    assert "\n" not in message


def test_a_plain_http_webhook_is_allowed_with_a_self_hosted_bot_api_server() -> None:
    settings = Settings.from_env(
        {
            **WEBHOOK,
            "WEBHOOK_URL": "http://bot.internal:8080/hook",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
        }
    )
    assert settings.webhook_url == "http://bot.internal:8080/hook"


@pytest.mark.parametrize(
    "environ",
    [
        {"TELEGRAM_BOT_TOKEN": "123456:has spaces inside"},
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": f"https://api.telegram.org/bot{TOKEN}",
        },
        {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": f"ftp://host/bot{TOKEN}"},
        {**WEBHOOK, "WEBHOOK_URL": f"ftp://host/{TOKEN}"},
        {**WEBHOOK, "WEBHOOK_SECRET": "s3cret value!"},
    ],
)
def test_errors_never_show_a_secret(environ: dict[str, str]) -> None:
    message = error_for(environ)
    for secret in (TOKEN, "has spaces inside", "s3cret value!"):
        assert secret not in message


def test_settings_are_frozen() -> None:
    settings = Settings.from_env({})
    with pytest.raises(ValueError, match="frozen"):
        settings.port = 1  # type: ignore[misc]
