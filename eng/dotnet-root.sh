#!/usr/bin/env bash
# Builds a repository-local dotnet root that runs the study on .NET 8, 9 and 10 side by side without
# installing anything system-wide (the PowerShell twin is eng/dotnet-root.ps1; both read the pinned
# versions from eng/dotnet-runtimes.txt).
#
#   eng/dotnet-root.sh [--root DIR] [--runtimes "8.0 9.0"] [--versions-file FILE]
#
# The root (default <repo>/.dotnet, git-ignored) holds:
#   dotnet                       a copy of the installed host (a symlink would resolve back to the
#                                installed root, which does not have the extra runtimes)
#   host/ sdk/ packs/ ...        symlinks to the installed SDK's folders
#   shared/<Framework>/<10.x>    symlinks to the installed .NET 10 shared frameworks
#   shared/<Framework>/<8.x|9.x> Microsoft.NETCore.App and Microsoft.AspNetCore.App unpacked from the
#                                linux-x64 runtime packs, downloaded by the SDK's own NuGet restore
# A second run reuses what is there and downloads nothing.
#
# Output: progress lines, then the path of <root>/dotnet as the LAST line of stdout (callers take it,
# e.g. BenchmarkDotNet's --cli). Errors go to stderr with a non-zero exit.
#
# Only Linux x64 gets a local root. Elsewhere (Windows, macOS, Linux on other CPUs) the script says
# which official runtimes to install; if the dotnet on PATH already has every requested channel it
# prints that dotnet's path as the last line and exits 0, otherwise it exits 1 naming what is missing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
root="$repo/.dotnet"
channels="8.0 9.0"
versions_file="$here/dotnet-runtimes.txt"
marker_name=".leakbench-dotnet-root"
rid="linux-x64"

say() { echo "dotnet-root: $*"; }
die() { echo "dotnet-root: error: $*" >&2; exit 1; }
usage() { echo 'usage: eng/dotnet-root.sh [--root DIR] [--runtimes "8.0 9.0"] [--versions-file FILE]'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --root) [ $# -ge 2 ] || die "--root needs a folder"; root="$2"; shift 2 ;;
        --runtimes) [ $# -ge 2 ] || die "--runtimes needs channels, e.g. \"8.0 9.0\""; channels="$2"; shift 2 ;;
        --versions-file) [ $# -ge 2 ] || die "--versions-file needs a file"; versions_file="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done

command -v dotnet >/dev/null || die "dotnet is not on PATH: install the .NET 10 SDK first"
[ -f "$versions_file" ] || die "versions file $versions_file not found"
[ -n "${channels// /}" ] || die "--runtimes is empty"

# Frameworks to provide, one "Framework version channel" line each, from the pinned versions file.
wanted=""
for channel in $channels; do
    line=$(grep -v '^[[:space:]]*#' "$versions_file" | awk -v c="$channel" '$1 == c { print; exit }')
    [ -n "$line" ] || die "no pinned versions for channel '$channel' in $versions_file (it pins: $(grep -v '^[[:space:]]*#' "$versions_file" | awk 'NF { printf "%s ", $1 }'))"
    read -r _ core aspnet <<<"$line"
    [[ -n $core && -n $aspnet ]] || die "line for channel '$channel' in $versions_file needs two versions"
    wanted+="Microsoft.NETCore.App $core $channel"$'\n'"Microsoft.AspNetCore.App $aspnet $channel"$'\n'
done

case "$(uname -s)/$(uname -m)" in
    Linux/x86_64) ;;
    *)
        # No runtime packs are pinned for this platform: use the official runtimes instead.
        say "a local dotnet root is built only on Linux x64; on $(uname -s)/$(uname -m) install the official"
        say ".NET Runtime and ASP.NET Core Runtime of each channel ($channels) next to the .NET 10 SDK"
        installed=$(dotnet --list-runtimes)
        missing=""
        while read -r fw version channel; do
            [ -n "$fw" ] || continue
            grep -q "^$fw ${channel//./\\.}\." <<<"$installed" || missing+=" $fw $channel.x;"
        done <<<"$wanted"
        [ -z "$missing" ] || die "the dotnet on PATH lacks:$missing install those runtimes and run this again"
        say "using the installed runtimes"
        command -v dotnet
        exit 0
        ;;
