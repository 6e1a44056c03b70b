# Builds a repository-local dotnet root that runs the study on .NET 8, 9 and 10 side by side without
# installing anything system-wide. The PowerShell 7 twin of eng/dotnet-root.sh: same options, same
# layout, same output; both read the pinned versions from eng/dotnet-runtimes.txt.
#
#   pwsh eng/dotnet-root.ps1 [-Root DIR] [-Runtimes "8.0 9.0"] [-VersionsFile FILE]
#   (--root, --runtimes and --versions-file are accepted too, as in the bash script)
#
# The root (default <repo>/.dotnet, git-ignored) holds a copy of the installed dotnet host (a symlink
# would resolve back to the installed root), symlinks to the installed SDK's host/, sdk/, packs/ and
# other folders and to its .NET 10 shared frameworks, and Microsoft.NETCore.App and
# Microsoft.AspNetCore.App 8.x/9.x unpacked from the linux-x64 runtime packs, which the SDK's own
# NuGet restore downloads. A second run reuses what is there and downloads nothing.
#
# Output: progress lines, then the path of <root>/dotnet as the LAST line of stdout. Errors go to
# stderr with exit code 1.
#
# Only Linux x64 gets a local root. Elsewhere (Windows, macOS, Linux on other CPUs) the script says
# which official runtimes to install; if the dotnet on PATH already has every requested channel it
# prints that dotnet's path as the last line and exits 0, otherwise it exits 1 naming what is missing.
[CmdletBinding()]
param(
    [string]$Root,
    [string[]]$Runtimes = @('8.0', '9.0'),
    [Alias('versions-file')][string]$VersionsFile,
    # Anything else is a mistake to report, not to ignore.
    [Parameter(ValueFromRemainingArguments = $true)][string[]]$Rest
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$here = $PSScriptRoot
$repo = Split-Path -Parent $here
$markerName = '.leakbench-dotnet-root'
$rid = 'linux-x64'

function Say([string]$Message) { [Console]::Out.WriteLine("dotnet-root: $Message") }
function Fail([string]$Message) {
    [Console]::Error.WriteLine("dotnet-root: error: $Message")
    exit 1
}

# A path that exists, or is a symlink whose target is gone.
function Test-Entry([string]$Path) { (Test-Path -LiteralPath $Path) -or ($null -ne [IO.FileInfo]::new($Path).LinkTarget) }

if ($Rest) {
    [Console]::Error.WriteLine('usage: pwsh eng/dotnet-root.ps1 [-Root DIR] [-Runtimes "8.0 9.0"] [-VersionsFile FILE]')
    Fail "unknown argument '$($Rest[0])'"
}
if (-not $Root) { $Root = Join-Path $repo '.dotnet' }
if (-not $VersionsFile) { $VersionsFile = Join-Path $here 'dotnet-runtimes.txt' }
$channels = @($Runtimes | ForEach-Object { $_ -split '[\s,]+' } | Where-Object { $_ })

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { Fail 'dotnet is not on PATH: install the .NET 10 SDK first' }
if (-not (Test-Path -LiteralPath $VersionsFile -PathType Leaf)) { Fail "versions file $VersionsFile not found" }
if ($channels.Count -eq 0) { Fail '--runtimes is empty' }

# Frameworks to provide, from the pinned versions file: channel, NETCore.App version, AspNetCore.App version.
$pins = @(Get-Content -LiteralPath $VersionsFile | Where-Object { $_ -notmatch '^\s*#' -and $_.Trim() } | ForEach-Object { , ($_.Trim() -split '\s+') })
$wanted = [System.Collections.Generic.List[object]]::new()
foreach ($channel in $channels) {
    $pin = $pins | Where-Object { $_[0] -eq $channel } | Select-Object -First 1
    if (-not $pin) { Fail "no pinned versions for channel '$channel' in $VersionsFile (it pins: $(($pins | ForEach-Object { $_[0] }) -join ' '))" }
    if ($pin.Count -lt 3) { Fail "line for channel '$channel' in $VersionsFile needs two versions" }
    $wanted.Add([pscustomobject]@{ Framework = 'Microsoft.NETCore.App'; Version = $pin[1]; Channel = $channel })
    $wanted.Add([pscustomobject]@{ Framework = 'Microsoft.AspNetCore.App'; Version = $pin[2]; Channel = $channel })
}

$arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture
if (-not ($IsLinux -and $arch -eq [System.Runtime.InteropServices.Architecture]::X64)) {
    # No runtime packs are pinned for this platform: use the official runtimes instead.
    $os = if ($IsWindows) { 'Windows' } elseif ($IsMacOS) { 'macOS' } else { 'Linux' }
    Say "a local dotnet root is built only on Linux x64; on $os/$arch install the official"
    Say ".NET Runtime and ASP.NET Core Runtime of each channel ($($channels -join ' ')) next to the .NET 10 SDK"
    $installed = @(& dotnet --list-runtimes)
    $missing = @($wanted | Where-Object {
            $prefix = "$($_.Framework) $($_.Channel)."
            -not ($installed | Where-Object { $_.StartsWith($prefix, [StringComparison]::Ordinal) })
        } | ForEach-Object { "$($_.Framework) $($_.Channel).x" })
    if ($missing.Count -gt 0) { Fail "the dotnet on PATH lacks: $($missing -join '; '); install those runtimes and run this again" }
    Say 'using the installed runtimes'
    [Console]::Out.WriteLine((Get-Command dotnet).Source)
    exit 0
}

# The installed dotnet root, from the SDK it lists. Resolved physically so that running this with a
# local root's dotnet first on PATH still finds the real install, not the links.
$sdkLine = @(& dotnet --list-sdks) | Where-Object { $_ -match '\[(.*)\]$' } | Select-Object -Last 1
if (-not $sdkLine -or $sdkLine -notmatch '\[(.*)\]$' -or -not (Test-Path -LiteralPath $Matches[1])) {
    Fail "'dotnet --list-sdks' lists no SDK: install the .NET 10 SDK first"
}
$sourceRoot = Split-Path -Parent (& realpath $Matches[1])
if (-not (Test-Path -LiteralPath (Join-Path $sourceRoot 'dotnet') -PathType Leaf)) { Fail "no dotnet host in $sourceRoot" }

# Refuse to write into a folder this script did not make (a mistyped -Root must not be clobbered).
if (Test-Path -LiteralPath $Root) {
    if (-not (Test-Path -LiteralPath $Root -PathType Container)) { Fail "--root $Root is not a folder" }
    if (-not (Test-Path -LiteralPath (Join-Path $Root $markerName)) -and @(Get-ChildItem -Force -LiteralPath $Root).Count -gt 0) {
        Fail "--root $Root is not empty and was not made by this script (no $markerName in it)"
    }
}
$null = New-Item -ItemType Directory -Force -Path $Root
$Root = (Resolve-Path -LiteralPath $Root).ProviderPath.TrimEnd('/')
if ((& realpath $Root) -eq $sourceRoot) { Fail "--root $Root is the installed dotnet root itself" }
$changed = $false
$marker = Join-Path $Root $markerName
if (-not (Test-Path -LiteralPath $marker)) {
    Set-Content -LiteralPath $marker -Value "Repository-local dotnet root made by LeakBench's eng/dotnet-root.sh or eng/dotnet-root.ps1."
    $changed = $true
}

# The host is copied: the muxer finds its root from its own resolved path.
$sourceHost = Join-Path $sourceRoot 'dotnet'
$rootHost = Join-Path $Root 'dotnet'
if (-not (Test-Path -LiteralPath $rootHost) -or (Get-FileHash -LiteralPath $sourceHost).Hash -ne (Get-FileHash -LiteralPath $rootHost).Hash) {
    Copy-Item -LiteralPath $sourceHost -Destination "$rootHost.tmp" -Force
    Move-Item -LiteralPath "$rootHost.tmp" -Destination $rootHost -Force
    Say "copied the dotnet host from $sourceRoot"
    $changed = $true
}

# Everything else of the installed root but shared/ is linked: host/, sdk/, packs/, sdk-manifests/...
foreach ($entry in Get-ChildItem -LiteralPath $sourceRoot | Where-Object { $_.Name -notin 'dotnet', 'shared' -and -not $_.Name.StartsWith('.') }) {
    $link = Join-Path $Root $entry.Name
    $target = [IO.FileInfo]::new($link).LinkTarget
    if ($null -ne $target) {
        if ($target -eq $entry.FullName) { continue }
        [IO.File]::Delete($link)
    }
    elseif (Test-Path -LiteralPath $link) {
        Fail "$link exists and is not a link to $($entry.FullName); remove it and run this again"
    }
    $null = [IO.File]::CreateSymbolicLink($link, $entry.FullName)
    Say "linked $($entry.Name) -> $($entry.FullName)"
    $changed = $true
}

# The installed shared frameworks (the .NET 10 runtimes) are linked version by version.
foreach ($fwDir in Get-ChildItem -Directory -LiteralPath (Join-Path $sourceRoot 'shared')) {
    $rootFw = Join-Path $Root "shared/$($fwDir.Name)"
    $null = New-Item -ItemType Directory -Force -Path $rootFw
    foreach ($versionDir in Get-ChildItem -Directory -LiteralPath $fwDir.FullName) {
        $link = Join-Path $rootFw $versionDir.Name
        if (Test-Entry $link) { continue }
        $null = [IO.Directory]::CreateSymbolicLink($link, $versionDir.FullName)
        Say "linked shared/$($fwDir.Name)/$($versionDir.Name) -> $($versionDir.FullName)"
        $changed = $true
    }
}
# Links left from an installed runtime that has since been removed or updated would break the listing.
foreach ($fwDir in Get-ChildItem -Directory -LiteralPath (Join-Path $Root 'shared')) {
    foreach ($name in [IO.Directory]::GetFileSystemEntries($fwDir.FullName)) {
        # Test-Path is true for a dangling link; Directory.Exists follows the link.
        if ($null -ne [IO.FileInfo]::new($name).LinkTarget -and -not [IO.Directory]::Exists($name)) {
            [IO.File]::Delete($name)
            Say "removed the stale link shared/$($fwDir.Name)/$(Split-Path -Leaf $name)"
            $changed = $true
        }
    }
}

# A downloaded framework is complete when its folder exists: it is moved into place whole.
$missing = @($wanted | Where-Object { -not (Test-Path -LiteralPath (Join-Path $Root "shared/$($_.Framework)/$($_.Version)/$($_.Framework).deps.json")) })

if ($missing.Count -gt 0) {
    # A throwaway project restored by the SDK's own NuGet client, inside the root so the unpacked
    # files move into place by rename. The repository's Directory.*.props/targets are kept out.
    $scratch = Join-Path $Root '.download'
    if (Test-Path -LiteralPath $scratch) { Remove-Item -Recurse -Force -LiteralPath $scratch }
    $null = New-Item -ItemType Directory -Path $scratch
    try {
        # One item per package: NuGet takes several exact versions of one id as "[a];[b]".
        $items = $missing | Group-Object Framework | ForEach-Object {
            $versions = ($_.Group | ForEach-Object { "[$($_.Version)]" }) -join ';'
            "    <PackageDownload Include=`"$($_.Name).Runtime.$rid`" Version=`"$versions`" />"
        }
        $project = @('<Project Sdk="Microsoft.NET.Sdk">',
            '  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>',
            '  <ItemGroup>') + $items + @('  </ItemGroup>', '</Project>')
        Set-Content -LiteralPath (Join-Path $scratch 'download.csproj') -Value $project
        Say "downloading: $(($missing | ForEach-Object { "$($_.Framework).Runtime.$rid $($_.Version); " }) -join '')"
        $log = Join-Path $scratch 'restore.log'
        Push-Location $scratch
        try {
            & dotnet restore download.csproj --packages (Join-Path $scratch 'packages') `
                -p:ImportDirectoryBuildProps=false -p:ImportDirectoryBuildTargets=false `
                -p:ImportDirectoryPackagesProps=false -p:ManagePackageVersionsCentrally=false *> $log
            $restoreExit = $LASTEXITCODE
        }
        finally { Pop-Location }
        if ($restoreExit -ne 0) {
            $errors = @(Select-String -LiteralPath $log -Pattern 'error NU[0-9]*:.*' | ForEach-Object { $_.Matches[0].Value -replace ' \[.*\]$', '' } | Select-Object -Unique)
            if ($errors.Count -gt 0) { $errors | ForEach-Object { [Console]::Error.WriteLine($_) } } else { Get-Content -LiteralPath $log | ForEach-Object { [Console]::Error.WriteLine($_) } }
            $notFound = ($missing | Where-Object { -not (Test-Path -LiteralPath (Join-Path $scratch "packages/$("$($_.Framework).Runtime.$rid".ToLowerInvariant())/$($_.Version)")) } |
                    ForEach-Object { "$($_.Framework).Runtime.$rid $($_.Version); " }) -join ''
            if (-not $notFound) { $notFound = 'see the errors above' }
            Fail "NuGet restore could not download: $notFound(check the versions in $VersionsFile)"
        }

        foreach ($m in $missing) {
            $id = "$($m.Framework).Runtime.$rid"
            $pack = Join-Path $scratch "packages/$($id.ToLowerInvariant())/$($m.Version)/runtimes/$rid"
            $lib = Join-Path $pack "lib/net$($m.Channel)"
            if (-not (Test-Path -LiteralPath (Join-Path $lib "$($m.Framework).deps.json"))) {
                Fail "package $id $($m.Version) has no runtimes/$rid/lib/net$($m.Channel)/$($m.Framework).deps.json: not the expected runtime pack layout"
            }
            $partial = Join-Path $Root "shared/$($m.Framework)/.$($m.Version).partial"
            if (Test-Path -LiteralPath $partial) { Remove-Item -Recurse -Force -LiteralPath $partial }
            $null = New-Item -ItemType Directory -Path $partial
            Get-ChildItem -Force -LiteralPath $lib | Move-Item -Destination $partial
            $native = Join-Path $pack 'native'
            if (Test-Path -LiteralPath $native) {
                # libhostfxr.so belongs in host/fxr/, which the installed host provides; installed shared
                # frameworks do not carry it either.
                Remove-Item -Force -LiteralPath (Join-Path $native 'libhostfxr.so') -ErrorAction SilentlyContinue
                Get-ChildItem -Force -LiteralPath $native | Move-Item -Destination $partial
            }
            $final = Join-Path $Root "shared/$($m.Framework)/$($m.Version)"
            Move-Item -LiteralPath $partial -Destination $final
            $mib = [Math]::Round((Get-ChildItem -Recurse -File -LiteralPath $final | Measure-Object Length -Sum).Sum / 1MB)
            Say "unpacked shared/$($m.Framework)/$($m.Version) ($($mib)M)"
        }
    }
    finally {
        if (Test-Path -LiteralPath $scratch) { Remove-Item -Recurse -Force -LiteralPath $scratch }
    }
    $changed = $true
}

# The host itself must list every requested framework, or callers would fail later and less clearly.
$listed = @(& $rootHost --list-runtimes)
if ($LASTEXITCODE -ne 0) { Fail "$rootHost --list-runtimes failed" }
foreach ($w in $wanted) {
    if (-not ($listed | Where-Object { $_.StartsWith("$($w.Framework) $($w.Version) ", [StringComparison]::Ordinal) })) {
        Fail "$rootHost --list-runtimes does not list $($w.Framework) $($w.Version)"
    }
}

if ($changed) { Say "built $Root" } else { Say "reused ${Root}: nothing to do" }
[Console]::Out.WriteLine($rootHost)
