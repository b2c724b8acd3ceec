#!/usr/bin/env bash
# Runs every CoPLive test: `bash scripts/test.sh [extra dotnet test args]` from the repo root.
#
#  * installs PostgreSQL (apt, Debian 12) when it is missing and we are root;
#  * installs Chromium (apt: chromium, fonts-noto-color-emoji) for the browser tests when it is missing;
#  * starts a private, throw-away PostgreSQL on 127.0.0.1 (free port, trust auth) and exports
#    COPLIVE_TEST_POSTGRES for the tests; it is always stopped and deleted on exit;
#  * builds and runs `dotnet test` on the solution (COPLIVE_SOLUTION, default CoPLive.sln),
#    writing .trx files under artifacts/test-results/<run>/;
#  * prints a summary whose LAST line is exactly `N passed, N failed`.
#
# Exit code: 0 only if dotnet test succeeded, at least one test passed and none failed.
set -euo pipefail

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export DEBIAN_FRONTEND=noninteractive

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

solution="${COPLIVE_SOLUTION:-CoPLive.sln}"

log() { printf '[test.sh] %s\n' "$*" >&2; }
summary_printed=0
die() {
    log "ERROR: $*"
    summary_printed=1
    echo "0 passed, 1 failed"
    exit 1
}

is_root=0
[[ "$(id -u)" == "0" ]] && is_root=1

pg_tmp=""
pg_bin=""
test_pgid=""
policy_rc_created=0

cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM HUP
    if [[ "$policy_rc_created" == 1 ]]; then
        rm -f /usr/sbin/policy-rc.d
    fi
    # End whatever is left of the test run (only when interrupted, normally nothing is).
    if [[ -n "$test_pgid" ]] && kill -0 -- "-$test_pgid" 2>/dev/null; then
        kill -TERM -- "-$test_pgid" 2>/dev/null
        local i
        for i in $(seq 1 20); do
            kill -0 -- "-$test_pgid" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL -- "-$test_pgid" 2>/dev/null
    fi
    if [[ -n "$pg_tmp" && -d "$pg_tmp" ]]; then
        # Silent on purpose: the summary printed before must stay the last line of output.
        if [[ -f "$pg_tmp/data/postmaster.pid" ]]; then
            if ! as_pg "$pg_bin/pg_ctl" stop -D "$pg_tmp/data" -m fast -w -t 30 >/dev/null 2>&1; then
                as_pg "$pg_bin/pg_ctl" stop -D "$pg_tmp/data" -m immediate -w -t 10 >/dev/null 2>&1
            fi
            if [[ -f "$pg_tmp/data/postmaster.pid" ]]; then
                local pid
                pid="$(head -n1 "$pg_tmp/data/postmaster.pid" 2>/dev/null)"
                [[ "$pid" =~ ^[0-9]+$ ]] && kill -KILL "$pid" 2>/dev/null
            fi
        fi
        rm -rf "$pg_tmp"
    fi
    # Interrupted, or an unexpected error: keep the promise that the last line is the summary.
    if [[ "$summary_printed" != 1 ]]; then
        [[ "$rc" == 0 ]] && rc=1
        log "aborted (exit code $rc) before the tests completed"
        echo "0 passed, 1 failed"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Runs a command as the OS user that owns the private cluster (postgres refuses to run as root).
as_pg() {
    if [[ "$is_root" == 1 ]]; then
        (cd "$pg_tmp" && runuser -u postgres -- "$@")
    else
        (cd "$pg_tmp" && "$@")
    fi
}

find_pg_bin() {
    local d
    # Highest installed major version wins.
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -n -r); do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

