"""`tollwatch audit ...`: check and read the hash-chained audit log."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from tollwatch.audit import iter_entries, verify
from tollwatch.cli._app import app, console, err_console, print_json, state

audit_app = typer.Typer(help="Check and read the tamper-evident audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify(
    expect_head: Annotated[
        str | None,
        typer.Option(
            "--expect-head",
            help="A head hash noted earlier (e.g. kept off-site): fail unless the log still "
            "contains it at the same place or later.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
) -> None:
    """Walk the whole chain; exit 1 if any entry was edited, removed or reordered.

    Example: tollwatch audit verify
    """
    with state.reader().connect() as conn:
        count, head, problems = verify(conn)
        known = True
        if expect_head and not problems:
            known = any(e.hash == expect_head for e in iter_entries(conn))
    if as_json:
        print_json(
            {
                "intact": not problems and known,
                "entries": count,
                "head": head,
                "expected_head_found": known if expect_head else None,
                "problems": [{"seq": p.seq, "problem": p.problem} for p in problems],
            }
        )
        if problems or not known:
            raise typer.Exit(1)
        return
    if problems:
        for p in problems[:20]:
            err_console.print(f"[bold red]entry {p.seq}[/]: {p.problem}", highlight=False)
        if len(problems) > 20:
            err_console.print(f"... and {len(problems) - 20} more problems")
        err_console.print(
            f"[bold red]error[/]: TW080: audit log broken ({len(problems)} problem(s) "
            f"in {count} entries)",
            highlight=False,
        )
        raise typer.Exit(1)
    if not known:
        err_console.print(
            f"[bold red]error[/]: TW080: expected head {expect_head} is not in the log: "
            "entries were removed or the log was rebuilt",
            highlight=False,
        )
        raise typer.Exit(1)
    console.print(
        f"audit log intact: {count} entries, head {head}", highlight=False, soft_wrap=True
    )


@audit_app.command("log")
def audit_log(
    target: Annotated[str | None, typer.Option(help="Only this target, e.g. claim:c12...")] = None,
    action: Annotated[
        str | None, typer.Option(help="Only this action, e.g. claim.verified")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Only this actor.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Newest N entries.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the newest entries: who did what to which target, with before and after."""
    with state.reader().connect() as conn:
        entries = list(
            iter_entries(
                conn, target=target, action=action, actor=actor, limit=limit, newest_first=True
            )
        )
    entries.reverse()
    if as_json:
        print_json(
            [
                {
                    "seq": e.seq,
                    "at": e.at,
                    "actor": e.actor,
                    "action": e.action,
                    "target": e.target,
                    "before": json.loads(e.before) if e.before else None,
                    "after": json.loads(e.after) if e.after else None,
                    "hash": e.hash,
                }
                for e in entries
            ]
        )
        return
    if not entries:
        console.print("no audit entries match")
    for e in entries:
        console.print(
            f"{e.seq:>6}  {e.at:%Y-%m-%d %H:%M:%S}  {e.actor:<20} {e.action:<16} {e.target}",
            highlight=False,
        )
        if e.before:
            console.print(f"        before: {e.before}", highlight=False, markup=False)
        if e.after:
            console.print(f"        after:  {e.after}", highlight=False, markup=False)
