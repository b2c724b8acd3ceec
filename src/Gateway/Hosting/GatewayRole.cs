namespace CoPLive.Gateway.Hosting;

/// <summary>Whether the gateway process also hosts a silo.</summary>
public enum GatewayRole
{
    /// <summary>Co-hosts a silo: the embedded default, and a full cluster node.</summary>
    CoHosted,

    /// <summary>A pure Orleans client of a cluster of silo-only nodes.</summary>
    Client,
}
