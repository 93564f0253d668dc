"""The guides in docs/, served by the service itself so that they are at hand wherever it runs:
each at /api/v1/docs/<name> as a page, and /api/v1/docs/<name>.md as written."""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, PlainTextResponse
from markdown_it import MarkdownIt

from api.settings import PROJECT_ROOT

GUIDES = {"integrations": PROJECT_ROOT / "docs" / "integrations.md"}
# Guides change only with a release: a proxy or browser may keep one for a few minutes.
CACHING = {"Cache-Control": "public, max-age=300"}
# Styles of the page's own (its policy, api/headers.py GUIDE_POLICY, allows only these).
_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; color: #0b0c0c; margin: 0 auto; padding: 1rem;
       max-width: 48rem; }
pre { background: #f3f2f1; padding: 0.75rem; overflow-x: auto; }
code { font: 14px/1.4 ui-monospace, monospace; }
a { color: #1d70b8; } a:focus { outline: 3px solid #fd0; background: #fd0; }
"""


def guide_paths(prefix: str) -> list[str]:
    return [f"{prefix}/{name}" for name in GUIDES]


def add_guides(app: FastAPI, prefix: str) -> None:
    """Routes outside the API's contract (not in the OpenAPI document): pages, not operations."""
    for name, source in GUIDES.items():
        _add_guide(app, f"{prefix}/{name}", source)


def _add_guide(app: FastAPI, path: str, source: Path) -> None:
    @app.get(path, include_in_schema=False, response_class=HTMLResponse)
    async def page() -> HTMLResponse:
        return HTMLResponse(_rendered(source), headers=CACHING)

    @app.get(f"{path}.md", include_in_schema=False, response_class=PlainTextResponse)
    async def markdown() -> PlainTextResponse:
        return PlainTextResponse(
            source.read_text(encoding="utf-8"), media_type="text/markdown", headers=CACHING
        )


@cache
def _rendered(source: Path) -> str:
    text = source.read_text(encoding="utf-8")
    title = next((line[2:] for line in text.splitlines() if line.startswith("# ")), source.stem)
    # CommonMark without raw HTML: the guide's text is shown, never run.
    body = MarkdownIt("commonmark", {"html": False}).render(text)
    # A code block wider than the page scrolls: focusable, so a keyboard can scroll it too.
    body = body.replace("<pre>", '<pre tabindex="0">')
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
