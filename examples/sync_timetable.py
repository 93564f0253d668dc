"""Keep a local SQLite copy of one hub's timetable in step with Maths Hubs Programmes.

A worked client for other hubs' systems (issue 17). It uses what the API offers for this:

* `GET /api/v1/timetable?hub=…&updated_since=…` returns only the sessions changed since an
  instant (cancelled ones included, with status "cancelled"), a page at a time (`next_cursor`);
* each answer has an `ETag`; sent back as `If-None-Match`, an unchanged answer is a bodiless
  304, so polling often costs next to nothing;
* webhooks: with `--listen`, the client runs a small HTTP receiver, verifies each delivery's
  Standard Webhooks signature with the `standardwebhooks` package, and syncs as soon as a
  session (or programme) event arrives, instead of waiting for the next poll.

The copy remembers the latest `updated_at` it has seen and asks from there next time (the
server's instants, never this machine's clock, so clock skew loses nothing); the last session is
fetched again each time, which the upsert absorbs. A programme's title can change without its
sessions changing, so a programme event makes the next sync a full one.

    python examples/sync_timetable.py --base-url https://mathshubs.example --hub north \\
        --database timetable.sqlite --once
    python examples/sync_timetable.py --base-url … --hub north --database timetable.sqlite \\
        --listen 0.0.0.0:8080 --secret whsec_… --poll-seconds 300

Register the receiver's public HTTPS address as a webhook endpoint of your hub (the SPA's
Webhooks page, or POST /api/v1/webhooks/endpoints) for the session.* and programme.* events,
and give the secret it shows once to --secret. Needs httpx and standardwebhooks.
"""

from __future__ import annotations

import argparse
import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
from standardwebhooks import Webhook, WebhookVerificationError

log = logging.getLogger("sync_timetable")

SCHEMA = """
CREATE TABLE IF NOT EXISTS session (
    session_id INTEGER PRIMARY KEY,
    work_group_id INTEGER NOT NULL,
    work_group_name TEXT NOT NULL,
    programme_title TEXT NOT NULL,
    kind TEXT NOT NULL,
    number INTEGER NOT NULL,
    status TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    host_urn TEXT,
    online INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    entry TEXT NOT NULL  -- the whole timetable entry, as JSON
);
CREATE TABLE IF NOT EXISTS sync_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
PAGE_SIZE = 200


@dataclass(frozen=True)
class SyncReport:
    changed: int  # sessions written to the copy
    not_modified: bool  # the server answered 304: nothing changed


class TimetableCopy:
    """The local copy: one row per session, and where the last sync got to."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock = threading.Lock()  # one sync at a time
        with self._connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path)) as db, db:  # commits, or rolls back
            yield db

    def state(self, name: str) -> str | None:
        with self._connect() as db:
            row = db.execute("SELECT value FROM sync_state WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def forget_position(self) -> None:
        """The next sync reads everything (after a programme changed, say)."""
        with self._connect() as db:
            db.execute("DELETE FROM sync_state")

    def save(self, entries: list[dict[str, Any]], *, etag: str | None, asked_since: str) -> None:
        """Write changed sessions and the new position in one transaction, with the ETag of
        the query asked (`asked_since`), which only that same query may send back."""
        with self._connect() as db:
            for entry in entries:
                db.execute(
                    "INSERT OR REPLACE INTO session VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        entry["session_id"],
                        entry["work_group_id"],
                        entry["work_group_name"],
                        entry["programme_title"],
                        entry["kind"],
                        entry["number"],
                        entry["status"],
                        entry["starts_at"],
                        entry["ends_at"],
                        (entry.get("host") or {}).get("urn"),
                        int(entry["online"]),
                        entry["updated_at"],
                        json.dumps(entry, sort_keys=True),
                    ),
                )
            newest = max((e["updated_at"] for e in entries), default=None)
            current = db.execute(
                "SELECT value FROM sync_state WHERE name = 'updated_since'"
            ).fetchone()
            if newest is not None and (current is None or newest > current[0]):
                db.execute(
                    "INSERT OR REPLACE INTO sync_state VALUES ('updated_since', ?)", (newest,)
                )
            if etag is not None:
                db.execute("INSERT OR REPLACE INTO sync_state VALUES ('etag', ?)", (etag,))
                db.execute(
                    "INSERT OR REPLACE INTO sync_state VALUES ('etag_since', ?)", (asked_since,)
                )

    def sessions(self) -> dict[int, dict[str, Any]]:
        with self._connect() as db:
            rows = db.execute("SELECT session_id, entry FROM session").fetchall()
        return {session_id: json.loads(entry) for session_id, entry in rows}


