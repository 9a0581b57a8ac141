#!/usr/bin/env python3
"""Measure the recall of a config's blocking rules against a truth file, without Spark.

Reads the config's sources and blocking rules, emulates the standardisation of the fields the rules use
(folded text, first/last name, dob, street, postcode, phone, email, as docs/config.md describes), builds the
blocks as scv does (array keys exploded, null or blank key parts dropped, blocks above max_block_size skipped,
no pairs inside a source that is duplicate_free or has link_within_source: false) and compares the pairs with
the true pairs of truth.csv (source, source_id, entity_id). Prints per rule and for all rules together:
candidate pairs, true pairs found, recall, true pairs only that rule finds, hot keys skipped, the largest block
kept, and the true pairs no rule finds.

    jobs/blocking_recall.py --config conf/examples/febrl1.yaml --truth sample-data/external/febrl1/truth.csv

The emulation is close, not exact: it covers the Spark SQL functions listed in FUNCTIONS (soundex as Spark's
soundex), and phone numbers only for the countries in PHONE_RULES. The YAML reader covers the subset the
example configs use (block mappings and lists, flow lists and mappings on one line, quoted scalars, comments).
Standard library only.
"""

import argparse
import csv
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
NICKNAMES = REPO_ROOT / "src" / "main" / "resources" / "io" / "scv" / "standardize" / "nicknames.csv"


# ---------------------------------------------------------------------------------------------------------------
# A reader for the YAML subset of the example configs

def read_yaml(path):
    lines = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        text = strip_comment(raw).rstrip()
        if text.strip():
            lines.append((len(text) - len(text.lstrip(" ")), text.strip()))
    value, end = parse_block(lines, 0, lines[0][0] if lines else 0)
    if end != len(lines):
        raise SystemExit(f"{path}: cannot read line {end + 1} of the YAML: {lines[end][1]!r}")
    return value


def strip_comment(line):
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def parse_block(lines, i, indent):
    if lines[i][1].startswith("- ") or lines[i][1] == "-":
        return parse_list(lines, i, indent)
    return parse_mapping(lines, i, indent)


def parse_mapping(lines, i, indent):
    out = {}
    while i < len(lines) and lines[i][0] == indent and not lines[i][1].startswith("- "):
        key, rest = split_key(lines[i][1])
        i += 1
        if rest:
            out[key] = parse_inline(rest)
        elif i < len(lines) and (lines[i][0] > indent or (lines[i][0] == indent and lines[i][1].startswith("- "))):
            out[key], i = parse_block(lines, i, lines[i][0])
        else:
            out[key] = None
    return out, i


def parse_list(lines, i, indent):
    out = []
    while i < len(lines) and lines[i][0] == indent and (lines[i][1].startswith("- ") or lines[i][1] == "-"):
        item = lines[i][1][1:]
        column = indent + 1 + len(item) - len(item.lstrip(" "))
        item = item.strip()
        if not item:
            value, i = parse_block(lines, i + 1, lines[i + 1][0])
        elif item[0] not in "[{\"'" and split_key(item, strict=False):
            # "- name: a" opens a mapping whose keys sit at the column of "name"
            lines = lines[:i] + [(column, item)] + lines[i + 1:]
            value, i = parse_mapping(lines, i, column)
        else:
            value, i = parse_inline(item), i + 1
        out.append(value)
    return out, i


def split_key(text, strict=True):
    m = re.match(r"^([A-Za-z0-9_.\-]+):(?:\s+(.*))?$", text)
    if not m:
        if strict:
            raise SystemExit(f"cannot read YAML line {text!r}")
        return None
    return m.group(1), (m.group(2) or "").strip()


def parse_inline(text):
    value, end = parse_flow(text, 0, in_flow=False)
    if text[end:].strip():
        raise SystemExit(f"cannot read YAML value {text!r}")
    return value


