"""The operators' command, run as operators run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from api.settings import DEFAULT_SECRET_KEY, PROJECT_ROOT, Settings, UnsafeSettings


def mathshubs(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_serve_refuses_the_default_secret_key_outside_development(tmp_path: Path) -> None:
    env = {
        "ENVIRONMENT": "production",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
        "SECRET_KEY": DEFAULT_SECRET_KEY,
    }
    result = mathshubs("serve", "--port", "9", env=env)
    assert result.returncode == 2
    assert "Refusing to start" in result.stderr
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("environment", "key", "safe"),
    [
        ("development", DEFAULT_SECRET_KEY, True),
        ("production", DEFAULT_SECRET_KEY, False),
        ("production", "short", False),
        ("production", "k" * 40, True),
    ],
)
def test_which_keys_are_safe(environment: str, key: str, safe: bool) -> None:
    settings = Settings(environment=environment, secret_key=key)  # type: ignore[arg-type]
    if safe:
        settings.check_safe_to_serve()
    else:
        with pytest.raises(UnsafeSettings):
            settings.check_safe_to_serve()


def test_migrate_and_load_demo_are_repeatable(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'demo.db'}"}
    assert mathshubs("migrate", env=env).returncode == 0
    first = mathshubs("load-demo", env=env)
    assert "4 hubs and 21 programmes added" in first.stdout, first.stderr
    assert "14 applications and 21 grant claims added" in first.stdout
    second = mathshubs("load-demo", env=env)
    assert "0 hubs and 0 programmes added" in second.stdout
    assert "0 Work Groups, 0 applications and 0 grant claims added" in second.stdout
    assert mathshubs("migrate", env=env).returncode == 0


def test_create_user_and_an_api_key_that_works(tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'keys.db'}",
        "MATHSHUBS_PASSWORD": "a long passphrase 1",
    }
    assert mathshubs("migrate", env=env).returncode == 0
    assert mathshubs("load-demo", env=env).returncode == 0
    user = mathshubs(
        "create-user",
        "--email",
        "Boss@Example.org",
        "--role",
        "national_admin",
        "--name",
        "Boss",
        env=env,
    )
    assert "Created national_admin boss@example.org" in user.stdout, user.stderr
    twice = mathshubs(
        "create-user",
        "--email",
        "boss@example.org",
        "--role",
        "national_admin",
        "--name",
        "B",
        env=env,
    )
    assert twice.returncode == 1
    assert "already an account" in twice.stderr

    issued = mathshubs(
        "create-api-key",
        "--hub",
        "west-yorkshire",
        "--scope",
        "timetable:read",
        "--scope",
        "programmes:read",
        "--name",
        "Sync",
        env=env,
    )
    assert issued.returncode == 0, issued.stderr
    secret = issued.stdout.strip().splitlines()[-1]
    assert secret.startswith("mh_")

    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.settings import Settings

    app = create_app(Settings(database_url=env["DATABASE_URL"], environment="test"))
    with TestClient(app, base_url="https://testserver") as client:
        me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {secret}"})
    app.state.engine.dispose()
    assert me.json()["scopes"] == ["programmes:read", "timetable:read"]
    assert me.json()["hub_id"] == "west-yorkshire"
