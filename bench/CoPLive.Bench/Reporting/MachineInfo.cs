using System.Runtime;
using System.Runtime.InteropServices;

namespace CoPLive.Bench.Reporting;

/// <summary>The machine the bench runs on, from the environment.</summary>
internal static class MachineInfo
{
    public static IReadOnlyList<(string Name, string Value)> Describe() =>
    [
        ("cores", $"{Environment.ProcessorCount} ({CpuModel()})"),
        ("memory", Memory()),
        ("OS", RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture),
        (".NET", $"{RuntimeInformation.FrameworkDescription} (GC: {(GCSettings.IsServerGC ? "server" : "workstation")})"),
    ];

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown model"
            : "unknown model";

    private static string Memory()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        if (line is null)
        {
            return "unknown";
        }

        var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        return $"{kib / 1024.0 / 1024.0:0.0} GiB";
    }
}
