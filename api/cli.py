"""`mathshubs`: the operators' command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
import yaml
from alembic.config import Config

from api.settings import PROJECT_ROOT, UnsafeSettings, get_settings

cli = typer.Typer(
    help="Maths Hubs Programmes: run and look after the service.", no_args_is_help=True
)


def _alembic_config() -> Config:
    return Config(str(PROJECT_ROOT / "alembic.ini"))


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
    from api.persistence.database import make_engine, make_session_factory, unit_of_work
    from api.services.demo import load_demo as load

    engine = make_engine(get_settings().database_url)
    with unit_of_work(make_session_factory(engine)) as session:
        loaded = load(session, today=date.today())
    engine.dispose()
    typer.echo(
        f"Demo data: {loaded.hubs_added} hubs and {loaded.programmes_added} programmes added."
    )


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (PORT)")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
) -> None:
    """Serve the API and the built SPA."""
    import uvicorn

    settings = get_settings()
    try:
        settings.check_safe_to_serve()
    except UnsafeSettings as exc:
        typer.echo(f"Refusing to start: {exc}", err=True)
        raise typer.Exit(code=2) from exc
    uvicorn.run(
        "api.main:app",
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        proxy_headers=True,
        log_level="info",
    )


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


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