esac

# The installed dotnet root, from the SDK it lists. Resolved physically so that running this with a
# local root's dotnet first on PATH still finds the real install, not the links.
sdk_dir=$(dotnet --list-sdks | sed -n 's/^[^[]*\[\(.*\)\]$/\1/p' | tail -n 1)
[[ -n $sdk_dir && -d $sdk_dir ]] || die "'dotnet --list-sdks' lists no SDK: install the .NET 10 SDK first"
source_root=$(dirname "$(cd "$sdk_dir" && pwd -P)")
[ -x "$source_root/dotnet" ] || die "no dotnet host in $source_root"

# Refuse to write into a folder this script did not make (a mistyped --root must not be clobbered).
if [ -e "$root" ]; then
    [ -d "$root" ] || die "--root $root is not a folder"
    if [ ! -e "$root/$marker_name" ] && [ -n "$(ls -A "$root")" ]; then
        die "--root $root is not empty and was not made by this script (no $marker_name in it)"
    fi
fi
mkdir -p "$root"
root=$(cd "$root" && pwd)
[ "$(cd "$root" && pwd -P)" != "$source_root" ] || die "--root $root is the installed dotnet root itself"
changed=0
if [ ! -e "$root/$marker_name" ]; then
    echo "Repository-local dotnet root made by LeakBench's eng/dotnet-root.sh or eng/dotnet-root.ps1." >"$root/$marker_name"
    changed=1
fi

# The host is copied: the muxer finds its root from its own resolved path.
if ! cmp -s "$source_root/dotnet" "$root/dotnet"; then
    cp "$source_root/dotnet" "$root/dotnet.tmp"
    mv -f "$root/dotnet.tmp" "$root/dotnet"
    say "copied the dotnet host from $source_root"
    changed=1
fi

# Everything else of the installed root but shared/ is linked: host/, sdk/, packs/, sdk-manifests/...
for entry in "$source_root"/*; do
    name=$(basename "$entry")
    case "$name" in dotnet|shared) continue ;; esac
    link="$root/$name"
    if [ -L "$link" ]; then
        [ "$(readlink "$link")" = "$entry" ] && continue
        ln -sfn "$entry" "$link"
    elif [ -e "$link" ]; then
        die "$link exists and is not a link to $entry; remove it and run this again"
    else
        ln -s "$entry" "$link"
    fi
    say "linked $name -> $entry"
    changed=1
done

# The installed shared frameworks (the .NET 10 runtimes) are linked version by version.
for fw_dir in "$source_root"/shared/*; do
    [ -d "$fw_dir" ] || continue
    fw=$(basename "$fw_dir")
    mkdir -p "$root/shared/$fw"
    for version_dir in "$fw_dir"/*; do
        [ -d "$version_dir" ] || continue
        version=$(basename "$version_dir")
        if [ -e "$root/shared/$fw/$version" ] || [ -L "$root/shared/$fw/$version" ]; then
            continue
        fi
        ln -s "$version_dir" "$root/shared/$fw/$version"
        say "linked shared/$fw/$version -> $version_dir"
        changed=1
    done
done
# Links left from an installed runtime that has since been removed or updated would break the listing.
for link in "$root"/shared/*/*; do
    if [ -L "$link" ] && [ ! -e "$link" ]; then
        rm -f "$link"
        say "removed the stale link ${link#"$root/"}"
        changed=1
    fi
done

# A downloaded framework is complete when its folder exists: it is moved into place whole.
missing=""
while read -r fw version channel; do
    [ -n "$fw" ] || continue
    [ -f "$root/shared/$fw/$version/$fw.deps.json" ] || missing+="$fw $version $channel"$'\n'
