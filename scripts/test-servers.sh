# shellcheck shell=bash
# Private, throw-away PostgreSQL and RabbitMQ servers for the test suite. Sourced by ../test.sh,
# which calls servers_init, start_postgres, start_rabbitmq and (always, from its EXIT trap)
# stop_servers. Everything binds 127.0.0.1 and lives under one temporary directory, $TMP.

log() { printf '==> %s\n' "$*"; }
die() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
secs() { local ms=$(( $(now_ms) - $1 )); printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }
TIMINGS=()
timed() { TIMINGS+=("$1 $(secs "$2")"); }
# Not `tr </dev/urandom | head`: under pipefail, tr's SIGPIPE would fail the script.
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }
is_root() { [[ $(id -u) -eq 0 ]]; }
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
# The /usr/sbin wrappers switch to the rabbitmq user; these scripts run as whoever calls them.
rabbit_sbin() { ls -d /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin 2>/dev/null | sort -V | tail -n 1; }

TMP="" PG_DATA="" RMQ_DIR="" RMQ_PID="" RMQ_PIDFILE="" EPMD_PORT="" PICKED=" " SERVERS_STOPPED=""

servers_init() {
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/pathway-test.XXXXXX")
  # The postgres user must be able to reach its own directory inside.
  chmod 711 "$TMP"
}

# initdb refuses to run as root, and the server must own its data directory.
as_pg() { if is_root; then (cd "$TMP" && runuser -u postgres -- "$@"); else "$@"; fi; }

# cleanup_on_exit FUNCTION: runs FUNCTION whatever ends the script, keeping its exit code; INT, TERM and
# HUP become ordinary exits so that it runs on Ctrl-C and kill too.
CLEANUP=""
cleanup_on_exit() {
  CLEANUP=$1
  trap run_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}
run_cleanup() {
  local rc=$?
  trap '' INT TERM HUP
  set +e
  "$CLEANUP"
  exit "$rc"
}

show_log() { printf -- '---- tail of %s\n' "$1" >&2; tail -n "${2:-40}" "$1" >&2 2>/dev/null || true; }

# Free ports come from 20000-31999: below Linux's ephemeral range (so outgoing connections do not
# take them) and clear of the RabbitMQ CLI's own 35672-35682. /proc/net/tcp needs no extra tool.
pick_port() {
  local used=" " sl addr _ p
  while read -r sl addr _; do
    [[ $addr == *:* && $sl == *: ]] && used+="$((16#${addr##*:})) "
  done < <(cat /proc/net/tcp /proc/net/tcp6 2>/dev/null)
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 12000))
    if [[ $used != *" $p "* && $PICKED != *" $p "* ]]; then PICKED+="$p "; echo "$p"; return; fi
  done
  die "no free TCP port found"
}

start_postgres() {
  local t bin port; t=$(now_ms); bin=$(pg_bindir); port=$(pick_port)
  mkdir -p "$TMP/pg"
  if is_root; then chown postgres: "$TMP/pg"; fi
  PG_DATA=$TMP/pg/data
  # C.UTF-8 exists on every Debian; the caller's LANG may name a locale that is not generated.
  as_pg "$bin/initdb" -D "$PG_DATA" --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 \
    >"$TMP/pg/initdb.log" 2>&1 || { show_log "$TMP/pg/initdb.log"; die "initdb failed"; }
  if ! as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$TMP/pg/postgresql.log" -w -t 60 \
      -o "-p $port -k $PG_DATA -c listen_addresses=127.0.0.1" start >/dev/null; then
    show_log "$TMP/pg/postgresql.log"; die "postgresql did not start within 60 s"
  fi
  # pg_ctl -w checks the socket; the tests connect over TCP.
  local deadline=$((SECONDS + 30))
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; do
    if ((SECONDS >= deadline)); then
      show_log "$TMP/pg/postgresql.log"; die "postgresql accepts no TCP connection on 127.0.0.1:$port after 30 s"
    fi
    sleep 0.2
  done
  export PATHWAY_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  log "postgresql ready on 127.0.0.1:$port ($(secs "$t"))"
  timed postgresql "$t"
}

