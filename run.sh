#!/usr/bin/env bash
# LeakBench's one command: build the study and run it. ./run.sh --help lists the options.
# run.ps1 is the same script for PowerShell; keep the two in step.
set -euo pipefail

# Relative paths below (and the program's default output folders) are from the repository root.
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: 'dotnet' is not on PATH: install the .NET 10 SDK (see README.md, Requirements)" >&2
  exit 1
fi

# --no-build is the script's own flag; everything else goes to the program, which validates it.
build=1
help=0
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --help | -h) help=1; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

if ((build)); then
  # Build bench, not the solution: the tests run this script while the test project is running.
  # bench's reference to server builds the target too. Build output is shown only when it fails.
  echo "run.sh: building bench (Release)..." >&2
  if ! log=$(dotnet build bench/LeakBench.csproj -c Release -nologo -v q 2>&1); then
    printf '%s\n' "$log" >&2
    echo "run.sh: the build failed (errors above)" >&2
    exit 1
  fi
fi

dll=bench/bin/Release/net10.0/LeakBench.dll
if [[ ! -f $dll ]]; then
  echo "run.sh: $dll does not exist: run without --no-build once" >&2
  exit 1
fi

if ((help)); then
  # The program prints the usage; the script adds the one flag it handles itself.
  status=0
  dotnet "$dll" "${args[@]}" || status=$?
  ((status == 0)) && echo "  --no-build       (run.sh/run.ps1 only) skip the build and run what was built last"
  exit "$status"
fi

# exec: the program becomes this process, so Ctrl+C and SIGTERM reach it and it can stop the target.
exec dotnet "$dll" "${args[@]}"
