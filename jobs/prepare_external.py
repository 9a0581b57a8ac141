#!/usr/bin/env python3
"""Prepare honest benchmark copies of two public entity-resolution datasets.

Reads the raw copies under --data (default: <repo>/../shared/data) and writes,
under --out (default: <repo>/sample-data/external):

  febrl4/a.csv, febrl4/b.csv, febrl4/truth.csv, febrl4/SOURCE.md
  ncvr_ocp20/p0.csv .. p4.csv, ncvr_ocp20/truth.csv, ncvr_ocp20/SOURCE.md
  ncvr_ocp40/p0.csv .. p4.csv, ncvr_ocp40/truth.csv, ncvr_ocp40/SOURCE.md

The truth-bearing column (Febrl ``rec_id``, NCVR ``recid``) is removed from the
record files, rows are shuffled with a seeded RNG, and fresh opaque ids are
assigned in the shuffled order, so neither ids nor row order carry information
about the answer. The answer goes to truth.csv (source, source_id, entity_id).

All values are kept as strings (postcodes, ZIPs, SSNs and dates have leading
zeros). Output is UTF-8, '\\n' line endings, minimal CSV quoting.
Standard library only; output is deterministic for a given --seed.
"""

import argparse
import csv
import random
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

FEBRL_COLUMNS = [
    "rec_id", "given_name", "surname", "street_number", "address_1",
    "address_2", "suburb", "postcode", "state", "date_of_birth", "soc_sec_id",
]
FEBRL_REC_ID = re.compile(r"^rec-(\d+)-(?:org|dup-\d+)$")

NCVR_COLUMNS = ["recid", "givenname", "surname", "suburb", "postcode"]
NCVR_FILE = "ncvr_numrec_500_modrec_2_ocp_{ocp}_myp_{party}_nump_5.csv"

TRUTH_HEADER = ["source", "source_id", "entity_id"]


def read_rows(path, expected_header, skip_initial_space):
    """Read a CSV file as strings; return the data rows (header checked and dropped).

    newline='' lets the csv module handle both CRLF and LF line endings and a
    missing final newline. Decoding is strict UTF-8 (the inputs are ASCII), so an
    unexpected encoding fails loudly instead of silently producing mojibake.
    """
    with open(path, "r", encoding="utf-8", errors="strict", newline="") as fh:
        reader = csv.reader(fh, skipinitialspace=skip_initial_space)
        rows = [row for row in reader if row]  # ignore fully blank lines, if any
    if not rows:
        raise SystemExit(f"{path}: empty file")
    header = [h.strip() for h in rows[0]]
    if header != expected_header:
        raise SystemExit(f"{path}: unexpected header {header!r}")
    data = rows[1:]
    for lineno, row in enumerate(data, start=2):
        if len(row) != len(expected_header):
            raise SystemExit(f"{path}: row {lineno} has {len(row)} fields, expected {len(expected_header)}")
    return data


def write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)


def rekey(rows, source, id_width, seed, truth_index, entity_of):
    """Shuffle rows (seeded per source), assign fresh ids, split off the truth.

    Returns (records, truth_rows). ``truth_index`` is the position of the
    truth-bearing column, which is removed from every record.
    """
    rng = random.Random(f"{seed}:{source}")  # str seeds are hashed deterministically
    shuffled = list(rows)
    rng.shuffle(shuffled)
    records, truth = [], []
    for n, row in enumerate(shuffled, start=1):
        new_id = f"{source}-{n:0{id_width}d}"
        records.append([new_id] + row[:truth_index] + row[truth_index + 1:])
        truth.append([source, new_id, entity_of(row[truth_index])])
    return records, truth


def copy_source_md(src, dest_dir, note):
    dest_dir.mkdir(parents=True, exist_ok=True)
    text = src.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    (dest_dir / "SOURCE.md").write_text(text + "\n" + note, encoding="utf-8", newline="\n")