def parse_flow(text, i, in_flow):
    i = skip_spaces(text, i)
    c = text[i] if i < len(text) else ""
    if c == "[":
        out, i = [], skip_spaces(text, i + 1)
        while text[i] != "]":
            value, i = parse_flow(text, i, True)
            out.append(value)
            i = skip_spaces(text, i)
            i = skip_spaces(text, i + 1) if text[i] == "," else i
        return out, i + 1
    if c == "{":
        out, i = {}, skip_spaces(text, i + 1)
        while text[i] != "}":
            colon = text.index(":", i)
            key = text[i:colon].strip()
            out[key], i = parse_flow(text, colon + 1, True)
            i = skip_spaces(text, i)
            i = skip_spaces(text, i + 1) if text[i] == "," else i
        return out, i + 1
    if c in "\"'":
        return read_quoted(text, i)
    stops = ",]}" if in_flow else ""
    end = i
    while end < len(text) and text[end] not in stops:
        end += 1
    return typed(text[i:end].strip()), end


def read_quoted(text, i):
    quote, out, j = text[i], [], i + 1
    while True:
        c = text[j]
        if quote == "'" and c == "'" and text[j + 1:j + 2] == "'":
            out.append("'")
            j += 2
        elif c == quote:
            return "".join(out), j + 1
        elif quote == '"' and c == "\\":
            out.append({"n": "\n", "t": "\t"}.get(text[j + 1], text[j + 1]))
            j += 2
        else:
            out.append(c)
            j += 1


def skip_spaces(text, i):
    while i < len(text) and text[i] == " ":
        i += 1
    return i


def typed(plain):
    if plain in ("true", "false"):
        return plain == "true"
    if plain in ("null", "~", ""):
        return None
    if re.fullmatch(r"-?\d+", plain):
        return int(plain)
    if re.fullmatch(r"-?\d+\.\d*(?:[eE][-+]?\d+)?|-?\d+[eE][-+]?\d+", plain):
        return float(plain)
    return plain


# ---------------------------------------------------------------------------------------------------------------
# Standardisation, after io.scv.standardize

DENIED = {"test@test.com", "noemail@none.com", "none@none.com", "no@email.com", "example@example.com",
          "0000000000", "1234567890", "123456", "n/a", "na", "none", "null", "unknown", "test", "-", "xxx", "."}
PLACEHOLDER_LOCAL_PARTS = {"test", "noemail", "none", "no", "na", "null", "unknown", "asdf", "xxx"}
UNDECOMPOSABLE = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i",
                  "ħ": "h"}
TITLES = {"mr", "mrs", "ms", "miss", "mx", "master", "dr", "doctor", "prof", "professor", "sir", "dame", "lady",
          "lord", "rev", "revd", "reverend", "fr"}
SUFFIXES = {"jr", "junior", "sr", "senior", "ii", "iii", "iv", "phd", "md", "esq", "obe", "mbe", "cbe"}
STREET_TYPES = {"str": "street", "rd": "road", "ave": "avenue", "av": "avenue", "avn": "avenue", "ln": "lane",
                "dr": "drive", "drv": "drive", "cres": "crescent", "cresc": "crescent", "cr": "crescent",
                "ct": "court", "crt": "court", "pl": "place", "tce": "terrace", "terr": "terrace", "ter": "terrace",
                "sq": "square", "sqr": "square", "hwy": "highway", "blvd": "boulevard", "bvd": "boulevard",
                "pde": "parade", "cl": "close", "gr": "grove", "gro": "grove", "grv": "grove", "gdns": "gardens",
                "gdn": "gardens", "pk": "park", "wy": "way", "cir": "circle", "mt": "mount", "hts": "heights",
                "pkwy": "parkway", "rdg": "ridge", "esp": "esplanade"}
UNIT_DESIGNATORS = {"unit", "flat", "apt", "apartment", "suite"}
# calling code, trunk ("drop" a leading 0 or "none"), international prefix, national length range
PHONE_RULES = {"US": ("1", "none", "011", 10, 10), "CA": ("1", "none", "011", 10, 10),
               "GB": ("44", "drop", "00", 9, 10), "AU": ("61", "drop", "0011", 9, 9),
               "DE": ("49", "drop", "00", 6, 13), "NZ": ("64", "drop", "00", 8, 10)}


