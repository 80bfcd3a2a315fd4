"""`tollwatch geocode`, `tollwatch places` and `tollwatch gazetteer ...`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from tollwatch.cli._app import app, console, err_console, fail, print_json, stage_bar, state
from tollwatch.config import get_settings
from tollwatch.errors import TollwatchError

gazetteer_app = typer.Typer(help="The offline gazetteer (GeoNames).", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


def resolve_gazetteer_path(path: Path | None) -> Path | None:
    """The gazetteer to use; says so on stderr when the built-in one must be built first."""
    from tollwatch.geo.builtin import default_gazetteer_path

    chosen = path or get_settings().gazetteer_path
    target = chosen or default_gazetteer_path()
    if not target.exists():
        err_console.print(
            f"building the gazetteer at {target} from the installed GeoNames data "
            "(first use only; 20-60 s)..."
        )
    return chosen


GazetteerOpt = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer",
        help="Gazetteer file (default: TOLLWATCH_GAZETTEER_PATH or the built-in one).",
    ),
]


@app.command("geocode")
def geocode_cmd(
    force: Annotated[bool, typer.Option("--force", help="Geocode every report again.")] = False,
    gazetteer: GazetteerOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Resolve the place of every stored claim not yet geocoded by this version.

    Example: tollwatch geocode --force
    """
    from tollwatch.geo.service import geocode_reports, load_gazetteer

    try:
        gaz = load_gazetteer(resolve_gazetteer_path(gazetteer))
        with stage_bar("geocoding", None) as tick:
            stats = geocode_reports(state.engine(), force=force, gazetteer=gaz, progress=tick)
    except TollwatchError as exc:
        fail(exc)
    if as_json:
        print_json(asdict(stats))
        return
    console.print(
        f"geocoded {stats.claims} claims in {stats.reports} reports: {stats.resolved} resolved, "
        f"{stats.unresolved} unresolved, {stats.without_mention} without a place; "
        f"{stats.places} places"
    )


@app.command("places")
def places_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List resolved places with the number of claims at each.

    Example: tollwatch places --json
    """
    from tollwatch.store.places import list_places

    try:
        rows = list_places(state.reader())
    except TollwatchError as exc:
        fail(exc)
    if as_json:
        print_json([{**asdict(r.place), "claims": r.claims} for r in rows])
        return
    table = Table("place", "id", "country", "admin1", "lat", "lon", "claims")
    for r in rows:
        p = r.place
        table.add_row(
            p.name,
            p.id,
            p.country or "",
            p.admin1_name or p.admin1 or "",
            f"{p.lat:.4f}",
            f"{p.lon:.4f}",
            str(r.claims),
        )
    console.print(table)


def _progress_factory(progress: Progress) -> Callable[[str, int], Callable[[int], None]]:
    def start(label: str, total: int) -> Callable[[int], None]:
        task = progress.add_task(label, total=total)
        return lambda n: progress.advance(task, n)

    return start


@gazetteer_app.command("import")
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="GeoNames dump files (.txt or .zip).")],
    gazetteer: GazetteerOpt = None,
    all_features: Annotated[
        bool,
        typer.Option(
            "--all-features", help="Keep every feature class (streams, hills, hotels...)."
        ),
    ] = False,
) -> None:
    """Load GeoNames dumps (SY.zip, cities500.zip, allCountries.zip, admin1CodesASCII.txt,
    admin2Codes.txt, countryInfo.txt, alternateNamesV2.zip) into the gazetteer.

    Example: tollwatch gazetteer import SY.zip admin1CodesASCII.txt admin2Codes.txt
    """
    from tollwatch.geo.importer import import_files

    try:
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        ) as progress:
            stats = import_files(
                files,
                resolve_gazetteer_path(gazetteer),
                all_features=all_features,
                progress=_progress_factory(progress),
            )
    except TollwatchError as exc:
        fail(exc)
    for s in stats:
        console.print(f"{s.file}: {s.kind}, {s.rows} rows read, {s.kept} kept, {s.skipped} skipped")


@gazetteer_app.command("info")
def info_cmd(
    gazetteer: GazetteerOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show which gazetteer is loaded and what it holds (builds the built-in one if needed).

    Example: tollwatch gazetteer info --json
    """
    from tollwatch.geo.service import load_gazetteer

    try:
        info = load_gazetteer(resolve_gazetteer_path(gazetteer)).info()
    except TollwatchError as exc:
        fail(exc)
    if as_json:
        print_json(info)
        return
    for key, value in info.items():
        console.print(f"{key}: {value}")
