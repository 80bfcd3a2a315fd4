"""`tollwatch eval ...`: accuracy on externally labelled data (see docs/evaluation.md).

Each evaluation registers its own command on ``eval_app`` from its own module.
"""

from __future__ import annotations

import typer

from tollwatch.cli._app import app

eval_app = typer.Typer(
    help="Measure accuracy on externally labelled data (../shared/eval).", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")
