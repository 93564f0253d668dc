"""`mathshubs`: the operators' command."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer
import yaml
from alembic.config import Config
from sqlalchemy.orm import Session

from api.clock import Clock, clock_at, today_in_england
from api.domain.access import Role, Scope
from api.settings import PROJECT_ROOT, Settings, UnsafeSettings, get_settings, served_at

if TYPE_CHECKING:
    from api.services.csv_import import ImportReport
    from api.services.webhook_sender import SenderSettings as WebhookSenderSettings

cli = typer.Typer(
    help="Maths Hubs Programmes: run and look after the service.", no_args_is_help=True
)


def _alembic_config() -> Config:
    return Config(str(PROJECT_ROOT / "alembic.ini"))


def _clock() -> Clock:
    """The system clock, or the moment FIXED_NOW sets (as the app's, api/main.py)."""
    settings = get_settings()
    return clock_at(settings.fixed_now, settings.clock_file)


@cli.command()
def migrate(revision: str = "head") -> None:
    """Bring the database schema up to date (DATABASE_URL; a SQLite file under var/ by default)."""
    from alembic import command

    settings = get_settings()
    if settings.database_url.startswith("sqlite:///"):
        Path(settings.database_url.removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    command.upgrade(_alembic_config(), revision)
    typer.echo(f"Database migrated to {revision}.")


@cli.command("load-demo")
def load_demo() -> None:
    """Add the demo hubs and programmes from the source documents; running it again adds nothing."""
    from api.services.demo import load_demo as load

    with _session() as session:
        loaded = load(
            session,
            today=today_in_england(_clock().now()),
            base_url=get_settings().public_base_url,
        )
    typer.echo(
        f"Demo data: {loaded.hubs_added} hubs and {loaded.programmes_added} programmes added; "
        f"{loaded.schools_added} schools, {loaded.participations_added} participations, "
        f"{loaded.work_groups_added} Work Groups, {loaded.applications_added} applications and "
        f"{loaded.claims_added} grant claims added."
    )


@cli.command("create-user")
def create_user(
    email: Annotated[str, typer.Option(help="Their email address; they sign in with it")],
    role: Annotated[Role, typer.Option(help="What they may do")],
    name: Annotated[str, typer.Option(help="Their name, as shown in the header")],
    hub: Annotated[
        str | None, typer.Option(help="Their hub (all roles but national_admin)")
    ] = None,
    school_urn: Annotated[str | None, typer.Option(help="A school contact's school")] = None,
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="MATHSHUBS_PASSWORD",
            help="Asked for when not given (or set MATHSHUBS_PASSWORD)",
        ),
    ] = "",
    totp_secret: Annotated[
        str | None,
        typer.Option(
            envvar="MATHSHUBS_TOTP_SECRET",
            help="Turn two-factor sign-in on with this authenticator secret (base32), set up "
            "elsewhere, as the browser tests do; otherwise an administrator sets it up at "
            "their first sign-in",
        ),
    ] = None,
) -> None:
    """Create an account, such as the first national administrator."""
    from api.services.auth import create_user as create

    with _session() as session:
        user = create(
            session,
            email=email,
            name=name,
            password=password,
            role=role,
            hub_id=hub,
            school_urn=school_urn,
            totp_secret=totp_secret,
        )
        typer.echo(f"Created {user.role} {user.email} (id {user.id}).")


@cli.command("create-api-key")
def create_api_key(
    name: Annotated[str, typer.Option(help="What the key is for, e.g. 'North hub timetable'")],
    scope: Annotated[list[Scope], typer.Option(help="A scope; repeat for more")],
    hub: Annotated[str | None, typer.Option(help="The hub it acts for; none for national")] = None,
    expires_in_days: Annotated[int | None, typer.Option(min=1, help="Expire after N days")] = None,
    rate_limit: Annotated[
        int | None,
        typer.Option(min=1, help="Requests a minute; the service's default if not given"),
    ] = None,
) -> None:
    """Issue an API key and print its secret, once."""
    from api.services.api_keys import issue

    now = _clock().now()
    with _session() as session:
        issued = issue(
            session,
            None,
            hub_id=hub,
            name=name,
            scopes=frozenset(scope),
            expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
            now=now,
            rate_limit_per_minute=rate_limit,
        )
        typer.echo(
            f"API key {issued.key.id} for {hub or 'all hubs'}: {', '.join(issued.key.scopes)}"
        )
        typer.echo("Store this secret now; it is not shown again:")
        typer.echo(issued.secret)


