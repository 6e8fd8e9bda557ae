#!/usr/bin/env bash
# The one command that runs Pathway's whole test suite:
#
#   ./test.sh [extra dotnet test arguments, e.g. --filter Name~Journal]
#
# Tests need PostgreSQL, RabbitMQ and Chromium. Unless PATHWAY_TEST_POSTGRES / PATHWAY_TEST_RABBITMQ
# already point at servers you run, private throw-away ones are started on free loopback ports
# (scripts/test-servers.sh) and stopped whatever happens. The last line of output is the summary.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
. scripts/test-servers.sh
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# The summary is computed from dotnet test's English closing lines.
export DOTNET_CLI_UI_LANGUAGE=en

POLICY=/usr/sbin/policy-rc.d POLICY_SAVED="" POLICY_OURS=""
restore_policy() {
  [[ -n $POLICY_OURS ]] || return 0
  if [[ -n $POLICY_SAVED ]]; then mv -f "$POLICY_SAVED" "$POLICY"; else rm -f "$POLICY"; fi
  POLICY_OURS=""
}
clean_up() {
  restore_policy
  stop_servers
}
cleanup_on_exit clean_up

command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"

servers_init

# ---------------------------------------------------------------- dependencies
t=$(now_ms)
missing=()
if [[ -z ${PATHWAY_TEST_POSTGRES:-} ]] && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  missing+=(postgresql)
fi
if [[ -z ${PATHWAY_TEST_RABBITMQ:-} && -z $(rabbit_sbin) ]]; then missing+=(rabbitmq-server); fi
if [[ -z ${PATHWAY_CHROMIUM:-} && ! -x /usr/bin/chromium ]]; then missing+=(chromium); fi

if ((${#missing[@]})); then
  if ! is_root; then
    {
      echo "test.sh: missing: ${missing[*]}"
      echo "Either install the Debian packages:"
      echo "    sudo apt-get install -y --no-install-recommends ${missing[*]}"
      echo "or point the tests at what you already run:"
      for pkg in "${missing[@]}"; do
        case $pkg in
          postgresql) echo "    export PATHWAY_TEST_POSTGRES='Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=postgres'" ;;
          rabbitmq-server)
            echo "    export PATHWAY_TEST_RABBITMQ='amqp://ADMIN:PASSWORD@127.0.0.1:5672/'"
            echo "    export PATHWAY_TEST_RABBITMQ_MANAGEMENT='http://127.0.0.1:15672/'   # same administrator" ;;
          chromium) echo "    export PATHWAY_CHROMIUM=/path/to/chromium" ;;
        esac
      done
    } >&2
    exit 1
  fi
  command -v apt-get >/dev/null || die "missing ${missing[*]}, and no apt-get to install them"
  # Package postinst scripts start system-wide services; a policy-rc.d answering 101 forbids that.
  # Any policy-rc.d already there is put back afterwards.
  if [[ -e $POLICY ]]; then
    POLICY_SAVED=$(mktemp "$POLICY.pathway.XXXXXX")
    cp -p "$POLICY" "$POLICY_SAVED"
  fi
  POLICY_OURS=1
  printf '#!/bin/sh\nexit 101\n' >"$POLICY"
  chmod 755 "$POLICY"
  apt_get() { DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 "$@"; }
  log "apt-get update"
  apt_get update >>"$TMP/apt.log" 2>&1 || { show_log "$TMP/apt.log"; die "apt-get update failed"; }
  for pkg in "${missing[@]}"; do
    log "installing $pkg"
    apt_get install -y --no-install-recommends "$pkg" >>"$TMP/apt.log" 2>&1 ||
      { show_log "$TMP/apt.log"; die "installing $pkg failed"; }
  done
  restore_policy
  log "installed ${missing[*]} ($(secs "$t"))"
  timed install "$t"
fi

# ---------------------------------------------------------------- servers
if [[ -n ${PATHWAY_TEST_POSTGRES:-} ]]; then log "postgresql: using PATHWAY_TEST_POSTGRES"; else start_postgres; fi
if [[ -n ${PATHWAY_TEST_RABBITMQ:-} ]]; then log "rabbitmq: using PATHWAY_TEST_RABBITMQ"; else start_rabbitmq; fi
export PATHWAY_CHROMIUM=${PATHWAY_CHROMIUM:-/usr/bin/chromium}

# ---------------------------------------------------------------- tests
log "dotnet test Pathway.sln -c Release${*:+ $*}"
t=$(now_ms)
set +e
dotnet test Pathway.sln -c Release "$@" 2>&1 | tee "$TMP/dotnet-test.log"
rc=${PIPESTATUS[0]}
set -e
log "dotnet test exited with $rc ($(secs "$t"))"
timed tests "$t"

# One closing line per test assembly, e.g.
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 54 ms - X.dll (net10.0)
passed=0 failed=0 skipped=0 total=0
re='Failed: *([0-9]+), *Passed: *([0-9]+), *Skipped: *([0-9]+), *Total: *([0-9]+)'
while IFS= read -r line; do
  [[ $line =~ $re ]] || continue
  failed=$((failed + BASH_REMATCH[1])) passed=$((passed + BASH_REMATCH[2]))
  skipped=$((skipped + BASH_REMATCH[3])) total=$((total + BASH_REMATCH[4]))
done < <(grep -E '^[[:space:]]*(Passed|Failed)!' "$TMP/dotnet-test.log" || true)

# Servers go down before the summary, so that the summary is the closing line.
stop_servers
log "timings: $(printf '%s, ' "${TIMINGS[@]}" | sed 's/, $//')"
if ((total == 0)); then
  echo "tests: no test ran (dotnet test exit code $rc)"
  exit $((rc == 0 ? 1 : rc))
fi
summary="tests: $passed passed, $failed failed"
if ((skipped)); then summary+=", $skipped skipped"; fi
# A project that did not build (or a test host that crashed) has no closing line: say so rather than look green.
if ((rc != 0 && failed == 0)); then summary+=" (dotnet test exit code $rc: a build error or a crashed test run, see above)"; fi
echo "$summary"
exit "$rc"