def prepare_febrl4(data_dir, out_dir, seed):
    src = data_dir / "febrl4_linkage"
    dest = out_dir / "febrl4"

    def entity_of(rec_id):
        m = FEBRL_REC_ID.match(rec_id)
        if not m:
            raise SystemExit(f"febrl4: unexpected rec_id {rec_id!r}")
        return m.group(1)

    all_truth = []
    counts = {}
    for source, filename in (("a", "dataset4a.csv"), ("b", "dataset4b.csv")):
        # Febrl writes ", " between values; skipinitialspace drops those spaces
        # (also the doubled space before two given names in dataset4b.csv).
        rows = read_rows(src / filename, FEBRL_COLUMNS, skip_initial_space=True)
        rec_ids = [r[0] for r in rows]
        if len(set(rec_ids)) != len(rec_ids):
            raise SystemExit(f"febrl4/{filename}: duplicate rec_id values")
        records, truth = rekey(rows, source, 6, seed, 0, entity_of)
        write_csv(dest / f"{source}.csv", ["id"] + FEBRL_COLUMNS[1:], records)
        all_truth.extend(truth)
        counts[source] = len(records)
    write_csv(dest / "truth.csv", TRUTH_HEADER, all_truth)

    note = (
        "## Changes made by jobs/prepare_external.py (scv)\n\n"
        f"- Inputs: `dataset4a.csv` -> `a.csv`, `dataset4b.csv` -> `b.csv` (seed {seed}).\n"
        "- Parsed as CSV with the space after each comma skipped (skip-initial-space; this also removes the\n"
        "  doubled space before the given name of rec-3945-dup-0 and rec-3958-dup-0); CRLF / missing final\n"
        "  newline normalised; written as UTF-8 with `\\n` line endings and minimal CSV quoting.\n"
        "- All values kept as strings (leading zeros preserved); empty values are empty strings.\n"
        "- `rec_id` (the answer) removed from the record files. Rows shuffled with a seeded RNG, then given fresh\n"
        "  opaque ids in shuffled order (`a-000001`.., `b-000001`..), so ids and row order carry no truth.\n"
        "- Truth moved to `truth.csv` (`source,source_id,entity_id`): source `a`/`b`, source_id the fresh id,\n"
        "  entity_id the N of `rec-N-org` / `rec-N-dup-k`.\n"
    )
    copy_source_md(src / "SOURCE.md", dest, note)
    return counts, len({t[2] for t in all_truth})


def prepare_ncvr(data_dir, out_dir, seed, ocp):
    src = data_dir / "ncvr_5party_500"
    dest = out_dir / f"ncvr_ocp{ocp}"
    all_truth = []
    counts = {}
    for party in range(5):
        source = f"p{party}"
        filename = NCVR_FILE.format(ocp=ocp, party=party)
        rows = read_rows(src / filename, NCVR_COLUMNS, skip_initial_space=False)
        recids = [r[0] for r in rows]
        if len(set(recids)) != len(recids):
            print(f"warning: {filename}: duplicate recid values within one source", file=sys.stderr)
        records, truth = rekey(rows, source, 5, seed, 0, lambda recid: recid)
        write_csv(dest / f"{source}.csv", ["id"] + NCVR_COLUMNS[1:], records)
        all_truth.extend(truth)
        counts[source] = len(records)
    write_csv(dest / "truth.csv", TRUTH_HEADER, all_truth)

    note = (
        "## Changes made by jobs/prepare_external.py (scv)\n\n"
        f"- This folder holds the ocp_{ocp} variant: `..._ocp_{ocp}_myp_<k>_nump_5.csv` -> `p<k>.csv` (seed {seed}).\n"
        "- Written as UTF-8 with `\\n` line endings and minimal CSV quoting; all values kept as strings\n"
        "  (recids and ZIPs keep leading zeros).\n"
        "- `recid` (the answer) removed from the record files. Rows shuffled with a seeded RNG, then given fresh\n"
        "  opaque ids in shuffled order (`p0-00001`..), so ids and row order carry no truth.\n"
        "- Truth moved to `truth.csv` (`source,source_id,entity_id`): source `p0`..`p4`, source_id the fresh id,\n"
        "  entity_id the original `recid` (a real voter-register id: treat truth.csv as personal data too).\n"
    )
    copy_source_md(src / "SOURCE.md", dest, note)
    return counts, len({t[2] for t in all_truth})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO_ROOT / ".." / "shared" / "data",
                        help="folder holding febrl4_linkage/ and ncvr_5party_500/")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "sample-data" / "external",
                        help="output folder")
    parser.add_argument("--seed", type=int, default=7, help="shuffle seed")
    args = parser.parse_args(argv)
    data_dir = args.data.resolve()
    out_dir = args.out.resolve()

    counts, entities = prepare_febrl4(data_dir, out_dir, args.seed)
    print(f"febrl4: {counts} records, {entities} entities -> {out_dir / 'febrl4'}")
    for ocp in (20, 40):
        counts, entities = prepare_ncvr(data_dir, out_dir, args.seed, ocp)
        print(f"ncvr_ocp{ocp}: {counts} records, {entities} entities -> {out_dir / f'ncvr_ocp{ocp}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
