using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CoPLive.Silo.Storage;

/// <summary>The ADO.NET invariant names the Orleans providers are configured with.</summary>
public static class AdoNetInvariants
{
    /// <summary>PostgreSQL through Npgsql.</summary>
    public const string PostgreSql = "Npgsql";

    /// <summary>
    /// SQLite. Orleans knows SQLite by the invariant "System.Data.SQLite"; here Microsoft.Data.Sqlite serves it,
    /// registered under that name with <see cref="DbProviderFactories"/>.
    /// </summary>
    public const string Sqlite = "System.Data.SQLite";

    /// <summary>Registers Microsoft.Data.Sqlite as the provider of <see cref="Sqlite"/> (idempotent).</summary>
    public static void RegisterSqlite() => DbProviderFactories.RegisterFactory(Sqlite, SqliteFactory.Instance);
}