def deny(value, extra_denied):
    """Null for blank and placeholder values (DenyList.defaults() plus standardize.deny_list)."""
    if value is None or not value.strip():
        return None
    key = re.sub(r"\s+", "", value).lower()
    if key in DENIED or key in extra_denied:
        return None
    if re.fullmatch(r"[0-9+().\-\s]+", key):
        digits = re.sub(r"\D", "", key)
        if len(digits) >= 6 and (len(set(digits)) == 1 or is_run(digits, 1) or is_run(digits, -1)):
            return None
    at = key.rfind("@")
    if at > 0 and re.sub(r"[._\-]", "", key[:at]) in PLACEHOLDER_LOCAL_PARTS:
        return None
    return value


def is_run(digits, step):
    return all((int(a) + step) % 10 == int(b) for a, b in zip(digits, digits[1:]))


def fold(raw):
    if raw is None or not raw.strip():
        return None
    text = re.sub("['’‘`ʼ´ʹ]", "", raw).lower()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = "".join(UNDECOMPOSABLE.get(c, c) for c in text)
    text = re.sub(r"(?:[^\w]|_)+", " ", text).strip()  # \w less "_": letters and digits
    return text or None


def first_name(raw):
    tokens = (fold(raw) or "").split()
    while tokens and tokens[0] in TITLES:
        tokens = tokens[1:]
    tokens = tokens[:1] + [t for t in tokens[1:] if len(t) > 1]
    return " ".join(tokens) or None


def last_name(raw):
    tokens = (fold(raw) or "").split()
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        tokens = tokens[:-1]
    return " ".join(tokens) or None


def iso_date(raw, day_first):
    if raw is None or not raw.strip():
        return None
    text = raw.strip().lower()
    time = r"(?:[t ]\d{1,2}:\d{2}.*)?"
    for pattern, order in ((r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})" + time, (1, 3, 4)),
                           (r"(\d{4})()(\d{2})(\d{2})", (1, 3, 4)),
                           (r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + time, (4, 3, 1) if day_first else (4, 1, 3))):
        m = re.fullmatch(pattern, text)
        if m:
            return valid_date(*(int(m.group(g)) for g in order))
    return None


def valid_date(year, month, day):
    days = [31, 29 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31,
            30, 31, 30, 31]
    if 1 <= month <= 12 and 1 <= day <= days[month - 1]:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def street(raw):
    tokens = (fold(raw) or "").split()
    out = []
    for i, t in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if t in UNIT_DESIGNATORS and nxt is not None:
            out.append("unit")
        elif t == "st":
            out.append("street" if nxt is None or nxt in UNIT_DESIGNATORS else "saint")
        else:
            out.append(STREET_TYPES.get(t, t))
    return " ".join(out) or None


def house_number(std_street):
    if std_street is None:
        return None
    tokens = std_street.split()
    candidate = tokens[2] if len(tokens) >= 3 and tokens[0] == "unit" else tokens[0]
    return candidate if re.fullmatch(r"[0-9]+[a-z]?", candidate) else None


def postcode(raw, country):
    compact = re.sub(r"[^A-Z0-9]+", "", (raw or "").upper())
    if not compact:
        return None
    if country in ("GB", "UK", "GG", "JE", "IM") and re.fullmatch(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}", compact):
        return compact[:-3] + " " + compact[-3:]
    if country == "US" and re.fullmatch(r"[0-9]{9}", compact):
        return compact[:5]
    return compact


def phone(raw, country):
    if country not in PHONE_RULES:
        raise SystemExit(f"phone numbers are emulated only for {sorted(PHONE_RULES)}, not {country}")
    code, trunk, intl, low, high = PHONE_RULES[country]
    text = re.sub(r"(?i)\s*(?:ext\.?|extension|x|#)\s*\d{1,6}\s*$", "", raw or "")
    digits = re.sub(r"\D", "", text)
    if not digits:
        return None
    plus = re.match(r"^[^0-9]*\+", text) is not None
    if plus:
        number = digits
    elif digits.startswith(intl):
        number = digits[len(intl):]
    elif digits.startswith("00"):
        number = digits[2:]
    elif (digits.startswith(code) and low <= len(digits) - len(code) <= high
          and (len(digits) > high or trunk == "drop")):
        number = digits
    else:
        national = digits[1:] if trunk == "drop" and digits.startswith("0") else digits
        number = code + national if low <= len(national) <= high else None
    if number is None:
        return None
    for rule_code, rule_trunk, *_ in PHONE_RULES.values():
        if number.startswith(rule_code) and len(number) > len(rule_code):
            if rule_trunk == "drop" and number[len(rule_code)] == "0":
                number = rule_code + number[len(rule_code) + 1:]
            break
    return "+" + number if 8 <= len(number) <= 15 and number[0] != "0" else None