start_rabbitmq() {
  local t sbin dir amqp dist mgmt node password; t=$(now_ms); sbin=$(rabbit_sbin)
  dir=$TMP/rabbitmq RMQ_DIR=$TMP/rabbitmq
  amqp=$(pick_port); dist=$(pick_port); EPMD_PORT=$(pick_port); mgmt=$(pick_port)
  node=pathway-test-$amqp@localhost
  RMQ_PIDFILE=$dir/mnesia/$node.pid
  mkdir -p "$dir"/{home,mnesia,log,bin}
  chmod 700 "$dir"
  # Written up front so that the server and the CLI polling it never race to create the cookie.
  random_hex 20 >"$dir/home/.erlang.cookie"
  chmod 400 "$dir/home/.erlang.cookie"
  : >"$dir/rabbitmq-env.conf"
  echo '[rabbitmq_management].' >"$dir/enabled_plugins"
  printf 'management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = %s\n' "$mgmt" >"$dir/rabbitmq.conf"
  # Every per-node setting in one file, read by the server and by the CLI wrappers below, so that
  # nothing falls back to the system node's /etc/rabbitmq, /var/lib/rabbitmq or epmd on 4369.
  # ERL_EPMD_ADDRESS matters: any CLI call that finds no epmd starts one, on all interfaces otherwise.
  local loopback='-kernel inet_dist_use_interface {127,0,0,1}'
  {
    printf 'export HOME=%q\n' "$dir/home"
    printf 'export RABBITMQ_NODENAME=%q\n' "$node"
    printf 'export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=%q RABBITMQ_DIST_PORT=%q\n' "$amqp" "$dist"
    printf 'export ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=%q\n' "$EPMD_PORT"
    printf 'export RABBITMQ_MNESIA_BASE=%q RABBITMQ_LOG_BASE=%q\n' "$dir/mnesia" "$dir/log"
    printf 'export RABBITMQ_PID_FILE=%q\n' "$RMQ_PIDFILE"
    printf 'export RABBITMQ_CONFIG_FILE=%q RABBITMQ_ADVANCED_CONFIG_FILE=%q\n' "$dir/rabbitmq.conf" "$dir/advanced.config"
    printf 'export RABBITMQ_ENABLED_PLUGINS_FILE=%q RABBITMQ_CONF_ENV_FILE=%q\n' "$dir/enabled_plugins" "$dir/rabbitmq-env.conf"
    printf 'export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=%q RABBITMQ_CTL_ERL_ARGS=%q\n' "$loopback" "$loopback"
  } >"$dir/node.env"
  # Wrappers let tests run the CLI against this node without changing their own HOME (which
  # would also move dotnet's NuGet cache).
  local tool
  for tool in rabbitmqctl rabbitmq-diagnostics rabbitmq-plugins; do
    printf '#!/usr/bin/env bash\n. %q\nexec %q -n "$RABBITMQ_NODENAME" "$@"\n' "$dir/node.env" "$sbin/$tool" >"$dir/bin/$tool"
    chmod 755 "$dir/bin/$tool"
  done
  # setsid: a Ctrl-C must reach only this script, which then stops the node in order.
  (. "$dir/node.env" && exec setsid "$sbin/rabbitmq-server" >"$dir/log/stdout.log" 2>&1 </dev/null) &
  RMQ_PID=$!
  # check_port_connectivity passes once the AMQP and management listeners both accept.
  local deadline=$((SECONDS + 120))
  until "$dir/bin/rabbitmq-diagnostics" -q check_port_connectivity >/dev/null 2>&1; do
    if ! kill -0 "$RMQ_PID" 2>/dev/null || ((SECONDS >= deadline)); then
      show_log "$dir/log/stdout.log"; show_log "$dir/log/$node.log"
      die "rabbitmq node $node did not become ready within 120 s"
    fi
    sleep 1
  done
  password=$(random_hex 16)
  local ctl=$dir/bin/rabbitmqctl
  "$ctl" -q add_user pathway-admin "$password" >/dev/null
  "$ctl" -q set_user_tags pathway-admin administrator >/dev/null
  "$ctl" -q set_permissions -p / pathway-admin '.*' '.*' '.*' >/dev/null
  "$ctl" -q delete_user guest >/dev/null
  export PATHWAY_TEST_RABBITMQ="amqp://pathway-admin:$password@127.0.0.1:$amqp/"
  export PATHWAY_TEST_RABBITMQ_MANAGEMENT="http://127.0.0.1:$mgmt/"
  export PATHWAY_TEST_RABBITMQCTL=$ctl PATHWAY_TEST_RABBITMQ_NODE=$node
  # For a test that runs the real scripts in $sbin instead of the wrapper.
  export PATHWAY_TEST_RABBITMQ_HOME=$dir/home ERL_EPMD_PORT=$EPMD_PORT
  log "rabbitmq ready on 127.0.0.1:$amqp, management on 127.0.0.1:$mgmt, node $node ($(secs "$t"))"
  timed rabbitmq "$t"
}

# Idempotent and best effort: called once explicitly and again by the EXIT trap; a server that is
# already gone must not keep the rest from being cleaned up.
stop_servers() {
  [[ -n $TMP && -z $SERVERS_STOPPED ]] || return 0
  SERVERS_STOPPED=1
  local t errexit=${-//[^e]/}; t=$(now_ms)
  set +e
  if [[ -n $RMQ_DIR ]]; then
    log "stopping rabbitmq"
    if ! timeout 60 "$RMQ_DIR/bin/rabbitmqctl" -q stop "$RMQ_PIDFILE" >/dev/null 2>&1; then
      [[ -s $RMQ_PIDFILE ]] && kill -KILL "$(cat "$RMQ_PIDFILE")" 2>/dev/null
      kill -KILL "$RMQ_PID" 2>/dev/null
    fi
    # epmd outlives the node; this one was started for this run only, on its own port.
    epmd -port "$EPMD_PORT" -kill >/dev/null 2>&1
  fi
  if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
    log "stopping postgresql"
    as_pg "$(pg_bindir)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 ||
      kill -KILL "$(head -n 1 "$PG_DATA/postmaster.pid")" 2>/dev/null
  fi
  rm -rf "$TMP"
  timed teardown "$t"
  [[ -z $errexit ]] || set -e
}
