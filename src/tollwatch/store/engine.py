"""Open a database by URL, migrate it on first use, hand out transactions.

SQLite (the default) and PostgreSQL (psycopg 3) go through the same code. A plain
``postgresql://`` URL is read as ``postgresql+psycopg://``.

Several processes may open a new database at once (two ``tollwatch ingest`` runs): the
migration runs under a lock - a PostgreSQL advisory lock per schema, SQLite's write lock
taken up front with ``BEGIN IMMEDIATE`` (waiting up to the busy timeout) - and the version is
read again once the lock is held, so only the first process migrates. ``transaction`` takes
SQLite's write lock up front too, so two writers queue instead of failing with "database is
locked" when one tries to upgrade a read to a write.
"""

from __future__ import annotations

import atexit
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from tollwatch.errors import BadDatabaseUrl, StoreError

__all__ = [
    "connect",
    "dispose_engines",
    "exclusive",
    "normalise_url",
    "open_engine",
    "transaction",
    "upgrade",
]

MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """Give a bare ``postgresql://`` URL the psycopg 3 driver; read a plain path as SQLite.

    ``tollwatch --db cases.db`` means the SQLite file ``cases.db``.
    """
    if "://" not in url:
        if not url.strip() or url.startswith(("postgres:", "postgresql:", "sqlite:")):
            raise BadDatabaseUrl(
                f"{url!r} is not a database URL",
                hint="use sqlite:///path/to/file.db, a plain file path, or "
                "postgresql://host/dbname",
            )
        return "sqlite:///" + url
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def open_engine(url: str, *, migrate: bool = True) -> Engine:
    """Create an engine for ``url``; migrate a fresh or outdated database when ``migrate``."""
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise BadDatabaseUrl(
            f"{url!r} is not a database URL",
            hint="use sqlite:///path/to/file.db, a plain file path, or postgresql://host/dbname",
        ) from exc
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            folder = Path(db).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder for SQLite database {db}: {exc.strerror}",
                    hint="give --db a path in a writable folder",
                ) from exc
        kwargs["connect_args"] = {"timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
        kwargs["pool_size"] = 10
        kwargs["max_overflow"] = 20
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise BadDatabaseUrl(
            f"{parsed.drivername!r} is not a database tollwatch can use",
            hint="use sqlite:///path/to/file.db or postgresql://host/dbname",
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        _ensure_migrated(engine)
    return engine


_ENGINES: dict[str, Engine] = {}


def connect(url: str) -> Engine:
    """The process-wide engine for ``url``, migrated; reused across calls.

    Engines live until ``dispose_engines()`` (called at interpreter exit), so their pooled
    connections are closed cleanly rather than left to the garbage collector.
    """
    key = normalise_url(url)
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = open_engine(key)
    return engine


def dispose_engines() -> None:
    """Close every engine ``connect`` handed out (and forget them)."""
    while _ENGINES:
        _, engine = _ENGINES.popitem()
        engine.dispose()


atexit.register(dispose_engines)


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed when the block ends, rolled back on any error.

    On SQLite it starts with ``BEGIN IMMEDIATE``: the write lock is taken (or waited for, up
    to the busy timeout) before anything is read, so the transaction cannot fail later when a
    read would have to become a write while another process writes.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        yield conn


def exclusive(conn: Connection, name: str) -> None:
    """Hold the lock ``name`` until ``conn``'s transaction ends: one process at a time does
    what follows (on PostgreSQL an advisory lock per schema; on SQLite the write lock that
    ``transaction`` takes up front already serialises writers)."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("select pg_advisory_xact_lock(hashtext(:name || ':' || current_schema()))"),
            {"name": f"tollwatch-{name}"},
        )


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the database's migration lock."""
    if engine.dialect.name == "sqlite":
        # the driver leaves DDL outside transactions; take control of the transaction here
        with engine.connect() as base:
            conn = base.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
        return
    with engine.begin() as conn:
        exclusive(conn, "migrate")
        yield conn


def _alembic_config(engine: Engine, connection: Connection | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _heads(engine: Engine) -> set[str]:
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(_alembic_config(engine)).get_heads())


def _current_on(conn: Connection) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    if not inspect(conn).has_table("alembic_version"):
        return set()
    return set(MigrationContext.configure(conn).get_current_heads())


def _current(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return _current_on(conn)


def upgrade(engine: Engine) -> list[str]:
    """Apply every pending migration under the migration lock (a process that waited for
    another's migration finds nothing left to do); return the revisions now current."""
    from alembic import command

    try:
        with _migration_lock(engine) as conn:
            if _current_on(conn) != _heads(engine):
                command.upgrade(_alembic_config(engine, conn), "heads")
    except OperationalError as exc:
        raise StoreError(
            f"cannot migrate {engine.url.render_as_string(hide_password=True)}: {exc.orig}",
            hint="check that the database is reachable and writable",
        ) from exc
    return sorted(_current(engine))


def _ensure_migrated(engine: Engine) -> None:
    try:
        current = _current(engine)
    except OperationalError as exc:
        raise StoreError(
            f"cannot open {engine.url.render_as_string(hide_password=True)}: {exc.orig}",
            hint="check --db / TOLLWATCH_DATABASE_URL and that the server is running",
        ) from exc
    if current != _heads(engine):
        upgrade(engine)
