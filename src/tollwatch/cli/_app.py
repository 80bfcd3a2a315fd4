"""The Typer app and what every command shares: the database option and the consoles."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from tollwatch import __version__
from tollwatch.config import get_settings
from tollwatch.errors import DatabaseNotFound, TollwatchError
from tollwatch.store import connect
from tollwatch.store.engine import normalise_url

app = typer.Typer(
    name="tollwatch",
    help="Casualty monitoring: ingest reports, extract claims, geocode, reconcile tolls, serve.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

console = Console()
err_console = Console(stderr=True)


@dataclass
class State:
    db_url: str = ""

    def engine(self) -> Engine:
        """The migrated engine for the chosen database (errors become one CLI line)."""
        try:
            return connect(self.db_url)
        except TollwatchError as exc:
            fail(exc)

    def reader(self) -> Engine:
        """The engine for a command that only reads: a SQLite file that does not exist is an
        error (a mistyped --db must not create an empty database and report "nothing")."""
        try:
            url = make_url(normalise_url(self.db_url))
        except (TollwatchError, ArgumentError):
            return self.engine()  # the engine says what is wrong with the URL
        if url.get_backend_name() == "sqlite":
            db = url.database
            if db and db != ":memory:" and not Path(db).expanduser().exists():
                fail(
                    DatabaseNotFound(
                        f"no database at {db}",
                        hint="check --db or TOLLWATCH_DATABASE_URL, or create it with "
                        "`tollwatch ingest`",
                    )
                )
        return self.engine()


state = State()


def fail(exc: TollwatchError | str, code: int = 1) -> NoReturn:
    """Print one line for a user-facing error and exit non-zero."""
    err_console.print(f"[bold red]error[/]: {escape(str(exc))}", highlight=False, markup=True)
    raise typer.Exit(code)


@contextmanager
def stage_bar(stage: str, total: int | None) -> Iterator[Callable[[int], object]]:
    """A transient progress bar on stderr for one pipeline stage (pipeline.StageProgress);
    a spinner when the stage cannot say how much it has to do. Nothing off a terminal."""
    if not err_console.is_terminal:
        yield lambda _done: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        SpinnerColumn(),
        TextColumn(stage),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(stage, total=total)
        yield lambda done: bar.update(task, completed=done)


def print_json(value: Any) -> None:
    """Write JSON for scripts to stdout (dates and other objects as strings)."""
    sys.stdout.write(json.dumps(value, indent=2, default=str, ensure_ascii=False) + "\n")


def _version(value: bool) -> None:
    if value:
        console.print(f"tollwatch {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Database URL (default: TOLLWATCH_DATABASE_URL or sqlite:///tollwatch.db).",
            envvar="TOLLWATCH_DATABASE_URL",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """tollwatch: every casualty number traceable to the words it came from.

    Examples:

      tollwatch ingest reports/            # files and folders, recursively
      tollwatch tolls --country SY --json  # reconciled tolls
      tollwatch --db postgresql://127.0.0.1/test reports
    """
    state.db_url = db or get_settings().database_url
