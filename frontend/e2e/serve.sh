#!/usr/bin/env bash
# The server for the browser tests: a fresh SQLite database in a temporary folder, migrated
# and loaded with the demo data, then the API serving the built SPA from frontend/dist.
# It does not build the SPA: run `npm run build` first (the Makefile does).
set -euo pipefail

frontend="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(dirname "$frontend")"
port="${E2E_PORT:-8765}"

if [[ ! -f "$frontend/dist/index.html" ]]; then
  echo "e2e/serve.sh: $frontend/dist/index.html is missing; run 'npm run build' first." >&2
  exit 1
fi

data="$(mktemp -d "${TMPDIR:-/tmp}/mathshubs-e2e.XXXXXX")"
export DATABASE_URL="sqlite:///$data/e2e.db"
export FRONTEND_DIST="$frontend/dist"
export ENVIRONMENT=development

# uv as the Makefile finds it: on PATH, or where `pip install --user uv` puts it.
uv="${UV:-$(command -v uv || echo "$HOME/.local/bin/uv")}"

cd "$root"
"$uv" run mathshubs migrate
"$uv" run mathshubs load-demo
exec "$uv" run mathshubs serve --host 127.0.0.1 --port "$port"
