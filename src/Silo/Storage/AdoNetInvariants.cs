namespace CoPLive.Silo.Storage;

/// <summary>The ADO.NET invariant names the Orleans providers are configured with.</summary>
public static class AdoNetInvariants
{
    /// <summary>PostgreSQL through Npgsql.</summary>
    public const string PostgreSql = "Npgsql";

    /// <summary>
    /// SQLite. Orleans 10.4's own connection factory maps this invariant to Microsoft.Data.Sqlite's
    /// <c>SqliteFactory</c>; no registration is needed.
    /// </summary>
    public const string Sqlite = "System.Data.SQLite";
}
