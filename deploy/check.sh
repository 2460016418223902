#!/usr/bin/env bash
# Compiles and lints the Bicep offline. Fails on any error or warning.
# The Bicep CLI comes from the NuGet package pinned in deploy/tools/bicep.proj.
set -euo pipefail
cd "$(dirname "$0")/.."

BICEP_VERSION=0.49.2
dotnet restore deploy/tools/bicep.proj --nologo --verbosity quiet

packages=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
bicep="${packages%/}/azure.bicep.commandline.linux-x64/${BICEP_VERSION}/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "check.sh: Bicep CLI not found at $bicep after restore" >&2
  exit 1
fi
[[ -x "$bicep" ]] || chmod +x "$bicep"
"$bicep" --version

status=0
# Runs one bicep command; fails when it exits non-zero or reports any Warning/Error diagnostic.
run() {
  local out rc=0
  out=$("$bicep" "$@" 2>&1 >/dev/null) || rc=$?
  if [[ -n "$out" ]]; then printf '%s\n' "$out" >&2; fi
  if (( rc != 0 )) || grep -Eq ': (Warning|Error) ' <<<"$out"; then
    echo "FAIL  bicep $*" >&2
    status=1
  else
    echo "ok    bicep $*"
  fi
}

# main.bicepparam reads the pseudonym secret from the environment; the offline check needs only a stand-in of the right length.
export PSEUDONYM_SECRET="${PSEUDONYM_SECRET:-check-only-stand-in-never-deployed-0123456789}"
export EXPORT_SIGNING_KEY="${EXPORT_SIGNING_KEY:-Y2hlY2stb25seS1zdGFuZC1pbi1uZXZlci1kZXBsb3llZA==}"
run build deploy/main.bicep --stdout
run lint deploy/main.bicep
run build-params deploy/main.bicepparam --stdout
run lint deploy/main.bicepparam
exit $status