def email(raw, provider_rules):
    lower = (raw or "").strip().lower()
    if not re.fullmatch(r"[^@\s,;:<>()\[\]\"\\]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,}|xn--[a-z0-9-]+)",
                        lower):
        return None
    if not provider_rules:
        return lower
    local, domain = lower.split("@", 1)
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}" if local else None


def gender(raw):
    value = (raw or "").strip().lower()
    return "m" if value in ("m", "male", "man") else "f" if value in ("f", "female", "woman") else None


def load_nicknames():
    canonical = {}
    with open(NICKNAMES, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#") and line != "name,nickname":
                name, nick = line.split(",")
                canonical.setdefault(nick, name)
    return canonical


# ---------------------------------------------------------------------------------------------------------------
# Spark SQL key expressions: identifiers, string and integer literals, function calls

def spark_soundex(s):
    """Spark's UTF8String.soundex: a first character that is not a letter returns the input unchanged."""
    if s is None:
        return None
    if not s:
        return ""
    mapping = "01230127022455012623017202"
    first = s[0].upper()
    if not ("A" <= first <= "Z") or not s[0].isascii():
        return s
    out, last = [first], mapping[ord(first) - 65]
    for ch in s[1:]:
        c = ch.upper()
        if not ("A" <= c <= "Z") or not ch.isascii():
            last = "0"
            continue
        code = mapping[ord(c) - 65]
        if code == "7":
            continue
        if code != "0" and code != last:
            out.append(code)
            if len(out) > 3:
                break
        last = code
    return "".join(out).ljust(4, "0")


def spark_substring(s, pos, length=None):
    """UTF8String.substringSQL: 1-based; a negative pos counts from the end, and the window is cut at 0."""
    if s is None or pos is None:
        return None
    start = pos - 1 if pos > 0 else (len(s) + pos if pos < 0 else 0)
    end = len(s) if length is None else start + length
    start = max(start, 0)
    return s[start:end] if start < end else ""


def date_part(d, index):
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", d or "")
    if not m:
        return None
    return int(m.group(index) or 1)


def nulls_in(args):
    return any(a is None for a in args)


def strict(fn):
    """A function that returns null when any argument is null, as most Spark functions do."""
    return lambda *args: None if nulls_in(args) else fn(*args)


def concat_ws(sep, *parts):
    flat = []
    for p in parts:
        flat.extend(p if isinstance(p, list) else [p])
    return None if sep is None else sep.join(str(p) for p in flat if p is not None)


FUNCTIONS = {
    "soundex": spark_soundex,
    "substring": spark_substring, "substr": spark_substring,
    "left": strict(lambda s, n: s[:max(n, 0)]),
    "right": strict(lambda s, n: s[-n:] if n > 0 else ""),
    "lower": strict(str.lower), "upper": strict(str.upper), "trim": strict(str.strip),
    "length": strict(len),
    "concat": lambda *a: None if nulls_in(a) else "".join(str(x) for x in a),
    "concat_ws": concat_ws,
    "coalesce": lambda *a: next((x for x in a if x is not None), None),
    "split": strict(lambda s, pattern, limit=-1: re.split(pattern, s, maxsplit=max(limit - 1, 0))),
    "array": lambda *a: list(a),
    "array_distinct": strict(lambda a: list(dict.fromkeys(a))),
    "array_except": strict(lambda a, b: [x for x in dict.fromkeys(a) if x not in b]),
    "array_sort": strict(lambda a: sorted(x for x in a if x is not None) + [x for x in a if x is None]),
    "sort_array": strict(lambda a: [x for x in a if x is None] + sorted(x for x in a if x is not None)),
    "slice": strict(lambda a, start, n: a[start - 1:start - 1 + n] if start > 0
                    else a[len(a) + start:][:n] if len(a) + start >= 0 else []),
    "element_at": strict(lambda a, i: (a[i - 1] if 0 < i <= len(a) else a[i] if -len(a) <= i < 0 else None)),
    "size": lambda a: -1 if a is None else len(a),
    "regexp_replace": strict(lambda s, pattern, rep: re.sub(pattern, re.sub(r"\$(\d)", r"\\\1", rep), s)),
    "lpad": strict(lambda s, n, pad: (pad * n + s)[-n:] if len(s) < n else s[:n]),
    "year": strict(lambda d: date_part(d, 1)),
    "month": strict(lambda d: date_part(d, 2)),
    "day": strict(lambda d: date_part(d, 3)), "dayofmonth": strict(lambda d: date_part(d, 3)),
    "substring_index": strict(lambda s, delim, count: delim.join(s.split(delim)[:count]) if count > 0
                              else delim.join(s.split(delim)[count:]) if count < 0 else ""),
    "scv_fold": fold,
}

TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^'\\]|\\.)*')|(?P<num>-?\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
                   r"|(?P<punct>[(),]))")


