using CoPLive.Testing;

namespace CoPLive.Cluster.Tests;

/// <summary>Nothing acknowledged is lost: the gateway process is killed (SIGKILL) and started again on the same storage.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task AcknowledgedWrites_SurviveAProcessKill_OnTheEmbeddedSqliteFile()
    {
        var folder = RepositoryPaths.NewTempFolder();
        var settings = TestGateway.SqliteSettings(folder);

        await RestartScenario.RunAsync(settings);

        Assert.True(File.Exists(Path.Combine(folder, "coplive.db")), "the SQLite file exists where configured");
    }

    [Fact]
    public async Task AcknowledgedWrites_SurviveAProcessKill_OnPostgreSql()
    {
        var settings = TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, $"restart-{Guid.NewGuid():n}");

        await RestartScenario.RunAsync(settings);
    }
}
