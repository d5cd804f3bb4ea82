#!/bin/sh
# Runs the fuzz campaign: each target for $SECONDS_PER_TARGET (default 1800),
# two at a time, at the lowest priority, one fuzzing process each.
# Logs in $LOGS (default /tmp/fuzz-logs); findings in fuzz/artifacts/<target>/.
# Usage: fuzz/run-campaign.sh [target ...]   (default: all seven, in four rounds)
set -eu
cd "$(dirname "$0")"
SECS=${SECONDS_PER_TARGET:-1800}
LOGS=${LOGS:-/tmp/fuzz-logs}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/target-fuzz-nightly}
BIN=$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release
mkdir -p "$LOGS" bin
run() {
    t=$1
    mkdir -p "corpus/$t" "artifacts/$t" "$LOGS/$t"
    # A copy of the binary, so a rebuild during the campaign does not pull
    # the file from under the fork-mode children.
    cp "$BIN/$t" "bin/$t"
    # batch_records: whole files of records are slow to run; a few records
    # at a time find the same paths far more often.
    extra=""
    if [ "$t" = batch_records ]; then extra="-max_len=8192"; fi
    (cd "$LOGS/$t" && nice -n 19 "$OLDPWD/bin/$t" "$OLDPWD/corpus/$t" "$OLDPWD/seeds/$t" \
        -dict="$OLDPWD/pol.dict" -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=10 \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -artifact_prefix="$OLDPWD/artifacts/$t/" -print_final_stats=1 $extra \
        > "$LOGS/$t.log" 2>&1) || true
}
if [ $# -eq 0 ]; then set -- batch_records parse_bytes fmt_roundtrip parse_tokens eval_facts check repl_line; fi
while [ $# -gt 0 ]; do
    a=$1; shift
    if [ $# -gt 0 ]; then b=$1; shift; run "$a" & run "$b" & wait; else run "$a"; fi
done
