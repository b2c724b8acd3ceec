using CoPLive.Testing;

namespace CoPLive.Cluster.Tests;

/// <summary>
/// Settings of the cluster nodes that the dead-node tests start as child processes on PostgreSQL: failure detection
/// a little quicker than Orleans' defaults (probes time out after 3 s) and otherwise as shipped; CoPLive's and the
/// membership's information in the output, which the tests print when they fail.
/// </summary>
internal static class DeadNodeSettings
{
    public static Dictionary<string, string?> For(string clusterId) =>
        new(TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, clusterId))
        {
            ["CoPLive:Orleans:Membership:ProbeTimeout"] = "00:00:03",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:CoPLive"] = "Information",
            ["Logging:LogLevel:Orleans.Runtime.MembershipService"] = "Information",
        };
}
