"""Links in email and feed URLs start with PUBLIC_BASE_URL; unset, with where `serve` listens."""

from __future__ import annotations

import pytest

from api.settings import Settings, served_at


def test_unset_it_is_the_address_served(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    served = Settings(_env_file=None, host="127.0.0.1", port=8080)
    assert (served.public_base_url, served.base_url_given) == ("http://127.0.0.1:8080", False)
    everywhere = Settings(_env_file=None, host="0.0.0.0", port=9000)
    assert everywhere.public_base_url == "http://127.0.0.1:9000"


def test_set_it_is_kept() -> None:
    settings = Settings(public_base_url="https://maths.example", port=8080)
    assert (settings.public_base_url, settings.base_url_given) == ("https://maths.example", True)


def test_an_ipv6_address_is_bracketed() -> None:
    assert served_at("::1", 8000) == "http://[::1]:8000"
