using CoPLive.Gateway.Live;
using CoPLive.Gateway.Operations;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace CoPLive.Gateway.Hosting;

/// <summary>Registers and maps the operations endpoints: /metrics (Prometheus), /health (liveness), /ready (readiness).</summary>
public static class OperationsServiceCollectionExtensions
{
    public const string MetricsPath = "/metrics";
    public const string HealthPath = "/health";
    public const string ReadyPath = "/ready";

    /// <summary>The tag of the checks /ready runs; /health runs none (the process answering is the check).</summary>
    private const string ReadinessTag = "ready";

    /// <summary>The meters /metrics exports: the node's own, Orleans', and ASP.NET Core's (requests, Kestrel, SignalR connections).</summary>
    private static readonly string[] ExportedMeters =
    [
        CoPLiveMetrics.MeterName,
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
    ];

    public static IServiceCollection AddCoPLiveOperations(this IServiceCollection services)
    {
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.SectionName);
        services.AddSingleton(sp => new CoPLiveMetrics(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            () => sp.GetRequiredService<GatewayRooms>().RoomCount));
        services.Configure<HubOptions>(hub => hub.AddFilter<MetricsHubFilter>());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ExportedMeters).AddPrometheusExporter());
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadinessTag])
            .AddCheck<ClusterHealthCheck>("cluster", tags: [ReadinessTag]);
        services.AddOptions<HealthCheckServiceOptions>()
            .Configure<IOptions<OperationsOptions>>((health, operations) =>
            {
                foreach (var check in health.Registrations)
                {
                    check.Timeout = operations.Value.ReadinessCheckTimeout;
                }
            });
        return services;
    }

    public static WebApplication MapCoPLiveOperations(this WebApplication app)
    {
        var metrics = app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (app.Services.GetRequiredService<IOptions<OperationsOptions>>().Value.MetricsRequireAuthorization)
        {
            metrics.RequireAuthorization();
        }
        else
        {
            metrics.AllowAnonymous();
        }

        app.MapHealthChecks(HealthPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponses.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadinessTag), ResponseWriter = HealthResponses.WriteAsync })
            .AllowAnonymous();
        return app;
    }
}
