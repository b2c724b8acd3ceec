namespace CoPLive.Testing;

/// <summary>Where things are in the repository, from a test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder that holds CoPLive.sln.</summary>
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CoPLive.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException($"No CoPLive.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The gateway's own output folder (built with the tests, since they reference it).</summary>
    public static string GatewayOutput => Path.Combine(Root, "src", "Gateway", "bin", Configuration, "net10.0");

    /// <summary>A fresh, empty temporary folder.</summary>
    public static string NewTempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "coplive-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(path);
        return path;
    }
}
