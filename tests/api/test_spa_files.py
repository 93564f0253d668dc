"""The built SPA as the service sends it: its pages' routes answer index.html, and its hashed
build files go gzipped to browsers that accept it and may be kept for good."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import Settings

SCRIPT = b"export const catalogue = " + b'"programmes, schools and sessions";\n' * 200


@pytest.fixture
def spa(settings: Settings, tmp_path: Path) -> Iterator[TestClient]:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Maths Hubs</title>")
    (tmp_path / "assets" / "index-abc123.js").write_bytes(SCRIPT)
    app = create_app(settings.model_copy(update={"frontend_dist": tmp_path}))
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def test_build_files_are_gzipped_and_kept_for_good(spa: TestClient) -> None:
    sent = spa.get("/assets/index-abc123.js", headers={"Accept-Encoding": "gzip"})
    assert sent.status_code == 200
    assert sent.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in sent.headers["Vary"]
    assert sent.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # httpx undoes the encoding; the length on the wire is the compressed one.
    assert sent.content == SCRIPT
    assert int(sent.headers["Content-Length"]) == len(gzip.compress(SCRIPT, compresslevel=9))

    plain = spa.get("/assets/index-abc123.js", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert plain.content == SCRIPT

    missing = spa.get("/assets/index-gone.js")
    assert missing.status_code == 404
    assert "immutable" not in missing.headers.get("Cache-Control", "")


def test_the_spas_routes_answer_its_page(spa: TestClient) -> None:
    page = spa.get("/programmes/3")
    assert page.status_code == 200
    assert "Maths Hubs" in page.text
    assert page.headers["Cache-Control"] == "no-cache"
