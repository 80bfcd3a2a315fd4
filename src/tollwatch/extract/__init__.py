"""Casualty claim extraction: report text -> Claims (pure; see docs/extraction.md).

    extract(text, published, report_id="")  -> list[Claim]
    extract_many([(text, published, report_id), ...])  -> list[list[Claim]]  (batched spaCy)

Sentences are split by rules; only sentences that can hold a claim (a cheap regex
prefilter) go through spaCy, whose pipeline keeps only the entity recogniser plus the
``tollwatch_links`` rule component. Bump ``EXTRACTOR_VERSION`` whenever the output can
change: ``tollwatch extract`` then re-extracts every report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from tollwatch.extract.assemble import assemble
from tollwatch.extract.lexicon import PREFILTER
from tollwatch.extract.link import Link
from tollwatch.extract.nlp import DEFAULT_MODEL, entities, load_pipeline
from tollwatch.extract.sentences import Sentence, split_sentences
from tollwatch.models import Claim

__all__ = ["DEFAULT_MODEL", "EXTRACTOR_VERSION", "extract", "extract_many", "load_pipeline"]

EXTRACTOR_VERSION = "rules-2026.12.18"

_HAS_QUANTITY = re.compile(
    r"\d|\b(?:a|an|one|the|he|she|him|her|his|their|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|hundreds|thousand|thousands|dozens?|scores|several|tens|"
    r"few|couple|handful|number|million|millions)\b",
    re.I,
)


def _candidates(sentences: list[Sentence]) -> list[int]:
    """Indexes of sentences worth parsing: those that can hold a claim."""
    keep: set[int] = set()
    for i, s in enumerate(sentences):
        if PREFILTER.search(s.text) and _HAS_QUANTITY.search(s.text):
            keep.add(i)
    return sorted(keep)


def extract_many(
    items: Iterable[tuple[str, date | None, str]],
    *,
    nlp: Any = None,
    batch_size: int = 256,
) -> list[list[Claim]]:
    """Claims for many (text, published, report_id) items, parsing sentences in batches."""
    nlp = nlp if nlp is not None else load_pipeline()
    prepared: list[tuple[str, date | None, str, list[Sentence], list[int]]] = []
    jobs: list[str] = []
    for text, published, report_id in items:
        sentences = split_sentences(text)
        wanted = _candidates(sentences)
        prepared.append((text, published, report_id, sentences, wanted))
        jobs.extend(sentences[i].text for i in wanted)
    docs = iter(nlp.pipe(jobs, batch_size=batch_size))
    results: list[list[Claim]] = []
    for text, published, report_id, sentences, wanted in prepared:
        links: dict[int, list[Link]] = {}
        ents: dict[int, list[tuple[int, int, str, str]]] = {}
        for i in wanted:
            doc = next(docs)
            links[i] = doc._.tollwatch_links or []
            ents[i] = entities(doc)
        results.append(
            assemble(text, published, report_id, EXTRACTOR_VERSION, sentences, links, ents)
        )
    return results


def extract(text: str, published: date | None, *, report_id: str = "") -> list[Claim]:
    """The casualty claims stated in ``text`` (published on ``published``), with evidence."""
    return extract_many([(text, published, report_id)])[0]
