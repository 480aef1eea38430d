#!/usr/bin/env bash
# Single-connection throughput, side by side on 127.0.0.1: our socks → vmess (aes-128-gcm) → vmess inbound →
# freedom chain against v2ray's own, both talking to the same local sink/source. Prints MB/s and ours/v2ray.
# Usage: bench/e2e-throughput.sh [MiB per run, default 256] [runs, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v v2ray >/dev/null || [ -x "${V2RAY_PATH:-/usr/bin/v2ray}" ] || { echo "v2ray 4.34 is required (/usr/bin/v2ray or V2RAY_PATH)" >&2; exit 1; }
dotnet build -c Release host/VMessPlugins.Host.csproj -nologo -v q >/dev/null
dotnet run -c Release --project bench/E2eThroughput/E2eThroughput.csproj -- "${1:-256}" "${2:-5}"
