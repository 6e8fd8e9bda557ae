#!/usr/bin/env bash
# Pathway's benchmarks, results in docs/performance.md:
#
#   ./bench.sh [interpreter|budget|replay|postgres|designer|all]     (default: all)
#
# interpreter: BenchmarkDotNet on the 10-activity sequence run in memory.
# budget:      BenchmarkDotNet on the worst a stimulus can cost: definitions that spend the whole step budget.
# replay:      a draft tried on 1,000 recorded files in memory, both sides of each file (target: under 10 s).
# postgres:    the same files committed on PostgreSQL, as a ratio to raw single-row INSERT commits measured in
#              the same run. Unless PATHWAY_BENCH_POSTGRES names a server (superuser connection string), a
#              private throw-away one is started on a free loopback port (scripts/test-servers.sh) with its
#              default settings, fsync on: nothing is tuned to flatter the ratio. It is stopped whatever happens.
# designer:    the designer opening a generated 200-activity definition in headless Chromium (/usr/bin/chromium or
#              PATHWAY_CHROMIUM), against the host built in Release and started on a free loopback port.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
. scripts/test-servers.sh
die() { printf 'bench.sh: %s\n' "$*" >&2; exit 1; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

what=${1:-all}
case $what in
  interpreter | budget | replay | postgres | designer | all) ;;
  *) echo "usage: ./bench.sh [interpreter|budget|replay|postgres|designer|all]" >&2; exit 2 ;;
esac

cleanup_on_exit stop_servers

command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"

log "dotnet build tests/Pathway.Benchmarks -c Release"
dotnet build tests/Pathway.Benchmarks -c Release -v quiet -nologo >/dev/null
bench() { dotnet run -c Release --no-build --project tests/Pathway.Benchmarks -- "$@"; }

if [[ $what == interpreter || $what == all ]]; then
  log "benchmark: interpreter"
  bench interpreter
fi

if [[ $what == budget || $what == all ]]; then
  log "benchmark: budget"
  bench budget
fi

if [[ $what == replay || $what == all ]]; then
  log "benchmark: replay"
  bench replay
fi

if [[ $what == postgres || $what == all ]]; then
  if [[ -n ${PATHWAY_BENCH_POSTGRES:-} ]]; then
    log "postgresql: using PATHWAY_BENCH_POSTGRES"
  else
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null ||
      die "no PostgreSQL server: install the Debian package postgresql, or set PATHWAY_BENCH_POSTGRES"
    servers_init
    start_postgres
    export PATHWAY_BENCH_POSTGRES=$PATHWAY_TEST_POSTGRES
  fi
  log "benchmark: postgres"
  bench postgres
fi

if [[ $what == designer || $what == all ]]; then
  log "dotnet build src/Host -c Release (and the web app)"
  dotnet build src/Host -c Release -v quiet -nologo >/dev/null
  log "benchmark: designer"
  bench designer
fi
