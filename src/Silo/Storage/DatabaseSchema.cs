using System.Data.Common;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CoPLive.Silo.Storage;

/// <summary>
/// Applies the SQL that the project owns (db/sqlite, db/postgresql, embedded in this assembly) to a database.
/// Every script is idempotent and sent whole as one command, in file-name order; each script runs its own
/// transaction (on PostgreSQL under an advisory lock, on SQLite with BEGIN IMMEDIATE), so nodes starting
/// together apply it one after the other.
/// </summary>
public static partial class DatabaseSchema
{
    /// <summary>Creates or updates the SQLite grain-storage schema in the file named by <paramref name="connectionString"/>.</summary>
    public static async Task ApplySqliteAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ApplyScriptsAsync(connection, "sqlite", logger, cancellationToken);
    }

    /// <summary>Creates or updates the PostgreSQL schema for grain storage, clustering and reminders.</summary>
    public static async Task ApplyPostgreSqlAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ApplyScriptsAsync(connection, "postgresql", logger, cancellationToken);
    }

    private static async Task ApplyScriptsAsync(
        DbConnection connection,
        string dialect,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var assembly = typeof(DatabaseSchema).Assembly;
        var prefix = $"db/{dialect}/";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No embedded SQL scripts under '{prefix}' in {assembly.GetName().Name}.");
        }

        foreach (var script in scripts)
        {
            var sql = await ReadResourceAsync(assembly, script, cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
            LogScriptApplied(logger, script);
        }
    }

    private static async Task<string> ReadResourceAsync(Assembly assembly, string name, CancellationToken cancellationToken)
    {
        await using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Applied schema script {Script}")]
    private static partial void LogScriptApplied(ILogger logger, string script);
}
