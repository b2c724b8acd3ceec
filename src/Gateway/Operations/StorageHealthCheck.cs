using System.Data.Common;
using CoPLive.Silo.Hosting;
using CoPLive.Silo.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace CoPLive.Gateway.Operations;

/// <summary>
/// Readiness: the node's configured storage answers a query on a new connection. For SQLite the file must
/// exist and be a database (the probe never creates it); for PostgreSQL the server must accept the connection.
/// </summary>
public sealed partial class StorageHealthCheck(IConfiguration configuration, ILogger<StorageHealthCheck> logger) : IHealthCheck
{
    private readonly CoPLiveOrleansOptions _options = CoPLiveOrleansOptions.FromConfiguration(configuration);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (database, where) = _options.Persistence == PersistenceMode.PostgreSql
            ? ("PostgreSQL", new NpgsqlConnectionStringBuilder(_options.PostgreSqlConnectionString).Host ?? "?")
            : ("SQLite", Path.GetFullPath(_options.SqlitePath));
        try
        {
            await using var connection = Connect();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();

            // SQLite reads nothing for "select 1"; counting the schema reads the file's header and first page.
            command.CommandText = _options.Persistence == PersistenceMode.PostgreSql ? "select 1" : "select count(*) from sqlite_master";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{database} at {where} answers.");
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            LogUnhealthy(logger, exception, database, where);
            return HealthCheckResult.Unhealthy($"{database} at {where} does not answer: {exception.Message}", exception);
        }
    }

    private DbConnection Connect()
    {
        if (_options.Persistence == PersistenceMode.PostgreSql)
        {
            return new NpgsqlConnection(_options.PostgreSqlConnectionString);
        }

        // Unpooled, so that a file deleted or replaced since the last probe is noticed; ReadWrite never creates it.
        var builder = new SqliteConnectionStringBuilder(SqliteConnectionStrings.For(_options.SqlitePath))
        {
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        return new SqliteConnection(builder.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: storage {Database} at {Location} does not answer")]
    private static partial void LogUnhealthy(ILogger logger, Exception exception, string database, string location);
}
