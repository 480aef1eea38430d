#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need (v2ray 4.34 and nginx
# from Debian's packages), builds everything in Release and runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v v2ray >/dev/null 2>&1 || need_apt+=(v2ray)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need_apt+=(nginx)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} from Debian's packages..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# sed reads to the end: with head, v2ray could die of SIGPIPE and pipefail would fail the run.
v2ray -version | sed -n 1p

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build VMessPlugins.sln -c Release -nologo -v minimal

log=$(mktemp)
status=0
dotnet test VMessPlugins.sln -c Release --no-build -nologo -v minimal 2>&1 | tee "$log" || status=$?

# One closing line for CI, summed over every test assembly.
awk '/(Passed|Failed)! *- *Failed:/ {
       gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
