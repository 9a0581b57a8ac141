#!/usr/bin/env python3
"""Regenerate the match-quality table in docs/quality.md: train, run and evaluate every example config.

For each dataset: `scv train` (when the config names a scoring.model), `scv run --json`, then
`scv evaluate --config --json` against the dataset's truth. The table between the markers in docs/quality.md is
replaced; the full evaluation JSON of each dataset goes to target/quality/<name>.json. Run from anywhere, after
`mvn -q -DskipTests package`; the benchmark copies under sample-data/external are made by
jobs/prepare_external.py when missing. Runs one dataset at a time (each embedded run takes the whole machine).

    python3 jobs/quality.py                 # all datasets
    python3 jobs/quality.py febrl4 sample   # some of them
"""

import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCV = str(ROOT / "jobs" / "scv")
START, END = "<!-- quality-table:start -->", "<!-- quality-table:end -->"

# name: (label, config, truth, F1 bar from the quality issue)
DATASETS = {
    "febrl1": ("Febrl 1 (dedup)", "conf/examples/febrl1.yaml", "sample-data/external/febrl1/truth.csv", 0.995),
    "febrl2": ("Febrl 2 (dedup)", "conf/examples/febrl2.yaml", "sample-data/external/febrl2/truth.csv", 0.995),
    "febrl4": ("Febrl 4 (2 files)", "conf/examples/febrl4.yaml", "sample-data/external/febrl4/truth.csv", 0.995),
    "fake_1000": ("Splink fake_1000 (dedup)", "conf/examples/fake_1000.yaml",
                  "sample-data/external/fake_1000/truth.csv", 0.90),
    "rldata500": ("RLdata500 (dedup)", "conf/examples/rldata500.yaml",
                  "sample-data/external/rldata500/truth.csv", 0.98),
    "ncvr_ocp20": ("NCVR 5-party, ocp 20", "conf/examples/ncvr_ocp20.yaml",
                   "sample-data/external/ncvr_ocp20/truth.csv", 0.985),
    "ncvr_ocp40": ("NCVR 5-party, ocp 40", "conf/examples/ncvr_ocp40.yaml",
                   "sample-data/external/ncvr_ocp40/truth.csv", 0.985),
    "restaurants": ("Fodor's / Zagat (2 files)", "conf/examples/restaurants.yaml",
                    "sample-data/external/restaurants/truth.csv", 0.95),
    "dblp_acm": ("DBLP / ACM (2 files)", "conf/examples/dblp_acm.yaml",
                 "sample-data/external/dblp_acm/truth.csv", None),
    "sample": ("our sample (CRM + ERP + web)", "conf/scv.yaml", "sample-data/truth.csv", 0.98),
}


def scv(*args):
    """Run jobs/scv; return (seconds, stdout). Logs go to the console; a failure stops the script."""
    start = time.monotonic()
    done = subprocess.run([SCV, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"scv {' '.join(args)} failed with exit code {done.returncode}:\n{done.stdout[-2000:]}")
    return time.monotonic() - start, done.stdout


def last_json(text):
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise SystemExit("no JSON in output:\n" + text[-2000:])


def measure(name):
    label, config, truth, bar = DATASETS[name]
    if not (ROOT / truth).exists():
        subprocess.run([sys.executable, str(ROOT / "jobs" / "prepare_external.py")], cwd=ROOT, check=True)
    trained = re.search(r"^\s*model:", (ROOT / config).read_text(), re.M) is not None
    train_s = scv("train", "--config", config)[0] if trained else None
    run = last_json(scv("run", "--config", config, "--json")[1])
    report = last_json(scv("evaluate", "--config", config, "--truth", truth, "--json")[1])
    out = ROOT / "target" / "quality"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps({"run": run, "evaluation": report}, indent=2))
    c, b = report["clusters"], report["blocking"]
    return {
        "name": name, "label": label, "config": config, "bar": bar,
        "records": c["records"], "entities": report["truth"]["entities"],
        "candidate_pairs": b["candidate_pairs"], "blocking_recall": b["recall"],
        "precision": c["pairwise"]["precision"], "recall": c["pairwise"]["recall"], "f1": c["pairwise"]["f1"],
        "b3_f1": c["b_cubed"]["f1"], "train_s": train_s, "run_s": run["totalSeconds"],
        "best_threshold": report["threshold_sweep"]["best_threshold"],
        "threshold": report["threshold_sweep"]["configured_threshold"],
    }


def table(rows):
    lines = ["| dataset | records | entities | candidate pairs | blocking recall | precision | recall | F1 | "
             "B-cubed F1 | F1 bar | train | run |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        bar = "—" if r["bar"] is None else f"{r['bar']:.3f} {'ok' if r['f1'] >= r['bar'] else '**short**'}"
        train = "hand weights" if r["train_s"] is None else f"{r['train_s']:.0f} s"
        lines.append(f"| {r['label']} (`{r['config']}`) | {r['records']:,} | {r['entities']:,} | "
                     f"{r['candidate_pairs']:,} | {r['blocking_recall']:.4f} | {r['precision']:.4f} | "
                     f"{r['recall']:.4f} | **{r['f1']:.4f}** | {r['b3_f1']:.4f} | {bar} | {train} | "
                     f"{r['run_s']:.0f} s |")
    return "\n".join(lines)


def main():
    names = sys.argv[1:] or list(DATASETS)
    unknown = [n for n in names if n not in DATASETS]
    if unknown:
        sys.exit(f"unknown dataset(s) {unknown}; known: {list(DATASETS)}")
    results = ROOT / "target" / "quality" / "rows.json"
    rows = json.loads(results.read_text()) if results.exists() else {}
    for n in names:
        print(f"== {n}", flush=True)
        rows[n] = measure(n)
        results.write_text(json.dumps(rows, indent=2))
        r = rows[n]
        print(f"   F1 {r['f1']:.4f}  B-cubed F1 {r['b3_f1']:.4f}  blocking recall {r['blocking_recall']:.4f}",
              flush=True)
    ordered = [rows[n] for n in DATASETS if n in rows]
    doc = ROOT / "docs" / "quality.md"
    text = doc.read_text()
    if START not in text or END not in text:
        sys.exit(f"{doc} lacks the markers {START} / {END}")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(head + START + "\n" + table(ordered) + "\n" + END + tail)
    print(table(ordered))


if __name__ == "__main__":
    main()
