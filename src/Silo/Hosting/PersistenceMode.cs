namespace CoPLive.Silo.Hosting;

/// <summary>Where a node keeps grain state, cluster membership and reminders.</summary>
public enum PersistenceMode
{
    /// <summary>The embedded default: grain storage in a SQLite file, localhost clustering, in-memory reminders. One node.</summary>
    Sqlite,

    /// <summary>A cluster: grain storage, clustering and reminders in PostgreSQL.</summary>
    PostgreSql,
}