@cli.command("import-gias")
def import_gias(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            readable=True,
            help="The GIAS establishment extract, edubasealldataYYYYMMDD.csv, as downloaded",
        ),
    ],
) -> None:
    """Add and update schools from the GIAS extract, by URN; running it again changes nothing."""
    from api.services.gias_import import import_gias as run

    report = _import(
        file, lambda session, source, progress: run(session, source, on_progress=progress)
    )
    _print_report("Schools", report)


@cli.command("import-participations")
def import_participations(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            readable=True,
            help="CSV: urn,person_email,programme_type,academic_year,hub,outcome",
        ),
    ],
) -> None:
    """Add and update past years' participations of schools and people, for any hub."""
    from api.services.participation_import import import_participations as run

    today = today_in_england(_clock().now())
    report = _import(
        file,
        lambda session, source, progress: run(
            session, source, actor=None, today=today, on_progress=progress
        ),
    )
    _print_report("Participations", report)


# How many rejected rows the command lists; the API answers up to a thousand.
_REJECTIONS_SHOWN = 20


def _import(
    file: Path, run: Callable[[Session, BinaryIO, Callable[[int], None]], ImportReport]
) -> ImportReport:
    """Run an import in one transaction, with a progress bar over the file's bytes on stderr."""
    with (
        _session() as session,
        file.open("rb") as source,
        typer.progressbar(length=file.stat().st_size, label=file.name, file=sys.stderr) as bar,
    ):
        done = 0

        def advance(read: int) -> None:
            nonlocal done
            bar.update(read - done)
            done = read

        return run(session, source, advance)


def _print_report(what: str, report: ImportReport) -> None:
    typer.echo(
        f"{what}: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.rejected} rejected."
    )
    for rejection in report.rejections[:_REJECTIONS_SHOWN]:
        key = rejection.key
        named = "" if key is None else f" ({key})" if "@" in key else f" (URN {key})"
        typer.echo(f"line {rejection.line}{named}: {rejection.reason}")
    if report.rejected > _REJECTIONS_SHOWN:
        typer.echo(f"… and {report.rejected - _REJECTIONS_SHOWN} more rows rejected.")


