"""Command line: thin Typer commands over plain functions (one module per command group)."""

from tollwatch.cli import audit as _audit  # noqa: F401  (registers commands)
from tollwatch.cli import db as _db  # noqa: F401
from tollwatch.cli import eval as _eval  # noqa: F401
from tollwatch.cli import eval_coding as _eval_coding  # noqa: F401
from tollwatch.cli import eval_episode as _eval_episode  # noqa: F401
from tollwatch.cli import eval_extraction as _eval_extraction  # noqa: F401
from tollwatch.cli import eval_geocoding as _eval_geocoding  # noqa: F401
from tollwatch.cli import eval_places as _eval_places  # noqa: F401
from tollwatch.cli import eval_scenarios as _eval_scenarios  # noqa: F401
from tollwatch.cli import export as _export  # noqa: F401
from tollwatch.cli import extract as _extract  # noqa: F401
from tollwatch.cli import geo as _geo  # noqa: F401
from tollwatch.cli import ingest as _ingest  # noqa: F401
from tollwatch.cli import run as _run  # noqa: F401
from tollwatch.cli import scale as _scale  # noqa: F401
from tollwatch.cli import serve as _serve  # noqa: F401
from tollwatch.cli import tolls as _tolls  # noqa: F401
from tollwatch.cli import user as _user  # noqa: F401
from tollwatch.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
