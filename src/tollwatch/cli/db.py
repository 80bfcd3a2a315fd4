"""`tollwatch db ...`: database maintenance."""

from __future__ import annotations

from typing import Annotated

import typer

from tollwatch.cli._app import app, console, fail, print_json, state
from tollwatch.errors import TollwatchError
from tollwatch.store import open_engine, upgrade

db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
) -> None:
    """Apply every pending migration to the database.

    Example: tollwatch --db postgresql://127.0.0.1/test db upgrade
    """
    try:
        engine = open_engine(state.db_url, migrate=False)
        heads = upgrade(engine)
    except TollwatchError as exc:
        fail(exc)
    if as_json:
        print_json({"heads": list(heads), "up_to_date": True})
        return
    console.print(f"database at {', '.join(heads)}: up to date")
