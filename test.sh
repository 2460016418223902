#!/usr/bin/env bash
# Runs every check and test of TeamsLearningBot. Installs what it needs first: the npm tools
# (Azurite, the Agents Playground, the manifest validator) and the NuGet packages.
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n== %s\n' "$*"; }

step "npm ci"
npm ci --no-audit --no-fund --loglevel=error

step "dotnet restore"
dotnet restore TeamsLearningBot.sln

step "dotnet build (warnings are errors)"
dotnet build TeamsLearningBot.sln --no-restore --configuration Release

step "dotnet format --verify-no-changes"
dotnet format TeamsLearningBot.sln --verify-no-changes --no-restore

# The tab's browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
if [ ! -x /usr/bin/chromium ]; then
  step "apt-get install chromium (for the tab's browser tests)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-color-emoji
fi

step "dotnet test (unit, storage on Azurite, integration, end-to-end with the Agents Playground and Chromium)"
dotnet test --solution TeamsLearningBot.sln --no-build --configuration Release

if [ -d manifest/tests ]; then
  step "Teams app package: build, validate, tests"
  npm run --silent test:manifest
fi

if [ -f deploy/check.sh ]; then
  step "Bicep build and lint"
  bash deploy/check.sh
fi

step "all checks passed"
