"""Configuration from the environment (and a `.env` file), read once at start-up."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal, Self

from pydantic import AwareDatetime, Field, PrivateAttr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Refused outside development so that a deployment cannot run with a key everybody knows.
DEFAULT_SECRET_KEY = "development-only-secret-key-change-me"  # noqa: S105

MIN_SECRET_KEY_LENGTH = 32


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'mathshubs.db'}"
    secret_key: str = DEFAULT_SECRET_KEY
    host: str = "127.0.0.1"
    port: int = 8000
    # The built SPA; served at / when the folder exists.
    frontend_dist: Path = PROJECT_ROOT / "frontend" / "dist"
    cors_origins: list[str] = Field(default_factory=list)
    sql_echo: bool = False
    # Bounded waits on the database: past any of them a request answers 503 with Retry-After
    # (and changes nothing) instead of queueing; README's Configuration says which is which.
    database_pool_timeout_seconds: float = Field(default=5.0, gt=0)
    database_lock_timeout_seconds: float = Field(default=5.0, gt=0)
    database_statement_timeout_seconds: float = Field(default=30.0, gt=0)
    database_connect_timeout_seconds: float = Field(default=5.0, gt=0)
    database_retry_after_seconds: int = Field(default=5, ge=1)
    # /health/ready answers within this, whatever the requests' pool is doing.
    readiness_timeout_seconds: float = Field(default=1.0, gt=0)
    # Request bodies (api/request_limits.py; README's Configuration): JSON endpoints take small
    # ones, file uploads (the GIAS and participation imports) larger; past either, 413. A body
    # must keep coming: no pause over the idle time and, after the grace time, at least the
    # minimum average rate; otherwise 408.
    request_body_max_bytes: int = Field(default=1 << 20, gt=0)
    upload_body_max_bytes: int = Field(default=128 << 20, gt=0)
    request_body_idle_seconds: float = Field(default=20.0, gt=0)
    request_body_grace_seconds: float = Field(default=10.0, ge=0)
    request_body_min_bytes_per_second: float = Field(default=500.0, gt=0)
    # Requests a minute (api/rate_limits.py; README's Rate limits): for each API key unless hub
    # staff set its own, and for each client address on public reads without a key. Counted in
    # each process's memory, or on the Redis this URL names (redis://host:6379/0) so that all
    # processes share one count; while Redis cannot be reached each process counts alone.
    rate_limit_key_per_minute: int = Field(default=600, ge=1)
    rate_limit_anonymous_per_minute: int = Field(default=300, ge=1)
    rate_limit_redis_url: str = ""
    # Each count's Redis key starts with this: deployments sharing one Redis keep apart.
    rate_limit_redis_prefix: str = Field(default="mathshubs-ratelimit", min_length=1)
    # Browsers keep Secure cookies from http://localhost too; turn off only behind plain HTTP.
    session_cookie_secure: bool = True
    # Email: the outbox is delivered to this SMTP server (a relay such as Postfix or a
    # provider's submission port); messages wait in the database while it is unreachable.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "Maths Hubs Programmes <no-reply@mathshubs.invalid>"
    # `mathshubs serve` runs a sender in the background; turn off to run `send-mail` instead.
    mail_sender_enabled: bool = True
    mail_poll_seconds: float = 10.0
    # `mathshubs serve` delivers webhooks in the background too; turn off to run
    # `send-webhooks` instead.
    webhook_sender_enabled: bool = True
    webhook_poll_seconds: float = Field(default=5.0, gt=0)
    # `mathshubs serve` applies the retention schedule in the background, a round every
    # RETENTION_POLL_SECONDS (a round finds nothing more due the same day); off, run
    # `mathshubs apply-retention` daily from cron instead.
    retention_enabled: bool = False
    retention_poll_seconds: float = Field(default=3600.0, gt=0)
    # The key of the evaluation extract's pseudonymous ids (empty: derived from SECRET_KEY).
    evaluation_secret: str = ""
    # On PostgreSQL, each process listens for data version changes, so a cached timetable is
    # served without a query; off, each request asks the database (as on SQLite).
    data_version_listen: bool = True
    # Behind a transaction pooler such as PgBouncer (DATABASE_URL names the pooler): no
    # server-side prepared statements and no session settings, as each transaction may run on
    # another server connection. The listener above holds one connection for as long as the
    # process runs, so it connects directly to PostgreSQL here (empty: DATABASE_URL).
    database_pooled: bool = False
    listen_database_url: str = ""
    # Where recipients reach the service; the links in emails and feed URLs start with it.
    # Unset (empty), it is the address `serve` listens on: http://HOST:PORT.
    public_base_url: str = ""
    _base_url_given: bool = PrivateAttr(default=False)
    # The service's clock stands still at this instant (ISO 8601 with its offset, such as
    # 2029-06-15T10:00:00+01:00) instead of following the system clock: the browser tests and
    # demonstrations run at a set moment. Refused in production.
    fixed_now: AwareDatetime | None = None
    # The clock stands at the instant written in this file, read at each request: the browser
    # test of a whole year moves it on. Refused in production.
    clock_file: Path | None = None

    @model_validator(mode="after")
    def _base_url_defaults_to_where_it_serves(self) -> Self:
        self._base_url_given = bool(self.public_base_url)
        if not self.public_base_url:
            self.public_base_url = served_at(self.host, self.port)
        return self

    @property
    def base_url_given(self) -> bool:
        """Whether PUBLIC_BASE_URL was set, rather than defaulted to HOST and PORT."""
        return self._base_url_given

    @model_validator(mode="after")
    def _no_fixed_clock_in_production(self) -> Self:
        if self.environment == "production":
            if self.fixed_now is not None:
                raise ValueError(
                    "FIXED_NOW is for tests and demonstrations; unset it in production"
                )
            if self.clock_file is not None:
                raise ValueError("CLOCK_FILE is for tests; unset it in production")
        return self

    @property
    def evaluation_key(self) -> str:
        return self.evaluation_secret or "evaluation:" + self.secret_key

    def check_safe_to_serve(self) -> None:
        """Refuse a deployment that kept the development secret key, or a guessable one."""
        if self.environment == "development":
            return
        if self.secret_key == DEFAULT_SECRET_KEY or len(self.secret_key) < MIN_SECRET_KEY_LENGTH:
            raise UnsafeSettings(
                f"SECRET_KEY is the development default or shorter than {MIN_SECRET_KEY_LENGTH} "
                f"characters; set a long random SECRET_KEY before running with "
                f"ENVIRONMENT={self.environment} (python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))')"
            )


def served_at(host: str, port: int) -> str:
    """The address a browser on this machine reaches `serve` at (all interfaces: localhost)."""
    if host in ("0.0.0.0", "::", ""):  # noqa: S104 (naming it, not binding to it)
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


class UnsafeSettings(RuntimeError):
    pass


@lru_cache
def get_settings() -> Settings:
    return Settings()
