#!/usr/bin/env bash
# Runs TeamsLearningBot locally: Azurite (table + queue), the bot on http://localhost:3978 and the
# Microsoft 365 Agents Playground (a local Teams) on http://localhost:56150. Ctrl-C stops all three.
# Logs: .data/logs/*.log. Storage: .data/azurite (kept between runs; delete it to start over).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

BOT_PORT=3978
PLAYGROUND_PORT=56150
# UseDevelopmentStorage=true always means these two ports.
TABLE_PORT=10002
QUEUE_PORT=10001
DATA="$ROOT/.data"
LOGS="$DATA/logs"

if [[ -t 1 ]]; then BOLD=$'\033[1m' RED=$'\033[31m' RESET=$'\033[0m'; else BOLD="" RED="" RESET=""; fi
say() { printf '%s==>%s %s\n' "$BOLD" "$RESET" "$*"; }
die() { printf '%serror:%s %s\n' "$RED" "$RESET" "$*" >&2; exit 1; }

for tool in node npm dotnet curl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (needed: Node.js 20+, the .NET 10 SDK, curl)."
done

# --- Processes this script started (process group ids), stopped on exit --------------------------
PIDS=()
NAMES=()
stopping=0

cleanup() {
  [[ $stopping == 1 ]] && return
  stopping=1
  trap - INT TERM
  ((${#PIDS[@]})) || return 0
  say "Stopping ${NAMES[*]}"
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM -- "-${PIDS[i]}" 2>/dev/null || true
  done
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${PIDS[@]}"; do
      kill -0 -- "-$pid" 2>/dev/null && alive=1
    done
    ((alive)) || return 0
    sleep 0.2
  done
  for pid in "${PIDS[@]}"; do
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start NAME LOGFILE COMMAND... — runs COMMAND in its own process group so that stopping it also
# stops its children (dotnet run starts the app as a child process).
start() {
  local name=$1 log=$2
  shift 2
  set -m
  "$@" >"$log" 2>&1 &
  local pid=$!
  set +m
  PIDS+=("$pid")
  NAMES+=("$name")
  LAST_PID=$pid
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

server_header() { curl -s -m 2 -D - -o /dev/null "http://127.0.0.1:$1/" 2>/dev/null | tr -d '\r' | sed -n 's/^[Ss]erver: //p'; }

wait_for_port() {
  local name=$1 port=$2 pid=$3 log=$4
  for _ in $(seq 1 150); do
    listening "$port" && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$log" >&2; die "$name exited while starting (log: $log)."; }
    sleep 0.2
  done
  die "$name did not listen on port $port within 30 s (log: $log)."
}

# Storage ports may already be served by an Azurite of your own (it is then used as it is).
check_storage_port() {
  local service=$1 port=$2 server
  listening "$port" || return 0
  server="$(server_header "$port")"
  [[ $server == Azurite-* ]] && return 0
  die "Port $port (Azurite $service) is taken by another program${server:+ ($server)}. Stop it, then run again."
}

check_free_port() {
  listening "$1" && die "Port $1 ($2) is taken (is run.sh already running?). Stop the program using it, then run again."
  return 0
}

# --- Ports: all checked before spending time on a build --------------------------------------------
check_storage_port table "$TABLE_PORT"
check_storage_port queue "$QUEUE_PORT"
check_free_port "$BOT_PORT" "the bot"
# The Playground silently takes another port when its own is busy; refuse instead, so the URL is right.
check_free_port "$PLAYGROUND_PORT" "Agents Playground"

# --- Install and build -----------------------------------------------------------------------------
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "Installing Node tools (npm ci)"
  npm ci --no-audit --no-fund
fi

say "Building the bot"
dotnet build src/TeamsLearningBot --nologo -v quiet

mkdir -p "$DATA/azurite" "$LOGS"

# --- Azurite ---------------------------------------------------------------------------------------
start_azurite() {
  local service=$1 port=$2
  local log="$LOGS/azurite-$service.log"
  check_storage_port "$service" "$port"
  if listening "$port"; then
    say "Azurite $service: already running on port $port ($(server_header "$port")), using it"
    return
  fi
  start "azurite-$service" "$log" node node_modules/azurite/dist/src/"$service"/main.js \
    --"$service"Host 127.0.0.1 --"$service"Port "$port" --location "$DATA/azurite" \
    --skipApiVersionCheck --disableTelemetry
  wait_for_port "Azurite $service" "$port" "$LAST_PID" "$log"
  say "Azurite $service: http://127.0.0.1:$port (data in .data/azurite)"
}
start_azurite table "$TABLE_PORT"
start_azurite queue "$QUEUE_PORT"

# --- The bot ---------------------------------------------------------------------------------------
check_free_port "$BOT_PORT" "the bot"
BOT_LOG="$LOGS/bot.log"
ASPNETCORE_ENVIRONMENT=Development start bot "$BOT_LOG" \
  dotnet run --no-build --no-launch-profile --project src/TeamsLearningBot --urls "http://localhost:$BOT_PORT"
BOT_PID=$LAST_PID
say "Starting the bot (log: .data/logs/bot.log)"
for i in $(seq 1 300); do
  status="$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://localhost:$BOT_PORT/healthz" || true)"
  [[ $status == 200 ]] && break
  kill -0 "$BOT_PID" 2>/dev/null || { tail -n 30 "$BOT_LOG" >&2; die "The bot exited while starting (log: $BOT_LOG)."; }
  ((i < 300)) || die "The bot did not become healthy within 60 s (GET /healthz: ${status:-no answer}; log: $BOT_LOG)."
  sleep 0.2
done
say "Bot: http://localhost:$BOT_PORT/api/messages (healthy)"

# --- The Playground --------------------------------------------------------------------------------
check_free_port "$PLAYGROUND_PORT" "Agents Playground"
PLAYGROUND_LOG="$LOGS/playground.log"
TEAMSAPPTESTER_BROWSER=none \
  M365_AGENTS_PLAYGROUND_CONFIG_PATH="$ROOT/.m365agentsplayground.yml" \
  M365_AGENTS_PLAYGROUND_LOGFILE="$LOGS/playground-details.log" \
  start playground "$PLAYGROUND_LOG" node node_modules/.bin/agentsplayground \
  -e "http://127.0.0.1:$BOT_PORT/api/messages" -c msteams -p "$PLAYGROUND_PORT" --disable-telemetry
PLAYGROUND_PID=$LAST_PID
actual_port=""
for _ in $(seq 1 150); do
  actual_port="$(sed -n 's/^Listening on \([0-9]*\).*/\1/p' "$PLAYGROUND_LOG" | head -n 1)"
  [[ -n $actual_port ]] && break
  kill -0 "$PLAYGROUND_PID" 2>/dev/null || { tail -n 20 "$PLAYGROUND_LOG" >&2; die "The Playground exited while starting (log: $PLAYGROUND_LOG)."; }
  sleep 0.2
done
[[ -n $actual_port ]] || die "The Playground did not start within 30 s (log: $PLAYGROUND_LOG)."
[[ $actual_port == "$PLAYGROUND_PORT" ]] || die "The Playground took port $actual_port instead of $PLAYGROUND_PORT."

# The tab pages with the development sign-in (Development only) as the Playground's current user,
# who installed the bot in the team and so is its facilitator.
yml="$ROOT/.m365agentsplayground.yml"
tenant="$(sed -n 's/^tenantId: *//p' "$yml" | head -n 1)"
team="$(sed -n '/^team:/,/^[a-z]/s/^  id: *//p' "$yml" | head -n 1)"
user="$(sed -n '/^currentUser:/,/^[a-z]/s/^  aadObjectId: *//p' "$yml" | head -n 1)"
urlencode() { local s=$1 out="" c i; for ((i = 0; i < ${#s}; i++)); do c=${s:i:1}; case $c in [a-zA-Z0-9.~_-]) out+=$c ;; *) printf -v c '%%%02X' "'$c"; out+=$c ;; esac; done; printf '%s' "$out"; }
SIGN_IN="tenant=$(urlencode "$tenant")&user=$(urlencode "$user")"
TAB_URL="http://localhost:$BOT_PORT/tab/insights.html?team=$(urlencode "$team")&$SIGN_IN"
ME_URL="http://localhost:$BOT_PORT/tab/me.html?$SIGN_IN"

cat <<EOF

  TeamsLearningBot is running.

  The Insights tab (development sign-in as the Playground's current user; add &theme=dark or
  &theme=contrast for the other themes):
    Team tab:     $TAB_URL
    My learning:  $ME_URL

  Open the Playground:  http://localhost:$PLAYGROUND_PORT
    - Personal chat: type "help".
    - Team "Learning Lab": pick a channel and type "@TeamsLearningBot help" (choose the bot from
      the @ list so it becomes a mention).

  Logs (.data/logs/):   bot.log, playground.log, playground-details.log, azurite-*.log
  Storage:              .data/azurite (delete it for a clean start)

  Press Ctrl-C to stop.

EOF

# Stay up until Ctrl-C; stop everything if one of the programs dies.
while sleep 1; do
  for i in "${!PIDS[@]}"; do
    if ! kill -0 "${PIDS[i]}" 2>/dev/null; then
      die "${NAMES[i]} stopped unexpectedly; see .data/logs/."
    fi
  done
done
