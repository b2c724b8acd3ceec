using Microsoft.Data.Sqlite;

namespace CoPLive.Silo.Storage;

/// <summary>The connection string every SQLite user in the node shares.</summary>
public static class SqliteConnectionStrings
{
    /// <summary>A pooled connection to the file at <paramref name="path"/>, waiting up to 30 s for a lock.</summary>
    public static string For(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Default,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();
}
