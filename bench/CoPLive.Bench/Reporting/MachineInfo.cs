using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using CoPLive.Testing;

namespace CoPLive.Bench.Reporting;

/// <summary>The machine the bench runs on, from the environment.</summary>
internal static class MachineInfo
{
    public static IReadOnlyList<(string Name, string Value)> Describe() =>
    [
        ("cores", $"{Environment.ProcessorCount} ({CpuModel()})"),
        ("memory", Memory()),
        ("OS", RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture),
        (".NET", $"{RuntimeInformation.FrameworkDescription} (GC: the bench and its baseline {(GCSettings.IsServerGC ? "server" : "workstation")}, the CoPLive gateway {GatewayGc()})"),
    ];

    /// <summary>The gateway's GC as its process will run it: DOTNET_gcServer if set, else its runtimeconfig.json.</summary>
    private static string GatewayGc()
    {
        var server = Environment.GetEnvironmentVariable("DOTNET_gcServer") switch
        {
            "1" => true,
            "0" => false,
            _ => ConfiguredServerGc(),
        };
        return server switch { true => "server", false => "workstation", null => "unknown (not built)" };
    }

    private static bool? ConfiguredServerGc()
    {
        var path = Path.Combine(RepositoryPaths.GatewayOutput, "CoPLive.Gateway.runtimeconfig.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var config = JsonDocument.Parse(File.ReadAllText(path));
        return config.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.GC.Server", out var server)
            && server.GetBoolean();
    }

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
