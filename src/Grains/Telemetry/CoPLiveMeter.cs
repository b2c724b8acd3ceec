namespace CoPLive;

/// <summary>
/// The node's one meter: the gateway's instruments (<c>CoPLiveMetrics</c>) and the grains' (<see cref="Documents.DocumentMetrics"/>)
/// are created on it, and /metrics exports it with the Orleans and ASP.NET Core meters.
/// </summary>
public static class CoPLiveMeter
{
    public const string Name = "CoPLive";
}
