using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoPLive.Gateway.Operations;

/// <summary>
/// Readiness: a grain call reaches the Orleans cluster, and the cluster has at least one active silo. It asks
/// the management grain for the active hosts, which reads the cluster's membership and touches no storage.
/// </summary>
public sealed partial class ClusterHealthCheck(IGrainFactory grains, ILogger<ClusterHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"The cluster answers with {hosts.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("The cluster answers but has no active silo.");
        }
        catch (Exception exception) when (exception is OrleansException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            LogUnhealthy(logger, exception);
            return HealthCheckResult.Unhealthy($"The cluster does not answer: {exception.Message}", exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: the Orleans cluster does not answer")]
    private static partial void LogUnhealthy(ILogger logger, Exception exception);
}
