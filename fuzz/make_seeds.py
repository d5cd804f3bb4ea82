#!/usr/bin/env python3
"""Builds the fuzz seed corpora (fuzz/seeds/<target>/) and the libFuzzer
dictionary (fuzz/pol.dict) from the repository: policies/*.pol,
tests/ui/**/*.pol, the policies' test files and tests/acceptance (facts),
examples/*.json, and typical REPL lines. Run from anywhere:
    python3 fuzz/make_seeds.py
"""
import glob, json, os, random, re, tomllib

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)


def write(target, name, data):
    d = os.path.join(FUZZ, "seeds", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def notices():
    files = sorted(glob.glob(ROOT + "/policies/*.pol"))
    files += sorted(glob.glob(ROOT + "/tests/ui/**/*.pol", recursive=True))
    for path in files:
        yield path[len(ROOT) + 1:].replace("/", "__"), open(path, "rb").read()


def facts_tables(value):
    """Every facts table of a test or acceptance file."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in ("facts", "base", "given") and isinstance(inner, dict):
                yield inner
            yield from facts_tables(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from facts_tables(inner)


def main():
    for target in ("parse_bytes", "check", "fmt_roundtrip"):
        for name, data in notices():
            write(target, name, data)
    random.seed(8)
    for i in range(20):
        n = random.randrange(10, 200)
        write("parse_tokens", f"seed{i}", bytes(random.randrange(256) for _ in range(n)))
    # eval_facts: first byte picks the notice (in the order of POLICIES in
    # fuzz/src/lib.rs, which is sorted by file name), the rest is JSON.
    names = [os.path.basename(p) for p in sorted(glob.glob(ROOT + "/policies/*.pol"))]
    case = open(ROOT + "/examples/relief-case.json", "rb").read()
    for i, name in enumerate(names):
        write("eval_facts", f"{i}-relief-case.json", bytes([i]) + case)
        tests = ROOT + "/policies/" + name.replace(".pol", ".tests.toml")
        if os.path.exists(tests):
            for k, table in enumerate(facts_tables(tomllib.load(open(tests, "rb")))):
                data = json.dumps(table, ensure_ascii=False, default=str).encode()
                write("eval_facts", f"{i}-{name}-{k}.json", bytes([i]) + data)
    acceptance = tomllib.load(open(ROOT + "/tests/acceptance/temporary-relief.toml", "rb"))
    flagship = names.index("temporary-relief.pol")
    for k, table in enumerate(facts_tables(acceptance)):
        data = json.dumps(table, ensure_ascii=False, default=str).encode()
        write("eval_facts", f"acceptance-{k}.json", bytes([flagship]) + data)
    batch_seeds(names, case)
    lines = [":help", ":facts", "救助金额", "家庭人口 = 4", ":set 困难类型 = 入不敷出",
             ":whatif 家庭人口 = 1", ":why 救助金额", ":whynot 救助金额", ":show 第七条",
             ":clauses", ":check", ":reload", ":trace on", "家庭人口 + 1", ":unset 家庭人口",
             ":load temporary-relief.pol blacklist.pol", ":trace off",
             "若 家庭人口 > 2 则 1元 否则 0元", ":quit"]
    for i, line in enumerate(lines):
        write("repl_line", f"l{i}", line)
    write("repl_line", "session", "\n".join(lines))
    write_dict()


def batch_seeds(names, case):
    """batch_records: first byte 2 × notice (+1 for CSV), then the records of
    the notice's test file (base laid under each case) as NDJSON and CSV."""
    for i, name in enumerate(names):
        tests = ROOT + "/policies/" + name.replace(".pol", ".tests.toml")
        spec = tomllib.load(open(tests, "rb")) if os.path.exists(tests) else {}
        base = spec.get("base", {})
        records = [dict(json.loads(case), id=0)]
        for k, c in enumerate(spec.get("case", [])):
            records.append(dict(base, **c.get("facts", {}), id=k + 1))
        lines = [json.dumps(r, ensure_ascii=False, default=str) for r in records]
        write("batch_records", f"{i}-{name}.ndjson", bytes([2 * i]) + "\n".join(lines).encode())
        keys = sorted({k for r in records for k in r})
        def cell(v):
            text = ("是" if v else "否") if isinstance(v, bool) else str(v)
            return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text
        rows = [",".join(keys)] + [",".join(cell(r[k]) if k in r else "" for k in keys) for r in records]
        write("batch_records", f"{i}-{name}.csv", bytes([2 * i + 1]) + "\n".join(rows).encode())
        # One record a seed as well: small inputs run fast and mutate well.
        for k, line in enumerate(lines):
            write("batch_records", f"{i}-{name}-{k}.ndjson", bytes([2 * i]) + line.encode())
            write("batch_records", f"{i}-{name}-{k}.csv",
                  bytes([2 * i + 1]) + (rows[0] + "\n" + rows[k + 1]).encode())


def unescape(s):
    s = re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), s)
    return (s.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t")
             .replace("\\r", "\r").replace("\\\\", "\\"))


def write_dict():
    """Every literal of the grammar and every token of the harness."""
    lib = open(FUZZ + "/src/lib.rs").read()
    start = lib.index("pub const TOKENS")
    sources = [lib[start:lib.index("];", start)], open(ROOT + "/grammar/pol.pest").read()]
    tokens = set()
    for text in sources:
        for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', text):
            token = unescape(m.group(1))
            if token:
                tokens.add(token)

    def escape(token):
        return "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else "\\x%02X" % b
                       for b in token.encode())

    with open(FUZZ + "/pol.dict", "w") as f:
        f.write("# libFuzzer dictionary for the .pol language: keywords, marks, units,\n"
                "# operators, numbers, dates (non-ASCII bytes hex-escaped).\n"
                "# Regenerate with: python3 fuzz/make_seeds.py\n")
        for token in sorted(tokens):
            f.write('"%s"\n' % escape(token))


if __name__ == "__main__":
    main()
