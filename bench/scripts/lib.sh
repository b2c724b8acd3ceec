# The hand-run listing benchmarks' common part: a Release gateway on embedded SQLite in a temporary folder, a token,
# and curl timings. Sourced by thread-listing.sh and document-listing.sh after they set `url` (a loopback address).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=$(mktemp -d)
pid=

stop() { if [[ -n "$pid" ]]; then kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi; }
trap 'stop; rm -rf "$data"' EXIT

# Starts the gateway on the file in $data (the same file on each start) and waits until /ready answers.
start() {
  # From its project folder, so that it finds appsettings.Development.json (the development sign-in).
  (cd "$root/src/Gateway" && ASPNETCORE_ENVIRONMENT=Development CoPLive__Orleans__SqlitePath="$data/coplive.db" \
    exec dotnet bin/Release/net10.0/CoPLive.Gateway.dll --urls "$url") > "$data/gateway.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -sf "$url/ready" > /dev/null && return 0
    sleep 0.5
  done
  echo "the gateway did not get ready; the end of its log:" >&2
  tail -20 "$data/gateway.log" >&2
  exit 1
}

# Alice's development token and a new community: sets `token` and `community`.
sign_in_and_create_community() {
  token=$(curl -sf -X POST "$url/api/dev/token" -H 'Content-Type: application/json' \
    -d '{"userId":"alice","displayName":"Alice","organizationId":"northwind"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
  community=$(curl -sf -X POST "$url/api/communities" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"Listing bench","domain":"benchmarks"}' | sed -E 's/.*"id":"([^"]+)".*/\1/')
}

# curl's total time of a GET of $1, in seconds.
timed_get() {
  curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url$1"
}

# p50 and max in ms of the times (seconds) on stdin.
summary() { sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "p50 %.1f ms, max %.1f ms (%d)\n", v[int((NR + 1) / 2)], v[NR], NR }'; }

(cd "$root" && dotnet build -c Release src/Gateway -v q -nologo > /dev/null)
