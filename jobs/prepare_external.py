#!/usr/bin/env python3
"""Prepare honest benchmark copies of public entity-resolution datasets.

Reads the raw copies under --data (default: <repo>/../shared/data) and writes,
under --out (default: <repo>/sample-data/external), one folder per dataset:

  febrl4/       a.csv, b.csv                    two-file linkage (Febrl 4a/4b)
  ncvr_ocp20/   p0.csv .. p4.csv                five-party linkage (NCVR, 20% corrupted)
  ncvr_ocp40/   p0.csv .. p4.csv                five-party linkage (NCVR, 40% corrupted)
  febrl1/       a.csv                           dedup (Febrl 1)
  febrl2/       a.csv                           dedup (Febrl 2)
  fake_1000/    a.csv, labels.csv               dedup (Splink fake_1000) + clerical labels
  rldata500/    a.csv                           dedup (RLdata500)
  restaurants/  fodors.csv, zagats.csv          two-file linkage (Fodor's / Zagat)
  dblp_acm/     dblp.csv, acm.csv               two-file linkage (DBLP-ACM)

and in each folder truth.csv (source, source_id, entity_id) and SOURCE.md.

The truth-bearing column (Febrl ``rec_id``, NCVR ``recid``, fake_1000 ``cluster``)
and any original record id are removed from the record files, rows are shuffled
with a seeded RNG, and fresh opaque ids are assigned in the shuffled order, so
neither ids nor row order carry information about the answer. The answer goes
to truth.csv. Where the truth is a match file (restaurants, DBLP-ACM), matched
records are joined into entities by union-find and every other record is an
entity of its own.

All values are kept as strings (postcodes, ZIPs, SSNs and dates have leading
zeros). Output is UTF-8, '\\n' line endings, minimal CSV quoting. Record and
entity counts are checked against the figures in each SOURCE.md; a mismatch
stops the script. Standard library only; output is deterministic for a given
--seed.
"""

import argparse
import csv
import html
import random
import re
import sys
from collections import Counter, namedtuple
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

FEBRL_COLUMNS = [
    "rec_id", "given_name", "surname", "street_number", "address_1",
    "address_2", "suburb", "postcode", "state", "date_of_birth", "soc_sec_id",
]
FEBRL_REC_ID = re.compile(r"^rec-(\d+)-(?:org|dup-\d+)$")

NCVR_COLUMNS = ["recid", "givenname", "surname", "suburb", "postcode"]
NCVR_FILE = "ncvr_numrec_500_modrec_2_ocp_{ocp}_myp_{party}_nump_5.csv"

FAKE_COLUMNS = ["unique_id", "first_name", "surname", "dob", "city", "email", "cluster"]
FAKE_LABEL_COLUMNS = ["unique_id_l", "source_dataset_l", "unique_id_r", "source_dataset_r",
                      "clerical_match_score"]
RLDATA_COLUMNS = ["fname_c1", "fname_c2", "lname_c1", "lname_c2", "by", "bm", "bd"]
RESTAURANT_COLUMNS = ["id", "name", "addr", "city", "phone", "type"]
BIBLIO_COLUMNS = ["id", "title", "authors", "venue", "year"]

TRUTH_HEADER = ["source", "source_id", "entity_id"]
LABELS_HEADER = ["source_l", "source_id_l", "source_r", "source_id_r", "is_match"]
ID_WIDTH = 5  # ids of the datasets added after febrl4/ncvr: <source>-00001

# What one prepared dataset holds; printed, and compared with the figures its SOURCE.md states.
Summary = namedtuple("Summary", "name records entities true_pairs")


def read_rows(path, expected_header, skip_initial_space, encoding="utf-8", delimiter=","):
    """Read a delimited file as strings; return the data rows (header checked and dropped).

    newline='' lets the csv module handle both CRLF and LF line endings and a
    missing final newline. Decoding is strict, so a file in an unexpected
    encoding fails loudly instead of silently producing mojibake.
    """
    with open(path, "r", encoding=encoding, errors="strict", newline="") as fh:
        reader = csv.reader(fh, skipinitialspace=skip_initial_space, delimiter=delimiter)
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


