using CoPLive.Testing;

namespace CoPLive.Documents.Tests.Live;

/// <summary>Nothing acknowledged is lost: the friendsforever trace through a gateway process killed halfway (SIGKILL), on real storage.</summary>
public sealed class DocumentDurabilityTests
{
    [Fact]
    public async Task TheFriendsForeverTrace_EndsWithItsEndContent_AfterAKillHalfway_OnTheSqliteFile()
    {
        var folder = RepositoryPaths.NewTempFolder();

        await TraceReplayScenario.RunAsync(TestGateway.SqliteSettings(folder));

        Assert.True(File.Exists(Path.Combine(folder, "coplive.db")), "the SQLite file exists where configured");
    }

    [Fact]
    public async Task TheFriendsForeverTrace_EndsWithItsEndContent_AfterAKillHalfway_OnPostgreSql()
    {
        await TraceReplayScenario.RunAsync(TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, $"docs-{Guid.NewGuid():n}"));
    }
}
