#!/usr/bin/env pwsh
# LeakBench's one command for PowerShell 7 (Windows, Linux, macOS): build the study and run it.
# ./run.ps1 --help lists the options. run.sh is the same script for bash; keep the two in step.
# No param() block on purpose: every argument, --options included, arrives in $args untouched.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Relative paths below (and the program's default output folders) are from the repository root.
Set-Location -LiteralPath $PSScriptRoot

if (-not (Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue)) {
    [Console]::Error.WriteLine("run.ps1: 'dotnet' is not on PATH: install the .NET 10 SDK (see README.md, Requirements)")
    exit 1
}

# --no-build is the script's own flag; everything else goes to the program, which validates it.
$build = $true
$help = $false
$forward = @()
foreach ($arg in $args) {
    $text = [string]$arg
    if ($text -ceq '--no-build') { $build = $false; continue }
    if ($text -ceq '--help' -or $text -ceq '-h') { $help = $true }
    $forward += $text
}

if ($build) {
    # Build bench, not the solution: the tests run this script while the test project is running.
    # bench's reference to server builds the target too. Build output is shown only when it fails.
    [Console]::Error.WriteLine('run.ps1: building bench (Release)...')
    $log = & dotnet build bench/LeakBench.csproj -c Release -nologo -v q 2>&1
    if ($LASTEXITCODE -ne 0) {
        $log | ForEach-Object { [Console]::Error.WriteLine([string]$_) }
        [Console]::Error.WriteLine('run.ps1: the build failed (errors above)')
        exit 1
    }
}

$dll = 'bench/bin/Release/net10.0/LeakBench.dll'
if (-not (Test-Path -LiteralPath $dll -PathType Leaf)) {
    [Console]::Error.WriteLine("run.ps1: $dll does not exist: run without --no-build once")
    exit 1
}

# PowerShell has no exec, so the program runs as a child. Ctrl+C still reaches it (the console signals
# the whole foreground group) and it stops the target; a SIGTERM sent to pwsh alone does not, so
# scripts that stop a run with kill should use run.sh.
& dotnet $dll @forward
$status = $LASTEXITCODE
if ($help -and $status -eq 0) {
    # The program printed the usage; add the one flag the script handles itself.
    Write-Output '  --no-build       (run.sh/run.ps1 only) skip the build and run what was built last'
}
exit $status