def compile_expr(text):
    """A function of a record (dict of field values) evaluating the expression; raises for unsupported syntax."""
    tokens, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(f"unsupported expression syntax at {text[pos:]!r}")
        kind = m.lastgroup
        tokens.append((kind, m.group(kind)))
        pos = m.end()
    node, i = parse_expr(tokens, 0)
    if i != len(tokens):
        raise ValueError(f"unsupported expression syntax in {text!r}")
    return node


def parse_expr(tokens, i):
    kind, value = tokens[i]
    if kind == "str":
        literal = re.sub(r"\\(.)", r"\1", value[1:-1])
        return (lambda rec: literal), i + 1
    if kind == "num":
        number = int(value)
        return (lambda rec: number), i + 1
    if kind == "name" and i + 1 < len(tokens) and tokens[i + 1] == ("punct", "("):
        name = value.lower()
        if name not in FUNCTIONS:
            raise ValueError(f"function {value} is not emulated; add it to FUNCTIONS")
        args, i = [], i + 2
        while tokens[i] != ("punct", ")"):
            arg, i = parse_expr(tokens, i)
            args.append(arg)
            if tokens[i] == ("punct", ","):
                i += 1
        fn = FUNCTIONS[name]
        return (lambda rec: fn(*(a(rec) for a in args))), i + 1
    if kind == "name":
        return (lambda rec: rec.get(value)), i + 1
    raise ValueError(f"unexpected {value!r}")


def expr_fields(text):
    """Identifiers an expression reads (function names excluded)."""
    return {m.group("name") for m in TOKEN.finditer(text) if m.group("name")
            and not re.match(r"\s*\(", text[m.end():])}


# ---------------------------------------------------------------------------------------------------------------
# Records, blocks and pairs

def load_records(config, config_dir, needed):
    """Standardised records as dicts (record_key, source + the needed fields), in file order."""
    standardize = config.get("standardize") or {}
    day_first = standardize.get("day_first_dates", True)
    provider_rules = standardize.get("email_provider_rules", True)
    extra_denied = {re.sub(r"\s+", "", v).lower() for v in standardize.get("deny_list") or []}
    nicknames = load_nicknames() if standardize.get("nicknames", True) else {}
    run_country = ((config.get("run") or {}).get("default_country") or "GB").upper()
    records = []
    for source in config["sources"]:
        country = (source.get("default_country") or run_country).upper()
        options = source.get("options") or {}
        mapping = source.get("columns") or {}
        getters = {}
        for name, spec in mapping.items():
            if isinstance(spec, dict) and "expr" in spec:
                getters[name] = compile_expr(spec["expr"]) if name in needed else None
            else:
                column = spec["column"] if isinstance(spec, dict) else spec
                getters[name] = (lambda col: lambda row: row.get(col))(column)
        path = config_dir / source["path"]
        with open(path, encoding=options.get("encoding", "utf-8"), newline="") as fh:
            reader = csv.DictReader(fh, delimiter=options.get("sep", options.get("delimiter", ",")))
            for row in reader:
                raw = {k: (v if v != "" else None) for k, v in row.items()}  # Spark reads an empty cell as null
                rec = {"record_key": f"{source['name']}:{raw[source['id_column']].strip()}",
                       "source": source["name"]}
                for name, get in getters.items():
                    if get is not None and name in needed:
                        value = get(raw)
                        value = None if value is None else deny(str(value).strip(), extra_denied)
                        rec[name] = standardise(name, value, country, day_first, provider_rules)
                if "first_name_canonical" in needed:
                    rec["first_name_canonical"] = nicknames.get(rec.get("first_name"), rec.get("first_name"))
                if "house_number" in needed:
                    rec["house_number"] = house_number(rec.get("street"))
                if "email_domain" in needed and rec.get("email"):
                    rec["email_domain"] = rec["email"].split("@", 1)[1]
                records.append(rec)
    return records