class TimetableSync:
    def __init__(
        self, client: httpx.Client, copy: TimetableCopy, *, hub: str, api_key: str | None = None
    ) -> None:
        self.client = client
        self.copy = copy
        self.hub = hub
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    def sync(self) -> SyncReport:
        """Fetch what changed since the last sync and write it to the copy."""
        with self.copy.lock:
            since = self.copy.state("updated_since")
            params: dict[str, str | int] = {"hub": self.hub, "limit": PAGE_SIZE}
            if since:
                params["updated_since"] = since
            headers = dict(self.headers)
            etag = self.copy.state("etag")
            # An ETag answers for its own query: sent back only when asking the same again
            # (the position moved since it was given, the query is a new one).
            if etag and self.copy.state("etag_since") == (since or ""):
                headers["If-None-Match"] = etag
            response = self.client.get("/api/v1/timetable", params=params, headers=headers)
            if response.status_code == 304:
                return SyncReport(changed=0, not_modified=True)
            response.raise_for_status()
            first_etag = response.headers.get("ETag")
            entries: list[dict[str, Any]] = []
            while True:
                page = response.json()
                entries.extend(page["items"])
                if not page["next_cursor"]:
                    break
                response = self.client.get(
                    "/api/v1/timetable",
                    params={**params, "cursor": page["next_cursor"]},
                    headers=self.headers,
                )
                response.raise_for_status()
            self.copy.save(entries, etag=first_etag, asked_since=since or "")
            return SyncReport(changed=len(entries), not_modified=False)


class Receiver:
    """Verifies each webhook delivery and wakes the syncing loop; answers at once (204), so
    the sender never waits on the sync."""

    def __init__(self, address: tuple[str, int], secret: str, wake: threading.Event) -> None:
        webhook = Webhook(secret)
        self.full_sync_wanted = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                try:
                    event = webhook.verify(body, dict(self.headers.items()))
                except WebhookVerificationError as exc:
                    log.warning("Refused a delivery: %s", exc)
                    self.send_response(400)
                    self.end_headers()
                    return
                log.info("Webhook: %s %s", event["type"], event["data"]["url"])
                if event["type"].startswith("programme."):
                    receiver.full_sync_wanted.set()
                wake.set()
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(address, Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def run(
    sync: TimetableSync,
    *,
    poll_seconds: float,
    stop: threading.Event,
    wake: threading.Event,
    receiver: Receiver | None,
) -> None:
    """Sync at once, then whenever a webhook arrives, and every `poll_seconds` regardless (a
    missed delivery is caught by the next poll)."""
    while not stop.is_set():
        if receiver is not None and receiver.full_sync_wanted.is_set():
            receiver.full_sync_wanted.clear()
            sync.copy.forget_position()
        try:
            report = sync.sync()
        except httpx.HTTPError as exc:
            log.warning("Sync failed (%s); trying again later", exc)
        else:
            if report.changed:
                log.info("Synced %d changed sessions", report.changed)
        wake.wait(poll_seconds)
        wake.clear()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="Where the service runs")
    parser.add_argument("--hub", required=True, help="The hub whose timetable to copy")
    parser.add_argument("--database", required=True, help="The SQLite file of the copy")
    parser.add_argument("--api-key", help="An API key (the timetable is public without one)")
    parser.add_argument("--once", action="store_true", help="Sync once and stop")
    parser.add_argument("--poll-seconds", type=float, default=300.0)
    parser.add_argument("--listen", help="HOST:PORT for the webhook receiver")
    parser.add_argument("--secret", help="The webhook endpoint's signing secret (whsec_…)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    copy = TimetableCopy(args.database)
    with httpx.Client(base_url=args.base_url, timeout=30.0) as client:
        sync = TimetableSync(client, copy, hub=args.hub, api_key=args.api_key)
        if args.once:
            report = sync.sync()
            print(f"{report.changed} sessions changed" if not report.not_modified else "No change")
            return
        stop, wake = threading.Event(), threading.Event()
        receiver = None
        if args.listen:
            if not args.secret:
                parser.error("--listen needs --secret, to verify the deliveries")
            host, _, port = args.listen.rpartition(":")
            receiver = Receiver((host, int(port)), args.secret, wake)
            receiver.start()
            log.info("Receiving webhooks on %s", args.listen)
        try:
            run(sync, poll_seconds=args.poll_seconds, stop=stop, wake=wake, receiver=receiver)
        except KeyboardInterrupt:
            pass
        finally:
            if receiver is not None:
                receiver.stop()


if __name__ == "__main__":
    main()
