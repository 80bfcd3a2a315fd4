"""Copies are one source: reports that tell the same story in (nearly) the same words.

A wire story syndicated under five URLs, or lightly rewritten by one outlet, is one story:
its figures count once, and the other reports corroborate it (IBC's two-source rule counts
independent sources only). Two reports are one story when the words of their claims share
most of their word 3-grams (Jaccard >= STORY_JACCARD) and they were published within
STORY_DAYS of each other. Short texts (fewer than MIN_SHINGLES 3-grams) are never called
copies: "12 killed in Bama" is what many independent reports say.

Candidates are found through a bottom-k sketch of each report's shingle hashes (reports that
share none of their smallest hashes are not compared), so the cost stays near linear.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from tollwatch.models import Claim, normalise_text
from tollwatch.reconcile.results import ReportInfo

__all__ = ["MIN_SHINGLES", "STORY_DAYS", "STORY_JACCARD", "jaccard", "shingles", "stories"]

STORY_JACCARD = 0.6
STORY_DAYS = 2
REPOST_JACCARD = 0.9
"""Texts this alike are one story whenever they were published (a repost weeks later)."""
MIN_SHINGLES = 8
MIN_WORDS = 8
"""A copy is recognised by its sentences: quotes shorter than this ("12 killed in Bama") say
too little to tell a copy from an independent report, and are not compared."""
_SKETCH = 6
_BUCKET_MAX = 50
_WORD = re.compile(r"[a-z0-9]+")


def shingles(text: str) -> frozenset[int]:
    """Hashes of the word 3-grams of a text (case and punctuation ignored)."""
    words = _WORD.findall(text.lower())
    return frozenset(
        zlib.crc32(" ".join(words[i : i + 3]).encode("utf-8")) for i in range(len(words) - 2)
    )


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def stories(claims: Sequence[Claim], reports: Mapping[str, ReportInfo]) -> dict[str, str]:
    """Each report that shares its story with others -> the story id (the smallest report id
    among its copies); a report alone in its story is left out (its story is itself)."""
    texts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    figures: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for c in claims:
        if c.quote.count(" ") + 1 >= MIN_WORDS:
            texts[c.report_id].append((c.start, c.quote))
    for c in claims:
        if c.best is not None and c.report_id in texts:
            figures[c.report_id].add((c.outcome.value, c.best))
    sh: dict[str, frozenset[int]] = {}
    for rid, parts in texts.items():
        seen: set[str] = set()
        words: list[str] = []
        for _, q in sorted(parts):
            if q not in seen:
                seen.add(q)
                words.append(q)
        s = shingles(" ".join(words))
        if len(s) >= MIN_SHINGLES:
            sh[rid] = s
    cited = _citations(claims, reports, texts, sh)
    parent = {rid: rid for rid in sh}
    for a, b in cited:
        parent.setdefault(a, a)
        parent.setdefault(b, b)

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    buckets: dict[int, list[str]] = defaultdict(list)
    for rid in sorted(sh):
        for h in sorted(sh[rid])[:_SKETCH]:
            buckets[h].append(rid)

    published: dict[str, date | None] = {}
    for rid in sh:
        info = reports.get(rid)
        published[rid] = info.published if info else None

    compared: set[tuple[str, str]] = set()
    for members in buckets.values():
        if len(members) < 2 or len(members) > _BUCKET_MAX:
            continue
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                if (a, b) in compared or find(a) == find(b):
                    continue
                compared.add((a, b))
                # a copy tells the same figure: texts alike but for their numbers are two
                # bulletins of a template, not one story
                if not figures[a] & figures[b]:
                    continue
                da, db = published[a], published[b]
                near = da is None or db is None or abs((da - db).days) <= STORY_DAYS
                j = jaccard(sh[a], sh[b])
                if j >= REPOST_JACCARD or (near and j >= STORY_JACCARD):
                    ra, rb = find(a), find(b)
                    parent[max(ra, rb)] = min(ra, rb)
    for a, b in cited:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)
    roots = {rid: find(rid) for rid in parent}
    shared = {root for rid, root in roots.items() if rid != root}
    return {rid: root for rid, root in roots.items() if root in shared}


def _citations(
    claims: Sequence[Claim],
    reports: Mapping[str, ReportInfo],
    texts: Mapping[str, list[tuple[int, str]]],
    sh: Mapping[str, frozenset[int]],
) -> list[tuple[str, str]]:
    """Pairs (report, cited report): a report whose words name another report's outlet as
    where they come from ("according to a report by Sahel Wire", "(Sahel Wire)") and that
    gives the same figure for the same outcome, within STORY_DAYS, retells that story; at
    any date when their words are also alike (Jaccard >= STORY_JACCARD: "Republished from
    Kivu Post" above the same sentences weeks later)."""
    if not texts:
        return []
    outlets: dict[str, list[str]] = defaultdict(list)
    for rid, info in reports.items():
        if info.source and len(info.source.strip()) >= 6:
            outlets[normalise_text(info.source).lower()].append(rid)
    if len(outlets) < 2:
        return []
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(o) for o in sorted(outlets, key=len, reverse=True)) + r")\b"
    )
    named: dict[str, set[str]] = defaultdict(set)
    for rid, parts in texts.items():
        for _, quote in parts:
            for m in pattern.finditer(" ".join(quote.lower().split())):
                named[rid].add(m.group(1))
    if not named:
        return []
    wanted = set(named) | {other for o in set().union(*named.values()) for other in outlets[o]}
    figures: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for c in claims:
        if c.best is not None and c.report_id in wanted:
            figures[c.report_id].add((c.outcome.value, c.best))
    pairs: list[tuple[str, str]] = []
    for rid in sorted(named):
        mine = reports.get(rid)
        for outlet in sorted(named[rid]):
            for other in outlets[outlet]:
                info = reports[other]
                if other == rid or (mine is not None and mine.source == info.source):
                    continue
                if not figures[rid] & figures[other]:
                    continue
                da = mine.published if mine else None
                far = da and info.published and abs((da - info.published).days) > STORY_DAYS
                if far and jaccard(sh.get(rid, frozenset()), sh.get(other, frozenset())) < (
                    STORY_JACCARD
                ):
                    continue
                pairs.append((rid, other))
    return pairs