def standardise(field, value, country, day_first, provider_rules):
    if value is None:
        return None
    if field == "first_name":
        return first_name(value)
    if field == "last_name":
        return last_name(value)
    if field == "dob":
        return iso_date(value, day_first)
    if field == "email":
        return email(value, provider_rules)
    if field == "phone":
        return phone(value, country)
    if field == "street":
        return street(value)
    if field == "postcode":
        return postcode(value, country)
    if field == "gender":
        return gender(value)
    if field in ("full_name", "country", "esp_record_ids", "device_ids", "updated_at") or field.startswith("consent_"):
        raise SystemExit(f"field {field} is not emulated in blocking keys")
    return fold(value)  # city, company, job_title and every extra field


def rule_keys(rec, key_fns):
    """The rule's keys for one record: array parts exploded, any null or blank part drops the key."""
    combos = [[]]
    for fn in key_fns:
        value = fn(rec)
        values = value if isinstance(value, list) else [value]
        parts = [str(v) for v in values if v is not None and str(v).strip() != ""]
        combos = [c + [p] for c in combos for p in parts]
    return {"\x01".join(c) for c in combos}


def block_pairs(records, key_fns, max_block_size, no_within):
    """Candidate pairs of one rule as (i, j) index pairs with i < j, the number of hot keys skipped and the
    size of the largest block kept."""
    blocks = defaultdict(list)
    for i, rec in enumerate(records):
        for key in rule_keys(rec, key_fns):
            blocks[key].append(i)
    pairs, hot = set(), 0
    largest = max((len(m) for m in blocks.values() if len(m) <= max_block_size), default=0)
    for members in blocks.values():
        if len(members) > max_block_size:
            hot += 1
            continue
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                i, j = members[a], members[b]
                if records[i]["source"] == records[j]["source"] and records[i]["source"] in no_within:
                    continue
                pairs.add((i, j) if i < j else (j, i))
    return pairs, hot, largest


