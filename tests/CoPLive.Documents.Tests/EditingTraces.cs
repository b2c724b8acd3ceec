using System.IO.Compression;
using System.Text.Json;

namespace CoPLive.Documents.Tests;

/// <summary>The real editing traces in the shared data folder (../shared/data/editing-traces from the repository root).</summary>
public static class EditingTraces
{
    /// <summary>The trace's JSON, decompressed.</summary>
    public static string ReadJson(string name)
    {
        var path = Path.Combine(Folder, name + ".json.gz");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    /// <summary>The text the trace ends with.</summary>
    public static string EndContent(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("endContent").GetString()!;
    }

    private static string Folder
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CoPLive.sln")))
            {
                directory = directory.Parent;
            }
            if (directory?.Parent is null)
            {
                throw new InvalidOperationException($"No CoPLive.sln above {AppContext.BaseDirectory}.");
            }
            var folder = Path.Combine(directory.Parent.FullName, "shared", "data", "editing-traces");
            return Directory.Exists(folder) ? folder : throw new DirectoryNotFoundException($"The editing traces are not at {folder}.");
        }
    }
}