def shuffled_with_ids(rows, source, id_width, rng_name):
    """Rows shuffled by an RNG seeded with ``rng_name``, each paired with a fresh id in shuffled order."""
    rng = random.Random(rng_name)  # str seeds are hashed deterministically
    shuffled = list(rows)
    rng.shuffle(shuffled)
    return [(f"{source}-{n:0{id_width}d}", row) for n, row in enumerate(shuffled, start=1)]


def rekey(rows, source, id_width, seed, truth_index, entity_of):
    """Shuffle rows (seeded per source), assign fresh ids, split off the truth.

    Returns (records, truth_rows). ``truth_index`` is the position of the
    truth-bearing column, which is removed from every record. Used for febrl4
    and NCVR, whose RNG is seeded with "<seed>:<source>".
    """
    records, truth = [], []
    for new_id, row in shuffled_with_ids(rows, source, id_width, f"{seed}:{source}"):
        records.append([new_id] + row[:truth_index] + row[truth_index + 1:])
        truth.append([source, new_id, entity_of(row[truth_index])])
    return records, truth


def rekey_dropping(rows, dataset, source, seed, dropped):
    """Shuffle, assign fresh ids and drop the columns at ``dropped`` (truth and original ids).

    The RNG is seeded with "<seed>:<dataset>:<source>", so datasets that share a
    source name are shuffled independently. Returns (records, originals): the
    record rows to write and, in the same order, (fresh id, original row).
    """
    records, originals = [], []
    for new_id, row in shuffled_with_ids(rows, source, ID_WIDTH, f"{seed}:{dataset}:{source}"):
        records.append([new_id] + [v for i, v in enumerate(row) if i not in dropped])
        originals.append((new_id, row))
    return records, originals


def copy_source_md(src, dest_dir, note):
    dest_dir.mkdir(parents=True, exist_ok=True)
    text = src.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    (dest_dir / "SOURCE.md").write_text(text + "\n" + note, encoding="utf-8", newline="\n")


def entity_sizes(truth):
    return Counter(t[2] for t in truth)


