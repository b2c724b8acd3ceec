using CoPLive.Silo.Hosting;
using Microsoft.Data.Sqlite;

namespace CoPLive.Silo.Storage;

/// <summary>
/// Creates the database schema before the silo starts: it works in <see cref="StartingAsync"/>, which the
/// host runs before any hosted service's StartAsync (the silo's included).
/// </summary>
public sealed partial class SchemaInitializer(CoPLiveOrleansOptions options, ILogger<SchemaInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.ApplySchemaOnStart)
        {
            return;
        }

        switch (options.Persistence)
        {
            case PersistenceMode.Sqlite:
                var directory = Path.GetDirectoryName(Path.GetFullPath(options.SqlitePath));
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                await DatabaseSchema.ApplySqliteAsync(SqliteConnectionStrings.For(options.SqlitePath), logger, cancellationToken);
                LogSchemaReady(logger, "SQLite", Path.GetFullPath(options.SqlitePath));
                break;
            case PersistenceMode.PostgreSql:
                await DatabaseSchema.ApplyPostgreSqlAsync(options.PostgreSqlConnectionString!, logger, cancellationToken);
                LogSchemaReady(logger, "PostgreSQL", new Npgsql.NpgsqlConnectionStringBuilder(options.PostgreSqlConnectionString).Host ?? "?");
                break;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        // Let the SQLite file be moved or deleted once the node is down (tests restart on the same file).
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema ready on {Database} at {Location}")]
    private static partial void LogSchemaReady(ILogger logger, string database, string location);
}
