"""`tollwatch user ...`: accounts (viewer, analyst, admin) and API tokens.

Whoever runs the CLI has the database in hand, so these commands need no login; each change
is written to the audit log as ``cli:<os user>``.
"""

from __future__ import annotations

import getpass
import sys
from datetime import timedelta
from typing import Annotated

import typer

from tollwatch.auth import (
    add_user,
    create_token,
    disable_user,
    list_users,
    revoke_tokens,
    set_password,
    set_role,
)
from tollwatch.cli._app import app, console, fail, print_json, state
from tollwatch.errors import TollwatchError, UserError

user_app = typer.Typer(help="Manage users, roles and API tokens.", no_args_is_help=True)
app.add_typer(user_app, name="user")


def cli_actor() -> str:
    """How the audit log names a CLI user."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return f"cli:{who}"


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UserError("no password on standard input", hint="pipe it: echo ... | tollwatch")
        return line
    first = typer.prompt("Password", hide_input=True)
    second = typer.prompt("Repeat password", hide_input=True)
    if first != second:
        raise UserError("the two passwords differ", hint="type the same password twice")
    return str(first)


PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from standard input (scripts)."),
]


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="User name (letters, digits, . _ @ -).")],
    role: Annotated[str, typer.Option("--role", help="viewer, analyst or admin.")] = "viewer",
    password_stdin: PasswordStdin = False,
) -> None:
    """Create a user; the password is asked twice (or read from stdin) and stored as argon2id.

    Example: tollwatch user add amira --role analyst
    """
    try:
        password = _read_password(password_stdin)
        with state.engine().begin() as conn:
            user = add_user(conn, name, password, role, actor=cli_actor())
    except TollwatchError as exc:
        fail(exc)
    console.print(f"added {user.name} ({user.role.value})")


@user_app.command("list")
def user_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List users with their role and whether they are disabled."""
    with state.engine().connect() as conn:
        users = list_users(conn)
    if as_json:
        print_json(
            [
                {
                    "name": u.name,
                    "role": u.role.value,
                    "disabled": u.disabled,
                    "created_at": u.created_at,
                }
                for u in users
            ]
        )
        return
    if not users:
        console.print("no users yet: tollwatch user add NAME --role admin")
    for u in users:
        flag = "  (disabled)" if u.disabled else ""
        console.print(f"{u.name:<24} {u.role.value:<8}{flag}", highlight=False)


@user_app.command("disable")
def user_disable(name: Annotated[str, typer.Argument(help="User to disable.")]) -> None:
    """Disable a user: logins, sessions and tokens stop working at once."""
    try:
        with state.engine().begin() as conn:
            disable_user(conn, name, actor=cli_actor())
            revoke_tokens(conn, name, actor=cli_actor())
    except TollwatchError as exc:
        fail(exc)
    console.print(f"disabled {name}; their sessions and tokens are revoked")


@user_app.command("role")
def user_role(
    name: Annotated[str, typer.Argument(help="User.")],
    role: Annotated[str, typer.Argument(help="viewer, analyst or admin.")],
) -> None:
    """Change a user's role."""
    try:
        with state.engine().begin() as conn:
            user = set_role(conn, name, role, actor=cli_actor())
    except TollwatchError as exc:
        fail(exc)
    console.print(f"{user.name} is now {user.role.value}")


@user_app.command("password")
def user_password(
    name: Annotated[str, typer.Argument(help="User.")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Set a new password for a user."""
    try:
        password = _read_password(password_stdin)
        with state.engine().begin() as conn:
            ended = set_password(conn, name, password, actor=cli_actor())
    except TollwatchError as exc:
        fail(exc)
    console.print(f"password of {name} changed; {ended} sessions and API tokens ended")


@user_app.command("token")
def user_token(
    name: Annotated[str, typer.Argument(help="User the token acts as.")],
    label: Annotated[str | None, typer.Option("--label", help="What the token is for.")] = None,
    expires_days: Annotated[
        int | None, typer.Option("--expires-days", min=1, help="Expire after N days.")
    ] = None,
    revoke: Annotated[
        bool, typer.Option("--revoke", help="Revoke every token of the user instead.")
    ] = False,
) -> None:
    """Create an API token (printed once; store it safely) or revoke a user's tokens.

    Use it as: curl -H "Authorization: Bearer tw_..." http://127.0.0.1:8000/api/v1/claims
    """
    try:
        with state.engine().begin() as conn:
            if revoke:
                count = revoke_tokens(conn, name, actor=cli_actor())
            else:
                token = create_token(
                    conn,
                    name,
                    actor=cli_actor(),
                    label=label,
                    expires_in=timedelta(days=expires_days) if expires_days else None,
                )
    except TollwatchError as exc:
        fail(exc)
    if revoke:
        console.print(f"revoked {count} token(s) of {name}")
        return
    sys.stdout.write(token + "\n")
