using System.Diagnostics;
using System.Globalization;

namespace LeakBench.Tests.Remote;

/// <summary>
/// Two fresh network namespaces joined by a veth pair, as two hosts on one link: the pair is created inside the
/// namespaces (never in this one), so no route leads out of them; each gets <c>lo</c> up and one address of a
/// link-local /30 that belongs to nothing else (169.254.169.0/24 is never used, so never 169.254.169.254).
/// Deleted on <see cref="Dispose"/>, which also removes the pair. Linux only; needs CAP_NET_ADMIN and CAP_SYS_ADMIN.
/// </summary>
public sealed class NetworkNamespaces(string target, string client, string targetAddress, string clientAddress) : IDisposable
{
    private readonly List<string> _created = [];

    public string Target { get; } = target;

    public string Client { get; } = client;

    public string TargetAddress { get; } = targetAddress;

    public string ClientAddress { get; } = clientAddress;

    /// <summary>Why the namespaces cannot be made here (no ip, no capability), or null when <c>ip netns add</c> works.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces are Linux only";
        }

        var probe = "lbprobe" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var (ok, output) = Ip("netns", "add", probe);
        if (!ok)
        {
            return $"'ip netns add' does not work here (a container without CAP_SYS_ADMIN, or no iproute2): {output.Trim()}";
        }

        Ip("netns", "delete", probe);
        return null;
    }

    public static NetworkNamespaces Create()
    {
        // A /30 in 169.254.1.0 .. 169.254.168.255: the test's own, away from 169.254.169.254.
        var third = Random.Shared.Next(1, 169);
        var fourth = Random.Shared.Next(0, 64) * 4;
        var id = Random.Shared.Next(0, 1 << 20).ToString("x5", CultureInfo.InvariantCulture);
        var n = new NetworkNamespaces($"lbt-{id}", $"lbc-{id}", $"169.254.{third}.{fourth + 1}", $"169.254.{third}.{fourth + 2}");
        try
        {
            n.Add(n.Target);
            n.Add(n.Client);
            Must(Ip("-n", n.Target, "link", "add", "vt" + id, "type", "veth", "peer", "name", "vc" + id, "netns", n.Client));
            foreach (var (ns, link, address) in new[] { (n.Target, "vt" + id, n.TargetAddress), (n.Client, "vc" + id, n.ClientAddress) })
            {
                Must(Ip("-n", ns, "link", "set", "lo", "up"));
                Must(Ip("-n", ns, "addr", "add", address + "/30", "dev", link));
                Must(Ip("-n", ns, "link", "set", link, "up"));
            }
        }
        catch
        {
            n.Dispose();
            throw;
        }

        return n;
    }

    /// <summary>The command line that runs <paramref name="args"/> inside namespace <paramref name="ns"/>.</summary>
    public static IReadOnlyList<string> Exec(string ns, params string[] args) => ["netns", "exec", ns, .. args];

    public void Dispose()
    {
        foreach (var ns in _created)
        {
            Ip("netns", "delete", ns);
        }

        _created.Clear();
    }

    private void Add(string ns)
    {
        Must(Ip("netns", "add", ns));
        _created.Add(ns);
    }

    private static void Must((bool Ok, string Output) result)
    {
        if (!result.Ok)
        {
            throw new InvalidOperationException("ip failed: " + result.Output);
        }
    }

    private static (bool Ok, string Output) Ip(params string[] args)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode == 0, $"ip {string.Join(' ', args)}: {error}{output.Result}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, $"ip: {e.Message}");
        }
    }
}