def true_pair_count(truth):
    return sum(n * (n - 1) // 2 for n in entity_sizes(truth).values())


def summarise(name, counts, truth):
    return Summary(name, counts, len(entity_sizes(truth)), true_pair_count(truth))


def check(name, actual, expected, what):
    """Stops the script when a count differs from the one the dataset's SOURCE.md states."""
    if actual != expected:
        raise SystemExit(f"{name}: {what} is {actual!r}, SOURCE.md says {expected!r}")


class UnionFind:
    """Entities from a match file: matched records end in one set; a record never matched stays alone."""

    def __init__(self):
        self.parent = {}

    def add(self, key):
        self.parent.setdefault(key, key)

    def find(self, key):
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller key becomes the root, so entity ids do not depend on the order of the match file
            self.parent[max(ra, rb)] = min(ra, rb)


def febrl_entity(dataset):
    def entity_of(rec_id):
        m = FEBRL_REC_ID.match(rec_id)
        if not m:
            raise SystemExit(f"{dataset}: unexpected rec_id {rec_id!r}")
        return m.group(1)
    return entity_of


def prepare_febrl4(data_dir, out_dir, seed):
    src = data_dir / "febrl4_linkage"
    dest = out_dir / "febrl4"
    entity_of = febrl_entity("febrl4")

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
    summary = summarise("febrl4", counts, all_truth)
    check("febrl4", (summary.records, summary.entities, summary.true_pairs),
          ({"a": 5000, "b": 5000}, 5000, 5000), "(records, entities, true pairs)")
    return summary


def prepare_ncvr(data_dir, out_dir, seed, ocp):
    src = data_dir / "ncvr_5party_500"
    name = f"ncvr_ocp{ocp}"
    dest = out_dir / name
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
    summary = summarise(name, counts, all_truth)
    # SOURCE.md: 1,550 people in 1 source, 50 in 2, 50 in 3, 50 in 4, 100 in all 5
    check(name, (sum(counts.values()), summary.entities, summary.true_pairs), (2500, 1800, 1500),
          "(records, entities, true pairs)")
    return summary


def prepare_febrl_dedup(data_dir, out_dir, seed, name, folder, filename, expected):
    """Febrl 1 or 2: one file; the entity is the N of rec-N-org / rec-N-dup-k."""
    src = data_dir / folder
    dest = out_dir / name
    rows = read_rows(src / filename, FEBRL_COLUMNS, skip_initial_space=True)
    if len({r[0] for r in rows}) != len(rows):
        raise SystemExit(f"{name}/{filename}: duplicate rec_id values")
    entity_of = febrl_entity(name)
    records, originals = rekey_dropping(rows, name, "a", seed, {0})
    truth = [["a", new_id, entity_of(row[0])] for new_id, row in originals]
    write_csv(dest / "a.csv", ["id"] + FEBRL_COLUMNS[1:], records)
    write_csv(dest / "truth.csv", TRUTH_HEADER, truth)

    note = (
        "## Changes made by jobs/prepare_external.py (scv)\n\n"
        f"- Input: `{filename}` -> `a.csv` (one source, `a`; seed {seed}).\n"
        "- Parsed as CSV with the space after each comma skipped (skip-initial-space); written as UTF-8 with\n"
        "  `\\n` line endings and minimal CSV quoting. Trailing spaces inside values are kept as generated.\n"
        "- All values kept as strings (leading zeros preserved); empty values are empty strings.\n"
        "- `rec_id` (the answer) removed. Rows shuffled with a seeded RNG, then given fresh opaque ids in\n"
        "  shuffled order (`a-00001`..), so ids and row order carry no truth (the raw file is not grouped, but\n"
        "  `rec_id` itself is the answer).\n"
        "- Truth moved to `truth.csv` (`source,source_id,entity_id`): source `a`, source_id the fresh id,\n"
        "  entity_id the N of `rec-N-org` / `rec-N-dup-k`.\n"
    )
    copy_source_md(src / "SOURCE.md", dest, note)
    summary = summarise(name, {"a": len(records)}, truth)
    sizes = dict(sorted(Counter(entity_sizes(truth).values()).items()))
    check(name, (len(records), summary.entities, sizes), expected, "(records, entities, {cluster size: count})")
    return summary


def prepare_fake_1000(data_dir, out_dir, seed):
    """Splink fake_1000: truth in `cluster`; `unique_id` is the row number of a file sorted by cluster."""
    src = data_dir / "splink_fake_1000"
    dest = out_dir / "fake_1000"
    rows = read_rows(src / "fake_1000.csv", FAKE_COLUMNS, skip_initial_space=False)
    uid, cluster = FAKE_COLUMNS.index("unique_id"), FAKE_COLUMNS.index("cluster")
    if len({r[uid] for r in rows}) != len(rows):
        raise SystemExit("fake_1000: duplicate unique_id values")
    records, originals = rekey_dropping(rows, "fake_1000", "a", seed, {uid, cluster})
    truth = [["a", new_id, row[cluster]] for new_id, row in originals]
    header = ["id"] + [c for c in FAKE_COLUMNS if c not in ("unique_id", "cluster")]
    write_csv(dest / "a.csv", header, records)
    write_csv(dest / "truth.csv", TRUTH_HEADER, truth)

    # The clerical labels name records by unique_id; rewrite them with the fresh ids. Each pair is written
    # with the smaller fresh id on the left and the pairs sorted, so neither order reveals the old ids.
    new_id_of = {row[uid]: new_id for new_id, row in originals}
    cluster_of = {row[uid]: row[cluster] for _, row in originals}
    raw_labels = read_rows(src / "fake_1000_labels.csv", FAKE_LABEL_COLUMNS, skip_initial_space=False)
    labels = []
    disagreeing = 0
    for left, left_ds, right, right_ds, score in raw_labels:
        if left_ds != "fake_1000" or right_ds != "fake_1000" or left not in new_id_of or right not in new_id_of:
            raise SystemExit(f"fake_1000_labels.csv: label refers to an unknown record: {left_ds}/{left}, "
                             f"{right_ds}/{right}")
        if score not in ("1.0", "0.0"):
            raise SystemExit(f"fake_1000_labels.csv: clerical_match_score must be 1.0 or 0.0, was: {score!r}")
        is_match = "1" if score == "1.0" else "0"
        disagreeing += (is_match == "1") != (cluster_of[left] == cluster_of[right])
        l_id, r_id = sorted((new_id_of[left], new_id_of[right]))
        labels.append(["a", l_id, "a", r_id, is_match])
    labels.sort()
    write_csv(dest / "labels.csv", LABELS_HEADER, labels)

    note = (
        "## Changes made by jobs/prepare_external.py (scv)\n\n"
        f"- Input: `fake_1000.csv` -> `a.csv` (one source, `a`; seed {seed}); `fake_1000_labels.csv` -> `labels.csv`.\n"
        "- Written as UTF-8 with `\\n` line endings and minimal CSV quoting; values kept as written\n"
        "  (capitalisation, typos, empty cells; `dob` stays an ISO string).\n"
        "- `cluster` (the answer) and `unique_id` (the row number of a file sorted by cluster) removed. Rows\n"
        "  shuffled with a seeded RNG, then given fresh opaque ids in shuffled order (`a-00001`..).\n"
        "- Truth moved to `truth.csv` (`source,source_id,entity_id`): source `a`, entity_id the `cluster` value.\n"
        "- `labels.csv` (`source_l,source_id_l,source_r,source_id_r,is_match`): the 3,176 clerical labels with\n"
        "  unique_id replaced by the fresh id, `is_match` 1 for score 1.0 and 0 for 0.0. The smaller fresh id is\n"
        "  on the left and rows are sorted, so the label file carries no trace of the old row order.\n"
        f"  Checked: {len(labels) - disagreeing:,} of {len(labels):,} labels agree with `cluster`.\n"
    )
    copy_source_md(src / "SOURCE.md", dest, note)
    summary = summarise("fake_1000", {"a": len(records)}, truth)
    positives = sum(1 for label in labels if label[4] == "1")
    sizes = dict(sorted(Counter(entity_sizes(truth).values()).items()))
    check("fake_1000", (len(records), summary.entities, sizes),
          (1000, 251, {1: 43, 2: 30, 3: 37, 4: 34, 5: 33, 6: 33, 7: 41}),
          "(records, entities, {cluster size: count})")
    check("fake_1000", (len(labels), positives, disagreeing), (3176, 2031, 0),
          "(labels, positive labels, labels disagreeing with cluster)")
    return summary


def prepare_rldata500(data_dir, out_dir, seed):
    """RLdata500: tab-separated records; the entity of data row i is line i+1 of the identity file."""
    src = data_dir / "rldata500"
    dest = out_dir / "rldata500"
    # The default csv quoting takes one quoted value ("NADINE", line 471) as a quoted field.
    rows = read_rows(src / "RLdata500.tsv", RLDATA_COLUMNS, skip_initial_space=False, delimiter="\t")
    identity = read_rows(src / "identity.RLdata500.tsv", ["identity.RLdata500"], skip_initial_space=False)
    if len(identity) != len(rows):
        raise SystemExit(f"rldata500: {len(rows)} records but {len(identity)} identity lines")
    missing = sum(1 for row in rows for v in row if v == "NA")
    # R writes missing values as the literal NA; make them empty cells like every other dataset here.
    rows = [[("" if v == "NA" else v) for v in row] + [entity[0]] for row, entity in zip(rows, identity)]
    records, originals = rekey_dropping(rows, "rldata500", "a", seed, {len(RLDATA_COLUMNS)})
    truth = [["a", new_id, row[-1]] for new_id, row in originals]
    write_csv(dest / "a.csv", ["id"] + RLDATA_COLUMNS, records)
    write_csv(dest / "truth.csv", TRUTH_HEADER, truth)

    note = (
        "## Changes made by jobs/prepare_external.py (scv)\n\n"
        f"- Input: `RLdata500.tsv` + `identity.RLdata500.tsv` -> `a.csv` (one source, `a`; seed {seed}).\n"
        "- Read as tab-separated values; written as comma-separated UTF-8 with `\\n` line endings and minimal\n"
        "  CSV quoting. The one quoted value in the file (`\"NADINE\"`, data row 470) is read as the quoted\n"
        "  field it is, i.e. `NADINE`.\n"
        f"- The literal `NA` (R's missing value; {missing:,} cells, all in fname_c2/lname_c2) becomes an empty cell.\n"
        "- Names stay upper case as written; `by`, `bm`, `bd` stay strings (month and day without leading zero).\n"
        "- Rows shuffled with a seeded RNG (the raw rows are in identity-file order, which is the answer once\n"
        "  joined), then given fresh opaque ids in shuffled order (`a-00001`..).\n"
        "- Truth moved to `truth.csv` (`source,source_id,entity_id`): entity_id the identity-file integer.\n"
    )
    copy_source_md(src / "SOURCE.md", dest, note)
    summary = summarise("rldata500", {"a": len(records)}, truth)
    sizes = dict(sorted(Counter(entity_sizes(truth).values()).items()))
    check("rldata500", (len(records), summary.entities, sizes), (500, 450, {1: 400, 2: 50}),
          "(records, entities, {cluster size: count})")
    return summary


def count_reused(pairs):
    """Records that appear in more than one match pair (they would join more than two records)."""
    uses = Counter(key for pair in pairs for key in pair)
    return sum(1 for n in uses.values() if n > 1)


def link_by_match_file(name, sources, pairs):
    """Truth rows for records of several sources whose matches are listed as (source, id) pairs.

    ``sources`` maps a source name to its (fresh id, original id) list. Entity ids are the smallest
    "<source>:<original id>" of each set, so they stay traceable to the raw files.
    """
    uf = UnionFind()
    for source, ids in sources.items():
        for _, original_id in ids:
            uf.add(f"{source}:{original_id}")
    for left, right in pairs:
        for key in (left, right):
            if key not in uf.parent:
                raise SystemExit(f"{name}: match file names an unknown record {key}")
        uf.union(left, right)
    return [[source, new_id, uf.find(f"{source}:{original_id}")]
            for source, ids in sources.items() for new_id, original_id in ids]


def prepare_restaurants(data_dir, out_dir, seed):
    src = data_dir / "restaurants_fodors_zagat"
    dest = out_dir / "restaurants"
    counts, ids = {}, {}
    for source in ("fodors", "zagats"):
        rows = read_rows(src / f"{source}.csv", RESTAURANT_COLUMNS, skip_initial_space=False)
        if len({r[0] for r in rows}) != len(rows):
            raise SystemExit(f"restaurants/{source}.csv: duplicate id values")
        # the original id goes: matched rows sit in contiguous id ranges and fodors_id = zagats_id + 315
        records, originals = rekey_dropping(rows, "restaurants", source, seed, {0})
        write_csv(dest / f"{source}.csv", RESTAURANT_COLUMNS, records)
        counts[source] = len(records)
        ids[source] = [(new_id, row[0]) for new_id, row in originals]
    matches = read_rows(src / "matches_fodors_zagats.csv", ["fodors_id", "zagats_id"], skip_initial_space=False)
    pairs = [(f"fodors:{f}", f"zagats:{z}") for f, z in matches]
    reused = count_reused(pairs)
    truth = link_by_match_file("restaurants", ids, pairs)
    write_csv(dest / "truth.csv", TRUTH_HEADER, truth)

    note = (
        "## Changes made by jobs/prepare_external.py (scv)\n\n"
        f"- Inputs: `fodors.csv` -> `fodors.csv`, `zagats.csv` -> `zagats.csv` (seed {seed}); the match file\n"
        "  becomes `truth.csv`.\n"
        "- Written as UTF-8 with `\\n` line endings and minimal CSV quoting; values kept as written (phone\n"
        "  formats differ between the guides; one fodors `type` reads `ext 6108 international`).\n"
        "- The original `id` (which leaks the answer, see above) replaced: rows shuffled with a seeded RNG, then\n"
        "  given fresh opaque ids in shuffled order (`fodors-00001`.., `zagats-00001`..) in column `id`.\n"
        "- Truth in `truth.csv` (`source,source_id,entity_id`): the two records of each of the 112 matched pairs\n"
        "  share an entity (union-find over the match file; no id is used twice, so every set is one pair);\n"
        "  every other record is an entity of its own. entity_id is `fodors:<old id>` or `zagats:<old id>`\n"
        "  (the smaller member), so it stays traceable to the raw files.\n"
        "- Within each guide no two records share an entity in the truth. Records that share a phone inside one\n"
        "  guide are different restaurants of one hotel or casino (e.g. fodors `palace court` / `cafe roma`).\n"
    )
    copy_source_md(src / "SOURCE.md", dest, note)
    summary = summarise("restaurants", counts, truth)
    check("restaurants", (counts, len(matches), reused, summary.entities, summary.true_pairs),
          ({"fodors": 533, "zagats": 331}, 112, 0, 752, 112),
          "(records, match rows, ids used in more than one match, entities, true pairs)")
    return summary


def prepare_dblp_acm(data_dir, out_dir, seed):
    src = data_dir / "leipzig_dblp_acm"
    dest = out_dir / "dblp_acm"
    counts, ids = {}, {}
    unescaped = 0
    for source, filename, encoding in (("dblp", "DBLP2.csv", "latin-1"), ("acm", "ACM.csv", "utf-8")):
        rows = read_rows(src / filename, BIBLIO_COLUMNS, skip_initial_space=False, encoding=encoding)
        if len({r[0] for r in rows}) != len(rows):
            raise SystemExit(f"dblp_acm/{filename}: duplicate id values")
        if source == "acm":
            # ACM writes non-ASCII letters as HTML character references (Cari&#241;o, &mdash;): decode them,
            # as DBLP2.csv's Latin-1 bytes are decoded, so both files carry the same characters.
            decoded = [[html.unescape(v) for v in row] for row in rows]
            unescaped = sum(1 for row, new in zip(rows, decoded) for v, w in zip(row, new) if v != w)
            rows = decoded
        # DBLP keys (conf/vldb/PoosalaI96) encode venue, authors and year; ACM keys are bare numbers.
        records, originals = rekey_dropping(rows, "dblp_acm", source, seed, {0})
        write_csv(dest / f"{source}.csv", BIBLIO_COLUMNS, records)
        counts[source] = len(records)
        ids[source] = [(new_id, row[0]) for new_id, row in originals]
    mapping = read_rows(src / "DBLP-ACM_perfectMapping.csv", ["idDBLP", "idACM"], skip_initial_space=False)
    pairs = [(f"dblp:{d}", f"acm:{a}") for d, a in mapping]
    reused = count_reused(pairs)
    truth = link_by_match_file("dblp_acm", ids, pairs)
    write_csv(dest / "truth.csv", TRUTH_HEADER, truth)

    note = (
        "## Changes made by jobs/prepare_external.py (scv)\n\n"
        f"- Inputs: `DBLP2.csv` (read as Latin-1) -> `dblp.csv`, `ACM.csv` -> `acm.csv` (seed {seed}); the\n"
        "  perfect mapping becomes `truth.csv`.\n"
        f"- `ACM.csv` writes non-ASCII letters as HTML character references (`Cari&#241;o`, `&mdash;` in venue\n"
        f"  names); these are decoded (Python `html.unescape`; {unescaped:,} values changed) so both files carry\n"
        "  the same characters. Four ACM titles hold a broken `&;` (for `&`); it is left as it is.\n"
        "- Written as UTF-8 with `\\n` line endings and minimal CSV quoting. Values otherwise as written: three of\n"
        "  the five ACM venue names end in a space, `year` stays a string, 23 DBLP notices have `?` as authors\n"
        "  and 14 ACM records have none. The two files name the five venues differently (`VLDB J.` vs\n"
        "  `The VLDB Journal — ...`).\n"
        "- The original `id` replaced: rows shuffled with a seeded RNG, then given fresh opaque ids in shuffled\n"
        "  order (`dblp-00001`.., `acm-00001`..) in column `id`. DBLP keys encode venue, authors and year.\n"
        "- Truth in `truth.csv` (`source,source_id,entity_id`): records of a mapping pair share an entity\n"
        f"  (union-find over the mapping; records used in more than one pair: {reused}, so every set is one pair);\n"
        "  every other record is an entity of its own. entity_id is `acm:<old id>` for matched records and\n"
        "  `dblp:<old key>` / `acm:<old id>` for the rest.\n"
        "- Within each file no two records share an entity in the truth, even where a title repeats: conference\n"
        "  and journal versions of a paper are different publications (the venue and year tell them apart),\n"
        "  and \"XPath processing in a nutshell\" appears twice in each file (SIGMOD Record 2003, same authors):\n"
        "  two entities, each DBLP record mapped to one ACM record.\n"
    )
    copy_source_md(src / "SOURCE.md", dest, note)
    summary = summarise("dblp_acm", counts, truth)
    check("dblp_acm", (counts, len(mapping), reused, summary.entities, summary.true_pairs),
          ({"dblp": 2616, "acm": 2294}, 2224, 0, 2686, 2224),
          "(records, mapping rows, ids used in more than one pair, entities, true pairs)")
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO_ROOT / ".." / "shared" / "data",
                        help="folder holding the raw dataset folders (febrl4_linkage/, ncvr_5party_500/, ...)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "sample-data" / "external",
                        help="output folder")
    parser.add_argument("--seed", type=int, default=7, help="shuffle seed")
    args = parser.parse_args(argv)
    data_dir = args.data.resolve()
    out_dir = args.out.resolve()
    seed = args.seed

    summaries = [
        prepare_febrl4(data_dir, out_dir, seed),
        prepare_ncvr(data_dir, out_dir, seed, 20),
        prepare_ncvr(data_dir, out_dir, seed, 40),
        prepare_febrl_dedup(data_dir, out_dir, seed, "febrl1", "febrl1_dedup", "dataset1.csv",
                            (1000, 500, {2: 500})),
        prepare_febrl_dedup(data_dir, out_dir, seed, "febrl2", "febrl2_dedup", "dataset2.csv",
                            (5000, 4000, {1: 3572, 2: 114, 3: 141, 4: 107, 5: 47, 6: 19})),
        prepare_fake_1000(data_dir, out_dir, seed),
        prepare_rldata500(data_dir, out_dir, seed),
        prepare_restaurants(data_dir, out_dir, seed),
        prepare_dblp_acm(data_dir, out_dir, seed),
    ]
    for s in summaries:
        records = ", ".join(f"{source} {n:,}" for source, n in s.records.items())
        print(f"{s.name}: records {records}; {s.entities:,} entities; {s.true_pairs:,} true pairs "
              f"-> {out_dir / s.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