def true_pairs(records, truth_path, no_within):
    index = {rec["record_key"]: i for i, rec in enumerate(records)}
    members = defaultdict(list)
    with open(truth_path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = f"{row['source']}:{row['source_id']}"
            if key not in index:
                raise SystemExit(f"{truth_path}: record {key} is not among the config's sources")
            members[row["entity_id"]].append(index[key])
    pairs, excluded = set(), 0
    for ids in members.values():
        ids.sort()
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                i, j = ids[a], ids[b]
                if records[i]["source"] == records[j]["source"] and records[i]["source"] in no_within:
                    excluded += 1
                else:
                    pairs.add((i, j))
    return pairs, excluded


def connected_through(found, missed):
    """Missed true pairs whose records are connected by a path of found true pairs."""
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in found:
        parent[find(i)] = find(j)
    return sum(1 for i, j in missed if find(i) == find(j))


def comparable_pairs(records, no_within):
    per_source = Counter(rec["source"] for rec in records)
    n = len(records)
    return n * (n - 1) // 2 - sum(k * (k - 1) // 2 for s, k in per_source.items() if s in no_within)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--truth", type=Path, required=True, help="truth.csv: source,source_id,entity_id")
    parser.add_argument("--show-missed", type=int, default=10, metavar="N",
                        help="print up to N true pairs that no rule finds, with their key fields (default 10)")
    args = parser.parse_args(argv)

    config = read_yaml(args.config)
    blocking = config["blocking"]
    max_block_size = blocking.get("max_block_size", 500)
    rules = blocking["rules"]
    no_within = {s["name"] for s in config["sources"]
                 if s.get("duplicate_free") or s.get("link_within_source") is False}
    needed = fields_read_by(rules)

    records = load_records(config, args.config.parent, needed)
    truth, excluded = true_pairs(records, args.truth, no_within)
    all_pairs = comparable_pairs(records, no_within)
    print(f"{args.config}: {len(records):,} records, {all_pairs:,} comparable pairs, {len(truth):,} true pairs"
          + (f" ({excluded} true pairs inside a duplicate-free source ignored)" if excluded else "")
          + f"; max_block_size {max_block_size}")

    by_rule = []
    for rule in rules:
        pairs, hot, largest = block_pairs(records, [compile_expr(k) for k in rule["keys"]], max_block_size, no_within)
        by_rule.append((rule, pairs, hot, largest))
    missed = report_rules(by_rule, truth, all_pairs)
    report_greedy_order(by_rule, truth)
    for i, j in missed[:args.show_missed]:
        print("  missed:", records[i]["record_key"], {f: records[i].get(f) for f in sorted(needed)})
        print("         ", records[j]["record_key"], {f: records[j].get(f) for f in sorted(needed)})
    return 0


def fields_read_by(rules):
    """Fields the rules' keys read, plus the fields that derived ones are made from."""
    needed = set()
    for rule in rules:
        for key in rule["keys"]:
            needed |= expr_fields(key)
    derived = {"first_name_canonical": "first_name", "house_number": "street", "email_domain": "email"}
    return needed | {derived[f] for f in needed if f in derived}


def report_rules(by_rule, truth, all_pairs):
    """One line per rule and one for the union; returns the true pairs no rule finds."""
    width = max(len(rule["name"]) for rule, *_ in by_rule)
    print(f"{'rule':<{width}}  {'pairs':>10}  {'true':>6}  {'recall':>7}  {'only':>5}  {'hot keys':>8}  "
          f"{'largest':>7}  keys")
    union = set()
    for rule, pairs, hot, largest in by_rule:
        found = pairs & truth
        others = set().union(*(p for r, p, _, _ in by_rule if r is not rule))
        print(f"{rule['name']:<{width}}  {len(pairs):>10,}  {len(found):>6,}  {len(found) / len(truth):>7.1%}  "
              f"{len(found - others):>5}  {hot:>8}  {largest:>7}  {', '.join(rule['keys'])}")
        union |= pairs
    found = union & truth
    missed = sorted(truth - union)
    print(f"{'ALL':<{width}}  {len(union):>10,}  {len(found):>6,}  {len(found) / len(truth):>7.2%}  "
          f"       {len(union) / all_pairs:.3%} of comparable pairs; {len(missed)} true pairs found by no rule")
    if missed:
        reachable = connected_through(found, missed)
        print(f"  of these, {reachable} join through other found true pairs (same cluster if those match): "
              f"{(len(found) + reachable) / len(truth):.2%} of true pairs within reach of clustering")
    return missed


def report_greedy_order(by_rule, truth):
    """Rules in the order that adds the most true pairs at each step: shows which rules carry the recall."""
    width = max(len(rule["name"]) for rule, *_ in by_rule)
    print("greedy order (each rule adds the most true pairs not yet found; cumulative recall, pairs):")
    covered, pairs_so_far, left = set(), set(), list(by_rule)
    while left:
        best = max(left, key=lambda r: (len((r[1] & truth) - covered), -len(r[1] - pairs_so_far)))
        left.remove(best)
        covered |= best[1] & truth
        pairs_so_far |= best[1]
        print(f"  {best[0]['name']:<{width}}  {len(covered) / len(truth):>7.2%}  {len(pairs_so_far):>10,}")


if __name__ == "__main__":
    sys.exit(main())
