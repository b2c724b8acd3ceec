using System.ComponentModel.DataAnnotations;

namespace CoPLive.Silo.Hosting;

/// <summary>How a node joins its cluster and where it persists: configuration section <c>CoPLive:Orleans</c>.</summary>
public sealed class CoPLiveOrleansOptions
{
    public const string SectionName = "CoPLive:Orleans";

    /// <summary>Sqlite (embedded default) or PostgreSql (cluster).</summary>
    public PersistenceMode Persistence { get; set; } = PersistenceMode.Sqlite;

    /// <summary>The SQLite file for grain storage, relative to the working directory.</summary>
    public string SqlitePath { get; set; } = "data/coplive.db";

    /// <summary>The PostgreSQL connection string (Npgsql syntax), required when <see cref="Persistence"/> is PostgreSql.</summary>
    public string? PostgreSqlConnectionString { get; set; }

    [Required]
    public string ClusterId { get; set; } = "coplive";

    [Required]
    public string ServiceId { get; set; } = "coplive";

    /// <summary>Silo-to-silo port.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port on which the silo accepts Orleans clients (pure gateway nodes).</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address the silo advertises to the cluster; 127.0.0.1 when not set.</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Whether to create the database schema at start-up (idempotent). On by default.</summary>
    public bool ApplySchemaOnStart { get; set; } = true;

    /// <summary>Throws a message that names the setting when the options cannot work.</summary>
    public void Validate()
    {
        if (Persistence == PersistenceMode.PostgreSql && string.IsNullOrWhiteSpace(PostgreSqlConnectionString))
        {
            throw new InvalidOperationException(
                $"{SectionName}:{nameof(PostgreSqlConnectionString)} is required when {SectionName}:{nameof(Persistence)} is PostgreSql.");
        }

        if (Persistence == PersistenceMode.Sqlite && string.IsNullOrWhiteSpace(SqlitePath))
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(SqlitePath)} is required when {SectionName}:{nameof(Persistence)} is Sqlite.");
        }

        if (!System.Net.IPAddress.TryParse(AdvertisedIPAddress, out _))
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(AdvertisedIPAddress)} '{AdvertisedIPAddress}' is not an IP address.");
        }
    }

    /// <summary>Reads and validates the options from configuration (hosting needs them before the container is built).</summary>
    public static CoPLiveOrleansOptions FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var options = new CoPLiveOrleansOptions();
        Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configuration.GetSection(SectionName), options);
        options.PostgreSqlConnectionString ??= Microsoft.Extensions.Configuration.ConfigurationExtensions.GetConnectionString(configuration, "PostgreSql");
        options.Validate();
        return options;
    }
}
