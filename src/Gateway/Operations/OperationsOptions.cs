namespace CoPLive.Gateway.Operations;

/// <summary>The operations endpoints (/metrics, /health, /ready): configuration section <c>CoPLive:Operations</c>.</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "CoPLive:Operations";

    /// <summary>
    /// Whether /metrics needs an authenticated caller (a valid bearer token). Off by default, for scrapers on the
    /// node's private network; a node whose port is public should turn it on, or keep /metrics off the public route.
    /// </summary>
    public bool MetricsRequireAuthorization { get; set; }

    /// <summary>How long each readiness check may take before it counts as failed.</summary>
    public TimeSpan ReadinessCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