# ---------------------------------------------------------------------------------------------
# 1. PostgreSQL installation
# ---------------------------------------------------------------------------------------------
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    if [[ "$is_root" != 1 ]]; then
        die "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and we are not root. Install it first, e.g.: sudo apt-get install -y postgresql"
    fi
    command -v apt-get >/dev/null || die "PostgreSQL is missing and apt-get is not available to install it."
    mkdir -p artifacts
    apt_log="$repo_root/artifacts/apt-install.log"
    log "installing PostgreSQL with apt-get (log: $apt_log)"
    # Keep the package's own cluster from being started by the maintainer scripts.
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
        policy_rc_created=1
    fi
    if ! { apt-get update && apt-get install -y --no-install-recommends postgresql; } >"$apt_log" 2>&1; then
        cat "$apt_log" >&2
        die "apt-get install postgresql failed (see output above)"
    fi
    if [[ "$policy_rc_created" == 1 ]]; then
        rm -f /usr/sbin/policy-rc.d
        policy_rc_created=0
    fi
fi
# ---------------------------------------------------------------------------------------------
# 1b. Chromium for the browser tests (Debian's package: playwright's own browser download does not
#     work here), with an emoji font so that screenshots show the reactions.
# ---------------------------------------------------------------------------------------------
chromium_bin="${COPLIVE_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium_bin" ]]; then
    if [[ "$is_root" != 1 ]]; then
        die "Chromium is not installed ($chromium_bin) and we are not root. Install it first, e.g.: sudo apt-get install -y chromium"
    fi
    command -v apt-get >/dev/null || die "Chromium is missing and apt-get is not available to install it."
    mkdir -p artifacts
    apt_log="$repo_root/artifacts/apt-install-chromium.log"
    log "installing Chromium with apt-get (log: $apt_log)"
    if ! { apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji; } >"$apt_log" 2>&1; then
        cat "$apt_log" >&2
        die "apt-get install chromium failed (see output above)"
    fi
    [[ -x "$chromium_bin" ]] || die "apt-get installed chromium but $chromium_bin is not there"
fi
command -v node >/dev/null || die "node is required (the web app's build and the browser tests)"

pg_bin="$(find_pg_bin)" || die "no usable PostgreSQL under /usr/lib/postgresql/*/bin"
if [[ "$is_root" == 1 ]] && ! id postgres >/dev/null 2>&1; then
    die "running as root but there is no 'postgres' OS user to run the private server as"
fi
command -v python3 >/dev/null || die "python3 is required (port probe and .trx parsing)"

# ---------------------------------------------------------------------------------------------
# 2. Private PostgreSQL server
# ---------------------------------------------------------------------------------------------
pg_tmp="$(mktemp -d /tmp/coplive-pg.XXXXXXXX)"
chmod 755 "$pg_tmp"
mkdir -p "$pg_tmp/data" "$pg_tmp/sock"
if [[ "$is_root" == 1 ]]; then
    chown -R postgres: "$pg_tmp"
fi
chmod 700 "$pg_tmp/data"

log "initdb ($pg_bin) in $pg_tmp/data"
if ! as_pg "$pg_bin/initdb" -D "$pg_tmp/data" -U postgres -A trust -E UTF8 --no-locale --no-sync \
        >"$pg_tmp/initdb.log" 2>&1; then
    cat "$pg_tmp/initdb.log" >&2
    die "initdb failed"
fi

# First port >= $1 that nothing listens on / that we can bind on 127.0.0.1.
free_port() {
    python3 - "$1" <<'EOF'
import socket, sys
start = int(sys.argv[1])
for port in range(start, start + 2000):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    sys.exit(0)
sys.exit(1)
EOF
}

port=""
next=54329
for attempt in 1 2 3 4 5; do
    candidate="$(free_port "$next")" || die "no free TCP port found on 127.0.0.1"
    if as_pg "$pg_bin/pg_ctl" start -D "$pg_tmp/data" -l "$pg_tmp/postgres.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $candidate -k $pg_tmp/sock -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            >"$pg_tmp/pg_ctl.log" 2>&1; then
        port="$candidate"
        break
    fi
    log "PostgreSQL did not start on port $candidate (attempt $attempt), retrying"
    next=$((candidate + 1))
