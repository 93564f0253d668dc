"""Configuration from the environment (and a `.env` file), read once at start-up."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Refused outside development so that a deployment cannot run with a key everybody knows.
DEFAULT_SECRET_KEY = "development-only-secret-key-change-me"


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

    def check_safe_to_serve(self) -> None:
        """Refuse a deployment that kept the development secret key."""
        if self.environment != "development" and self.secret_key == DEFAULT_SECRET_KEY:
            raise UnsafeSettings(
                "SECRET_KEY is the development default; set a long random SECRET_KEY "
                "before running with ENVIRONMENT=" + self.environment
            )


class UnsafeSettings(RuntimeError):
    pass


@lru_cache
def get_settings() -> Settings:
    return Settings()