done <<<"$wanted"

if [ -n "$missing" ]; then
    # A throwaway project restored by the SDK's own NuGet client, inside the root so the unpacked
    # files move into place by rename. The repository's Directory.*.props/targets are kept out.
    scratch="$root/.download"
    rm -rf "$scratch"
    mkdir -p "$scratch"
    trap 'rm -rf "$scratch"' EXIT
    {
        echo '<Project Sdk="Microsoft.NET.Sdk">'
        echo '  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>'
        echo '  <ItemGroup>'
        # One item per package: NuGet takes several exact versions of one id as "[a];[b]".
        awk -v rid="$rid" 'NF { v[$1] = ($1 in v) ? v[$1] ";[" $2 "]" : "[" $2 "]" }
            END { for (fw in v) printf "    <PackageDownload Include=\"%s.Runtime.%s\" Version=\"%s\" />\n", fw, rid, v[fw] }' <<<"$missing"
        echo '  </ItemGroup>'
        echo '</Project>'
    } >"$scratch/download.csproj"
    say "downloading: $(awk -v rid="$rid" 'NF { printf "%s.Runtime.%s %s; ", $1, rid, $2 }' <<<"$missing")"
    if ! (cd "$scratch" && dotnet restore download.csproj --packages "$scratch/packages" \
            -p:ImportDirectoryBuildProps=false -p:ImportDirectoryBuildTargets=false \
            -p:ImportDirectoryPackagesProps=false -p:ManagePackageVersionsCentrally=false \
            >"$scratch/restore.log" 2>&1); then
        grep -o 'error NU[0-9]*:.*' "$scratch/restore.log" | sed 's/ \[.*\]$//' | awk '!seen[$0]++' >&2 || cat "$scratch/restore.log" >&2
        not_found=$(while read -r fw version channel; do
            [ -n "$fw" ] || continue
            id=$(tr '[:upper:]' '[:lower:]' <<<"$fw.Runtime.$rid")
            [ -d "$scratch/packages/$id/$version" ] || printf '%s %s; ' "$fw.Runtime.$rid" "$version"
        done <<<"$missing")
        die "NuGet restore could not download: ${not_found:-see the errors above}(check the versions in $versions_file)"
    fi

    while read -r fw version channel; do
        [ -n "$fw" ] || continue
        id=$(tr '[:upper:]' '[:lower:]' <<<"$fw.Runtime.$rid")
        pack="$scratch/packages/$id/$version/runtimes/$rid"
        [ -f "$pack/lib/net$channel/$fw.deps.json" ] ||
            die "package $fw.Runtime.$rid $version has no runtimes/$rid/lib/net$channel/$fw.deps.json: not the expected runtime pack layout"
        partial="$root/shared/$fw/.$version.partial"
        rm -rf "$partial"
        mkdir -p "$partial"
        mv "$pack/lib/net$channel/"* "$partial/"
        if [ -d "$pack/native" ]; then
            # libhostfxr.so belongs in host/fxr/, which the installed host provides; installed shared
            # frameworks do not carry it either.
            rm -f "$pack/native/libhostfxr.so"
            mv "$pack/native/"* "$partial/"
        fi
        mv "$partial" "$root/shared/$fw/$version"
        say "unpacked shared/$fw/$version ($(du -sh "$root/shared/$fw/$version" | cut -f1))"
    done <<<"$missing"
    rm -rf "$scratch"
    trap - EXIT
    changed=1
fi

# The host itself must list every requested framework, or callers would fail later and less clearly.
listed=$("$root/dotnet" --list-runtimes) || die "$root/dotnet --list-runtimes failed"
while read -r fw version channel; do
    [ -n "$fw" ] || continue
    grep -q "^$fw ${version//./\\.} " <<<"$listed" || die "$root/dotnet --list-runtimes does not list $fw $version"
done <<<"$wanted"

if [ "$changed" = 0 ]; then
    say "reused $root: nothing to do"
else
    say "built $root"
fi
echo "$root/dotnet"