@contextmanager
def _session() -> Iterator[Session]:
    """One transaction against DATABASE_URL; a refused change is reported plainly, not traced."""
    from api.errors import AppError
    from api.persistence.database import make_engine, make_session_factory, unit_of_work

    settings = get_settings()
    engine = make_engine(settings.database_url, pooled=settings.database_pooled)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            yield session
    except AppError as exc:
        typer.echo(f"Refused: {exc}", err=True)
        for error in getattr(exc, "errors", []):
            typer.echo(f"  {error.pointer.lstrip('/')}: {error.detail}", err=True)
        raise typer.Exit(code=1) from exc
    finally:
        engine.dispose()


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (PORT)")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
) -> None:
    """Serve the API and the built SPA."""
    import uvicorn

    settings = get_settings()
    if not settings.base_url_given and (host or port):
        # Links in email and feed URLs start where this serves (the workers read it too).
        settings.public_base_url = served_at(host or settings.host, port or settings.port)
        os.environ["PUBLIC_BASE_URL"] = settings.public_base_url
    try:
        settings.check_safe_to_serve()
    except UnsafeSettings as exc:
        typer.echo(f"Refusing to start: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    # One sender for the whole serve process, however many workers: they are spawned processes
    # and do not inherit the thread. More senders (several containers) are safe too: each claims
    # its messages with SKIP LOCKED.
    with (
        _stopped_by_sigterm(),
        _mail_sender(settings) if settings.mail_sender_enabled else nullcontext(),
        _webhook_sender(settings) if settings.webhook_sender_enabled else nullcontext(),
        _retention_worker(settings) if settings.retention_enabled else nullcontext(),
    ):
        uvicorn.run(
            "api.main:app",
            host=host or settings.host,
            port=port or settings.port,
            workers=workers,
            # A worker that is still importing the app on a busy machine is not dead: with
            # uvicorn's 5 s it is killed and started again, over and over.
            timeout_worker_healthcheck=60,
            proxy_headers=True,
            log_level="info",
        )


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread; a BaseException, so that only `serve` catches it."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """Make SIGTERM, as supervisors send it, a clean stop with exit status 0.

    uvicorn shuts down gracefully on SIGTERM, then raises it again for the handler it found:
    by default that kills the process before the mail sender is stopped. This handler unwinds
    instead, through the `finally` blocks on the way out, whenever the signal comes (during
    start-up too). SIGINT is no substitute: a background job inherits it ignored."""
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    except _Terminated:
        typer.echo("Stopped on SIGTERM.", err=True)
    finally:
        signal.signal(signal.SIGTERM, previous)


@cli.command("send-mail")
def send_mail(
    loop: Annotated[
        bool,
        typer.Option(
            "--loop", help="Keep sending as messages fall due (MAIL_POLL_SECONDS) until Ctrl-C"
        ),
    ] = False,
) -> None:
    """Send the emails that are due to the SMTP server (SMTP_HOST, SMTP_PORT); those that fail
    wait in the outbox and are tried again later."""
    from api.persistence.database import make_engine, make_session_factory
    from api.services.mail_sender import SmtpSettings, deliver_due

    settings = get_settings()
    if loop:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
        typer.echo("Sending email as it falls due; press Ctrl-C to stop.")
        _until_ctrl_c(_mail_sender(settings), "Stopping after the message in hand.")
        return
    engine = make_engine(settings.database_url, pooled=settings.database_pooled)
    try:
        report = deliver_due(
            make_session_factory(engine),
            SmtpSettings.from_settings(settings),
            now=_clock().now(),
        )
    finally:
        engine.dispose()
    typer.echo(f"Sent {report.sent}, failed {report.failed}.")
    if report.failed:  # they are tried again later, but a scheduler should see that some failed
        raise typer.Exit(code=1)


def _until_ctrl_c(worker: AbstractContextManager[threading.Thread], stopping: str) -> None:
    with worker as thread:
        try:
            while thread.is_alive():
                thread.join(timeout=1.0)
        except KeyboardInterrupt:
            typer.echo(stopping, err=True)


@contextmanager
def _background(
    settings: Settings,
    *,
    name: str,
    target: Callable[..., None],
    args: tuple[object, ...],
    poll_seconds: float,
    join_seconds: float,
) -> Iterator[threading.Thread]:
    """`target(session_factory, *args, stop=, poll_seconds=, clock=)` in a daemon thread with
    its own engine, stopped when the block ends: told to stop, then given `join_seconds` to
    finish the work in hand; a thread still stuck after that dies with the process, and its
    work is picked up again later."""
    from api.persistence.database import make_engine, make_session_factory

    engine = make_engine(settings.database_url, pooled=settings.database_pooled)
    stop = threading.Event()
    thread = threading.Thread(
        target=target,
        args=(make_session_factory(engine), *args),
        kwargs={
            "stop": stop,
            "poll_seconds": poll_seconds,
            "clock": clock_at(settings.fixed_now, settings.clock_file),
        },
        name=name,
        daemon=True,
    )
    thread.start()
    try:
        yield thread
    finally:
        stop.set()
        thread.join(timeout=join_seconds)
        engine.dispose()


def _mail_sender(settings: Settings) -> AbstractContextManager[threading.Thread]:
    """The outbox sender; a message in hand may take one SMTP timeout to finish."""
    from api.services.mail_sender import SmtpSettings, run_sender

    return _background(
        settings,
        name="mail-sender",
        target=run_sender,
        args=(SmtpSettings.from_settings(settings),),
        poll_seconds=settings.mail_poll_seconds,
        join_seconds=settings.smtp_timeout_seconds + 1,
    )


@cli.command("send-webhooks")
def send_webhooks(
    loop: Annotated[
        bool,
        typer.Option(
            "--loop", help="Keep sending as deliveries fall due (WEBHOOK_POLL_SECONDS) until Ctrl-C"
        ),
    ] = False,
) -> None:
    """Send the webhook deliveries that are due; those that fail are tried again on the
    Standard Webhooks schedule."""
    from api.persistence.database import make_engine, make_session_factory
    from api.services.webhook_sender import deliver_due, http_client

    settings = get_settings()
    if loop:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
        typer.echo("Sending webhooks as they fall due; press Ctrl-C to stop.")
        _until_ctrl_c(_webhook_sender(settings), "Stopping after the delivery in hand.")
        return
    engine = make_engine(settings.database_url, pooled=settings.database_pooled)
    try:
        with http_client() as http:
            report = deliver_due(
                make_session_factory(engine),
                http,
                _webhook_settings(settings),
                now=_clock().now(),
            )
    finally:
        engine.dispose()
    typer.echo(f"Delivered {report.delivered}, failed {report.failed}.")
    if report.failed:
        raise typer.Exit(code=1)


def _webhook_settings(settings: Settings) -> WebhookSenderSettings:
    from api.services.webhook_sender import SenderSettings

    return SenderSettings(
        base_url=settings.public_base_url,
        allow_private=settings.environment in ("development", "test"),
    )


@contextmanager
def _webhook_sender(settings: Settings) -> Iterator[threading.Thread]:
    """The webhook sender, with an HTTP client of its own."""
    from api.services.webhook_sender import TIMEOUT_SECONDS, http_client, run_sender

    with (
        http_client() as http,
        _background(
            settings,
            name="webhook-sender",
            target=run_sender,
            args=(http, _webhook_settings(settings)),
            poll_seconds=settings.webhook_poll_seconds,
            join_seconds=TIMEOUT_SECONDS + 1,
        ) as thread,
    ):
        yield thread


def _retention_worker(settings: Settings) -> AbstractContextManager[threading.Thread]:
    """The retention schedule, applied a round every RETENTION_POLL_SECONDS."""
    from api.services.retention import run_retention

    return _background(
        settings,
        name="retention",
        target=run_retention,
        args=(),
        poll_seconds=settings.retention_poll_seconds,
        join_seconds=30,
    )


@cli.command("apply-retention")
def apply_retention(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; change nothing")
    ] = False,
) -> None:
    """Anonymise or delete the personal data the retention schedule says is due today (run
    daily); what it did is recorded in the audit log."""
    from api.services.retention import apply_retention as apply

    now = _clock().now()
    with _session() as session:
        report = apply(session, today=today_in_england(now), now=now, dry_run=dry_run)
    verb = "would be" if dry_run else "were"
    typer.echo(
        f"Retention schedule as at {report.today.isoformat()}"
        + (" (dry run)" if dry_run else "")
        + ":"
    )
    for outcome in report.outcomes:
        typer.echo(
            f"  {outcome.category.value}: {outcome.count} {verb} {outcome.action.value}d "
            f"(due on or before {outcome.due_on_or_before.isoformat()})"
        )
        for person_id, reason in sorted(outcome.held.items()):
            typer.echo(f"    person {person_id} held: {reason}")
    typer.echo(f"Total: {report.changed} {verb} changed.")


@cli.command()
def openapi(
    output: Annotated[Path, typer.Option(help="Where to write the document")] = PROJECT_ROOT
    / "openapi.yaml",
) -> None:
    """Write the OpenAPI document generated from the app (commit the result)."""
    from api.main import create_app

    document = create_app().openapi()
    output.write_text(render_openapi(document), encoding="utf-8")
    typer.echo(f"Wrote {output}.")


def render_openapi(document: dict[str, object]) -> str:
    # Round-trip through JSON so that the YAML holds only plain types.
    plain = json.loads(json.dumps(document))
    return yaml.safe_dump(plain, sort_keys=False, allow_unicode=True, width=100)


@cli.command("send-reminders")
def send_reminders() -> None:
    """Email hub staff about applications still undecided as a milestone nears (run daily)."""
    from api.services.reminders import remind_undecided

    now = _clock().now()
    with _session() as session:
        sent = remind_undecided(
            session,
            today=today_in_england(now),
            now=now,
            base_url=get_settings().public_base_url,
        )
    typer.echo(f"Reminders queued: {sent.messages}. `mathshubs send-mail` delivers them.")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