done
if [[ -z "$port" ]]; then
    cat "$pg_tmp/pg_ctl.log" "$pg_tmp/postgres.log" >&2 2>/dev/null || true
    die "could not start the private PostgreSQL server"
fi

ready=0
for _ in $(seq 1 60); do
    if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
        ready=1
        break
    fi
    sleep 0.5
done
if [[ "$ready" != 1 ]]; then
    cat "$pg_tmp/postgres.log" >&2 2>/dev/null || true
    die "private PostgreSQL on port $port never became ready"
fi
log "private PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port"

export COPLIVE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"

# ---------------------------------------------------------------------------------------------
# 3. Build and test
# ---------------------------------------------------------------------------------------------
[[ -f "$solution" ]] || die "solution not found: $solution (cwd $repo_root)"

results_dir="$repo_root/artifacts/test-results/$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$results_dir"

log "dotnet build $solution -c Release"
if ! dotnet build "$solution" -c Release; then
    log "build failed"
    summary_printed=1
    echo "0 passed, 1 failed"
    exit 1
fi

log "dotnet test $solution (results: ${results_dir#"$repo_root"/})"
# Run in the background, in its own process group, and `wait` for it: a trapped signal then
# interrupts the wait at once (bash defers traps while a foreground child runs), and the
# cleanup can end the whole test process tree (dotnet, testhosts, blame collector).
test_rc=0
# -m:1 runs the test projects one after another: on a 2-core machine, four test hosts at once (cluster nodes,
# V8 engines) starve each other, and timing-sensitive cluster behaviour (failure detection) then tests the
# machine rather than the code.
setsid dotnet test "$solution" -c Release --no-build -m:1 \
    --logger "trx" --results-directory "$results_dir" \
    --blame-hang-timeout 10m "$@" &
test_pgid=$!
wait "$test_pgid" || test_rc=$?

# ---------------------------------------------------------------------------------------------
# 4. Summary (last line: `N passed, N failed`)
# ---------------------------------------------------------------------------------------------
summary="$(python3 - "$results_dir" "$test_rc" <<'EOF'
import glob, os, sys
import xml.etree.ElementTree as ET

results_dir, test_rc = sys.argv[1], int(sys.argv[2])
files = sorted(glob.glob(os.path.join(results_dir, "**", "*.trx"), recursive=True))
passed = failed = 0
failed_names = []
notes = []

def local(tag):
    return tag.rsplit("}", 1)[-1]

for path in files:
    try:
        root = ET.parse(path).getroot()
    except Exception as e:  # truncated/corrupt file (e.g. crashed test host)
        notes.append(f"could not parse {os.path.basename(path)}: {e}")
        failed += 1
        continue
    for el in root.iter():
        name = local(el.tag)
        if name == "Counters":
            a = el.attrib
            passed += int(a.get("passed", 0))
            failed += sum(int(a.get(k, 0)) for k in ("failed", "error", "timeout", "aborted"))
        elif name == "UnitTestResult" and el.attrib.get("outcome") in ("Failed", "Error", "Timeout", "Aborted"):
            failed_names.append(el.attrib.get("testName", "?"))

if not files:
    notes.append("no .trx results were produced")
    passed, failed = 0, 1
elif test_rc != 0 and failed == 0:
    notes.append(f"dotnet test exited with code {test_rc} although no test failed (test host crash/hang, or no tests matched?)")
    failed = 1

for n in notes:
    print(f"NOTE: {n}")
if failed_names:
    print("Failed tests:")
    for n in failed_names:
        print(f"  - {n}")
print(f"{passed} passed, {failed} failed")
EOF
)" || summary="0 passed, 1 failed"

summary_printed=1
echo
echo "$summary"

last="$(tail -n1 <<<"$summary")"
n_passed="${last%% passed,*}"
n_failed="${last#*passed, }"
n_failed="${n_failed%% failed}"
if [[ "$test_rc" == 0 && "$n_passed" =~ ^[0-9]+$ && "$n_passed" -gt 0 && "$n_failed" == "0" ]]; then
    exit 0
fi
exit 1
