#!/usr/bin/env bash
# Connector faults for minutes: the ConnectorFaultTests and ConnectorFaultReplyTests of the test
# suite with each fault (429 storm with Retry-After, 500s, answers that never come in time, slow
# answers) held for FAULT_SECONDS (default 300) instead of the suite's 3 s. Each case prints the
# post attempts made during the fault, the largest drops queue seen, the managed heap and the
# outcome; the asserts are the suite's (queue bounded, nothing posted twice, every channel and
# every echo delivered once Teams is back).
#
#   bench/ConnectorFaults/run.sh            # 5 minutes per fault
#   FAULT_SECONDS=60 bench/ConnectorFaults/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/TeamsLearningBot.Tests -c Release -v q -nologo
export DOTNET_USE_POLLING_FILE_WATCHER=1
export CONNECTOR_FAULT_SECONDS="${FAULT_SECONDS:-300}"
log="$(mktemp -t connector-faults.XXXXXX.log)"
uptime
# The whole run (the app's log included) goes to the log; its summary lines are printed after, so a
# run that fails before any case (or matches none) still says so and where to look.
status=0
tests/TeamsLearningBot.Tests/bin/Release/net10.0/TeamsLearningBot.Tests \
  -class '*ConnectorFaultTests*' -class '*ConnectorFaultReplyTests*' -showLiveOutput -parallel none -noColor \
  >"$log" 2>&1 || status=$?
grep -E 'for [0-9.]+ s:|\[FAIL\]|Total:' "$log" || echo "no case ran: see the log"
uptime
echo "runner exit code $status; full output in $log"
exit "$status"
