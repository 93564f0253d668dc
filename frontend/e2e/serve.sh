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

# Accounts the browser tests sign in with (e2e/accounts.ts has the same emails and passwords).
# The wrong-password test uses its own account, so its failed attempt never throttles the others.
create_user() {
  local password="$1"
  shift
  MATHSHUBS_PASSWORD="$password" "$uv" run mathshubs create-user "$@"
}
create_user 'hub-admin-e2e-password' --email hub.admin@example.org --role hub_admin \
  --hub cheshire-and-wirral --name "Hana Admin"
create_user 'school-contact-e2e-password' --email school.contact@example.org --role school_contact \
  --hub cheshire-and-wirral --school-urn 100001 --name "Sam Contact"
create_user 'specialist-e2e-password' --email mastery.specialist@example.org --role mastery_specialist \
  --hub cheshire-and-wirral --name "Mo Specialist"
exec "$uv" run mathshubs serve --host 127.0.0.1 --port "$port"
