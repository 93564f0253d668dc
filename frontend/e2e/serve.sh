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
# Stopped as supervisors stop a process (Playwright sends SIGTERM to the whole process group;
# SIGINT cannot be relied on, a background job inherits it ignored): the servers this script
# starts get SIGTERM, then SIGKILL after a bound, and the temporary folder goes with them.
smtp_pid=""
app_pid=""
running() {  # whether any of these processes still runs (an exited one not yet reaped does not)
  local pid state
  for pid in "$@"; do
    state="$(ps -o stat= -p "$pid" 2>/dev/null)" || continue
    [[ "$state" == Z* ]] || return 0
  done
  return 1
}
stop() {
  trap '' TERM INT  # a second signal must not cut the cleanup short
  local pids=() deadline=$((SECONDS + 15))
  [[ -z "$app_pid" ]] || pids+=("$app_pid")
  [[ -z "$smtp_pid" ]] || pids+=("$smtp_pid")
  if ((${#pids[@]})); then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    # Polled, not `wait`ed: bash's `wait` inside a trap can miss a child's exit.
    while running "${pids[@]}" && ((SECONDS < deadline)); do sleep 0.1; done
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap stop EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
export DATABASE_URL="sqlite:///$data/e2e.db"
export FRONTEND_DIST="$frontend/dist"
export ENVIRONMENT=development
# Every browser test reads the public pages from 127.0.0.1: far more than one visitor would, so
# the address limit is lifted (requests are still counted, and carry the RateLimit fields).
export RATE_LIMIT_ANONYMOUS_PER_MINUTE="${RATE_LIMIT_ANONYMOUS_PER_MINUTE:-1000000}"
export RATE_LIMIT_KEY_PER_MINUTE="${RATE_LIMIT_KEY_PER_MINUTE:-1000000}"
# The server's clock stands still at the moment the browser tests run at (E2E_NOW, from
# e2e/moment.ts through playwright.config.ts), for the demo data and every request alike.
export FIXED_NOW="${E2E_NOW:?e2e/serve.sh: set E2E_NOW to the moment to run at, such as 2027-01-19T10:00:00+00:00 (playwright.config.ts does)}"
# The server's clock reads this file at each request (CLOCK_FILE): the test of a whole year lets
# time pass by rewriting it (e2e/moment.ts), and puts it back at E2E_NOW when it ends.
if [[ -n "${E2E_CLOCK_FILE:-}" ]]; then
  printf '%s\n' "$FIXED_NOW" > "$E2E_CLOCK_FILE"
  export CLOCK_FILE="$E2E_CLOCK_FILE"
fi

# uv as the Makefile finds it: on PATH, or where `pip install --user uv` puts it.
uv="${UV:-$(command -v uv || echo "$HOME/.local/bin/uv")}"

cd "$root"
"$uv" run mathshubs migrate
"$uv" run mathshubs load-demo

# The browsers remembered by the last database's server mean nothing to this one (e2e/accounts.ts).
if [[ -n "${E2E_BROWSERS_FILE:-}" ]]; then rm -f "$E2E_BROWSERS_FILE"; fi

# Accounts the browser tests sign in with (e2e/accounts.ts has the same emails and passwords).
# The wrong-password test uses its own account, so its failed attempt never throttles the others.
create_user() {
  local password="$1"
  shift
  MATHSHUBS_PASSWORD="$password" "$uv" run mathshubs create-user "$@"
}
# Administrators sign in with a code too: theirs have two-factor sign-in on from the start,
# with the authenticator secret e2e/accounts.ts computes the codes from (TOTP_SECRET).
create_admin() {
  MATHSHUBS_TOTP_SECRET=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP create_user "$@"
}
create_admin 'hub-admin-e2e-password' --email hub.admin@example.org --role hub_admin \
  --hub cheshire-and-wirral --name "Hana Admin"
# The accounts test: an administrator of the same hub who invites and deactivates people.
create_admin 'people-admin-e2e-password' --email people.admin@example.org --role hub_admin \
  --hub cheshire-and-wirral --name "Pat People"
# The reports tests: a national administrator, who sees every hub side by side.
create_admin 'national-admin-e2e-password' --email national.admin@example.org --role national_admin \
  --name "Nia National"
create_user 'school-contact-e2e-password' --email school.contact@example.org --role school_contact \
  --hub cheshire-and-wirral --school-urn 100001 --name "Sam Contact"
create_user 'specialist-e2e-password' --email mastery.specialist@example.org --role mastery_specialist \
  --hub cheshire-and-wirral --name "Mo Specialist"
# The applications tests: a school contact of Carmel Academy (secondary, Archimedes NE) and an
# administrator of that hub, who reviews its applications.
create_user 'carmel-contact-e2e-password' --email carmel.contact@example.org --role school_contact \
  --hub archimedes-ne --school-urn 100005 --name "Cara Contact"
create_admin 'archimedes-admin-e2e-password' --email archimedes.admin@example.org --role hub_admin \
  --hub archimedes-ne --name "Archie Admin"
# Checking before applying, deleting a draft and withdrawing (applications_check.spec.ts): a
# contact of Hummersknott Academy (secondary, Darlington, Archimedes NE), no one else's school.
create_user 'hummersknott-contact-e2e-password' --email hummersknott.contact@example.org \
  --role school_contact --hub archimedes-ne --school-urn 100022 --name "Hugo Contact"

# The test of a whole year: a school contact of Ellesmere Port Primary School (100044), which
# the demo leaves untouched.
create_user 'ellesmere-contact-e2e-password' --email ellesmere.contact@example.org --role school_contact \
  --hub cheshire-and-wirral --school-urn 100044 --name "Elle Contact"

# The grants test: a school contact of Tatton Vale High School (100030, Cheshire and Wirral),
# which no demo group and no other test uses.
create_user 'tattonvale-contact-e2e-password' --email tattonvale.contact@example.org --role school_contact \
  --hub cheshire-and-wirral --school-urn 100030 --name "Tam Contact"

# A real SMTP server for the email the service sends (the signatories' links): it writes each
# message as a JSON file into the mail folder, where the tests read it (e2e/mail.ts). It is
# stopped with the web server (the trap above).
smtp_port="${E2E_SMTP_PORT:-8825}"
mail_dir="${E2E_MAIL_DIR:-$data/mail}"
mkdir -p "$mail_dir"
find "$mail_dir" -maxdepth 1 -name '*.json' -delete
"$uv" run python "$frontend/e2e/smtp_sink.py" --port "$smtp_port" --folder "$mail_dir" &
smtp_pid=$!
# Ready when it accepts a connection; a generous bound, as the machine may be busy.
for attempt in $(seq 1 600); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null; then break; fi
  if ! kill -0 "$smtp_pid" 2>/dev/null || [[ "$attempt" == 600 ]]; then
    echo "e2e/serve.sh: the SMTP server did not start on port $smtp_port." >&2
    exit 1
  fi
  sleep 0.1
done

# The background senders of `mathshubs serve` deliver the outbox and webhooks every second;
# the links in the email lead back to this server.
SMTP_HOST=127.0.0.1 SMTP_PORT="$smtp_port" MAIL_POLL_SECONDS=1 WEBHOOK_POLL_SECONDS=1 \
  PUBLIC_BASE_URL="http://127.0.0.1:$port" \
  "$uv" run mathshubs serve --host 127.0.0.1 --port "$port" &
app_pid=$!
wait "$app_pid"
