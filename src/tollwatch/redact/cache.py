"""Names found per text, remembered: in process (LRU) and in the database (``name_cache``).

Finding names runs spaCy NER, which costs milliseconds per text; public pages show the same
texts again and again. ``mentions_for`` looks in the process cache, then in the store, and
only then runs NER (storing the result). ``warm_name_cache`` fills the store in bulk with
``nlp.pipe`` (call it after ingest/extract so the first public reader pays nothing).
The cache holds names found *before* public names are applied, so marking a name public
takes effect at once.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Protocol

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import SQLAlchemyError

from tollwatch.extract.service import CHUNK_CHARS
from tollwatch.redact.detect import DETECTOR_VERSION, find_names, load_pipeline
from tollwatch.redact.nonpeople import gazetteer_places
from tollwatch.redact.rules import NameMention
from tollwatch.store.tables.security import name_cache

__all__ = ["DbMentionStore", "MentionStore", "cache_key", "mentions_for", "warm_name_cache"]

_LOCAL_MAX = 20_000
_local: OrderedDict[tuple[str, str | None], tuple[NameMention, ...]] = OrderedDict()
_lock = threading.Lock()


class MentionStore(Protocol):
    def get(self, text: str, model: str) -> tuple[NameMention, ...] | None: ...

    def put(self, text: str, model: str, mentions: tuple[NameMention, ...]) -> None: ...


def cache_key(text: str, model: str) -> str:
    return hashlib.sha256(f"{model}\x00{DETECTOR_VERSION}\x00{text}".encode()).hexdigest()


def _encode(mentions: tuple[NameMention, ...]) -> str:
    return json.dumps([[m.start, m.end, m.rule] for m in mentions], separators=(",", ":"))


def _decode(text: str, raw: str) -> tuple[NameMention, ...]:
    return tuple(NameMention(s, e, text[s:e], rule) for s, e, rule in json.loads(raw))


class DbMentionStore:
    """The ``name_cache`` table. Failures (a locked SQLite file, a missing table) are
    treated as a cache miss: redaction never depends on the cache working."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, text: str, model: str) -> tuple[NameMention, ...] | None:
        try:
            with self.engine.connect() as conn:
                raw = conn.execute(
                    select(name_cache.c.mentions).where(name_cache.c.key == cache_key(text, model))
                ).scalar_one_or_none()
        except SQLAlchemyError:
            return None
        return _decode(text, raw) if raw is not None else None

    def put(self, text: str, model: str, mentions: tuple[NameMention, ...]) -> None:
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(name_cache).values(
                        key=cache_key(text, model), mentions=_encode(mentions)
                    )
                )
        except SQLAlchemyError:
            pass  # another reader stored it first, or the database is busy: fine


def _remember(key: tuple[str, str | None], mentions: tuple[NameMention, ...]) -> None:
    with _lock:
        _local[key] = mentions
        _local.move_to_end(key)
        while len(_local) > _LOCAL_MAX:
            _local.popitem(last=False)


def mentions_for(
    text: str, model: str | None, store: MentionStore | None = None
) -> tuple[NameMention, ...]:
    """Names in ``text`` (model None: rules only), from the caches when possible."""
    key = (text, model)
    with _lock:
        hit = _local.get(key)
    if hit is not None:
        return hit
    found: tuple[NameMention, ...] | None = None
    if store is not None and model:
        found = store.get(text, model)
    if found is None:
        found = find_names(text, load_pipeline(model) if model else None, places=gazetteer_places)
        if store is not None and model:
            store.put(text, model, found)
    _remember(key, found)
    return found


def warm_name_cache(engine: Engine, texts: Iterable[str | None], model: str) -> int:
    """Find and store the names of every text not cached yet (batched NER); returns how many
    texts were parsed."""
    wanted = {t for t in texts if t}
    keys = {cache_key(t, model): t for t in wanted}
    have: set[str] = set()
    ordered = sorted(keys)
    with engine.connect() as conn:
        for i in range(0, len(ordered), 500):
            chunk = ordered[i : i + 500]
            have.update(
                conn.execute(select(name_cache.c.key).where(name_cache.c.key.in_(chunk))).scalars()
            )
    missing = [keys[k] for k in ordered if k not in have]
    if not missing:
        return 0
    nlp = load_pipeline(model)
    rows = []
    short = [t for t in missing if len(t) <= CHUNK_CHARS]
    for text, doc in zip(short, nlp.pipe(short, batch_size=64), strict=True):
        found = find_names(text, doc=doc, places=gazetteer_places)
        rows.append({"key": cache_key(text, model), "mentions": _encode(found)})
    for text in (t for t in missing if len(t) > CHUNK_CHARS):  # read piece by piece
        found = find_names(text, nlp, places=gazetteer_places)
        rows.append({"key": cache_key(text, model), "mentions": _encode(found)})
        _remember((text, model), found)
    for i in range(0, len(rows), 500):
        try:
            with engine.begin() as conn:
                conn.execute(insert(name_cache), rows[i : i + 500])
        except SQLAlchemyError:
            for row in rows[i : i + 500]:  # someone stored some of them meanwhile
                try:
                    with engine.begin() as conn:
                        conn.execute(insert(name_cache).values(**row))
                except SQLAlchemyError:
                    pass
    return len(missing)
