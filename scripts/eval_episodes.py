"""Score every yardstick episode whose texts are present and print one Markdown table.

    python scripts/eval_episodes.py [--texts-root DIR] [--json]

For each eval/episodes/<name>/facts.yaml, runs `tollwatch eval episode` (texts from
<texts-root>/<name>/ when given, else eval/episodes/<name>/texts/) and prints one row per
episode with the commit and extractor version, then the killed totals beside the analysts'.
Episodes without texts are listed as skipped (the texts are never committed; see
docs/evaluation.md, "Retrieving the texts"). Figures in docs/evaluation.md come from here.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _score(facts: Path, texts: Path) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tollwatch",
            "eval",
            "episode",
            str(facts),
            "--texts",
            str(texts),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts-root", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    results = {}
    for facts in sorted((ROOT / "eval" / "episodes").glob("*/facts.yaml")):
        name = facts.parent.name
        texts = (args.texts_root / name) if args.texts_root else facts.parent / "texts"
        if not texts.is_dir():
            print(f"skipped {name}: no texts at {texts}", file=sys.stderr)
            continue
        results[name] = _score(facts, texts)
    if args.json:
        print(json.dumps({"commit": commit, "episodes": results}, indent=2))
        return 0
    versions = {r["versions"]["extractor"] for r in results.values()}
    print(f"commit {commit}, extractor {', '.join(sorted(versions))}\n")
    print(
        "| episode | figures found | every field right | scope | date | place | attribution "
        "| spurious / 100 articles | traps avoided | sources |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        c, f = r["claims"], r["claims"]["fields"]
        src = r["sources"]
        print(
            f"| {name} | {c['found']} / {c['figures']} | {_pct(c['all_fields_right'])} "
            f"| {_pct(f['scope']['accuracy'])} | {_pct(f['date']['accuracy'])} "
            f"| {_pct(f['place']['accuracy'])} | {_pct(f['attribution']['accuracy'])} "
            f"| {c['spurious']['per_100_articles']} | {r['traps']['avoided']} / {r['traps']['traps']} "
            f"| {sum(1 for s in src if s['right'])} / {len(src)} |"
        )
    print()
    for name, r in results.items():
        rows = [t for t in r["tolls"] if t["outcome"] == "killed"]
        parts = []
        for t in rows:
            ours = t["tollwatch"]["best"] if t["tollwatch"] else None
            a = t["analysts"]
            mark = "in range" if t["best_in_range"] else "outside"
            parts.append(
                f"{t['category']} {ours if ours is not None else '—'} vs {a['low']}–{a['high']} ({mark})"
            )
        print(f"- {name}, killed: " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
