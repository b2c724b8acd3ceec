using System.Net;
using System.Text.Json;
using CoPLive.Common;
using CoPLive.Gateway.Operations;
using CoPLive.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoPLive.Gateway.Tests;

/// <summary>Operations endpoints on a node of its own: one whose storage goes away, one that protects /metrics.</summary>
public sealed class OperationsNodeTests
{
    [Fact]
    public async Task Ready_WhenTheSqliteFileIsGone_Is503_NamingStorage_WhileHealthStays200()
    {
        var folder = RepositoryPaths.NewTempFolder();
        await using var gateway = await TestGateway.StartAsync(TestGateway.SqliteSettings(folder));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Http.GetAsync("/ready")).StatusCode);

        Directory.Delete(folder, recursive: true);
        var ready = await gateway.Http.GetAsync("/ready");
        var health = await gateway.Http.GetAsync("/health");

        var body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, $"Expected 503, got {(int)ready.StatusCode}: {body}");
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks");
        Assert.Equal("unhealthy", checks.GetProperty("storage").GetProperty("status").GetString());
        Assert.Contains("SQLite", checks.GetProperty("storage").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("healthy", checks.GetProperty("cluster").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task StorageCheck_AgainstAPostgreSqlServerThatIsNotThere_IsUnhealthy()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CoPLive:Orleans:Persistence"] = "PostgreSql",
            ["CoPLive:Orleans:PostgreSqlConnectionString"] = $"Host=127.0.0.1;Port={FreePorts.Next()};Username=coplive;Password=none;Database=coplive;Timeout=5",
        }).Build();
        var check = new StorageHealthCheck(configuration, NullLogger<StorageHealthCheck>.Instance);

        var result = await check.CheckHealthAsync(new HealthCheckContext()).Within("the storage check gives up");

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("PostgreSQL at 127.0.0.1 does not answer", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WhenConfiguredToRequireAuthorization_Are401WithoutAToken_And200WithOne()
    {
        var settings = TestGateway.SqliteSettings(RepositoryPaths.NewTempFolder());
        settings["CoPLive:Operations:MetricsRequireAuthorization"] = "true";
        await using var gateway = await TestGateway.StartAsync(settings);
        var token = await gateway.TokenAsync(CoPLiveIds.New("ops"), "Ops", CoPLiveIds.New("northwind"));

        var anonymous = await gateway.Http.GetAsync("/metrics");
        var authorized = await gateway.Client(token).GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Http.GetAsync("/ready")).StatusCode);
    }
}
