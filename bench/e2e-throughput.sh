#!/usr/bin/env bash
# Single-connection throughput, side by side on 127.0.0.1: our socks → vmess (aes-128-gcm) → vmess inbound →
# freedom chain against v2ray's own, both talking to the same local sink/source. Runs are interleaved so a
# busy machine slows both alike; it also prints the CPU seconds per GB of each chain's two processes.
#
# Usage: bench/e2e-throughput.sh [MiB per run, default 256] [runs, default 5]
# Our host's runtimeconfig turns thread-pool spinning off; set OURS_ENV ("NAME=value;...") to run our
# processes with other settings, e.g. OURS_ENV="DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1".
# CONNECTIONS=n splits each run over n connections at once and prints the aggregate instead.
# IDEAL=1 adds a third chain, bench/ideal-relay (needs gcc and OpenSSL's headers).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x "${V2RAY_PATH:-/usr/bin/v2ray}" ] || { echo "v2ray 4.34 is required (/usr/bin/v2ray or V2RAY_PATH)" >&2; exit 1; }
dotnet build -c Release host/VMessPlugins.Host.csproj -nologo -v q >/dev/null
dotnet build -c Release bench/E2eThroughput/E2eThroughput.csproj -nologo -v q >/dev/null
if [ "${IDEAL:-0}" = 1 ]; then
  # A bare C relay pair with the same cipher and chunking: the bound for any proxy on this machine.
  mkdir -p bench/ideal-relay/bin
  gcc -O2 -Wall -Wextra -Werror -o bench/ideal-relay/bin/ideal_relay bench/ideal-relay/ideal_relay.c -lcrypto -lpthread
  export IDEAL_RELAY="$PWD/bench/ideal-relay/bin/ideal_relay"
fi
run() { dotnet run --no-build -c Release --project bench/E2eThroughput/E2eThroughput.csproj -- "${1:-256}" "${2:-5}"; }
run "$@"
