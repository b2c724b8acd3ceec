using System.Data.Common;
using CoPLive.Analytics;
using CoPLive.Documents.Yjs;
using CoPLive.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CoPLive.Documents.Tests.Live;

/// <summary>
/// Editing sessions are stored content that outlives a process kill: members of two organizations edit through the hub
/// with their sessions still open (an hour of idleness ends one), the gateway process is killed (SIGKILL), and after a
/// restart the sessions the killed process had stored are ended and counted. Then the analytics row itself is wiped
/// and a rebuild from the stored content gives the same document contributors. On the SQLite file and on PostgreSQL.
/// </summary>
public sealed class DocumentSessionDurabilityTests
{
    [Fact]
    public async Task OpenEditingSessions_SurviveAKill_AndAWipedAnalyticsRowIsRebuilt_OnTheSqliteFile()
    {
        var folder = RepositoryPaths.NewTempFolder();
        await RunAsync(TestGateway.SqliteSettings(folder), sqlite: true, () => new SqliteConnection($"Data Source={Path.Combine(folder, "coplive.db")};Pooling=False"));
    }

    [Fact]
    public async Task OpenEditingSessions_SurviveAKill_AndAWipedAnalyticsRowIsRebuilt_OnPostgreSql()
    {
        await RunAsync(TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, $"sessions-{Guid.NewGuid():n}"), sqlite: false, () => new NpgsqlConnection(TestPostgres.ConnectionString));
    }

    private static async Task RunAsync(Dictionary<string, string?> settings, bool sqlite, Func<DbConnection> database)
    {
        settings["CoPLive:Documents:EditSessionIdle"] = "01:00:00";
        var port = FreePorts.Next();
        DocumentScene scene;
        string documentId;
        using var clients = new RealClients();
        using var yjs = new V8YjsEngine(NullLogger<V8YjsEngine>.Instance);
        await using (var first = await GatewayProcess.StartAsync(settings, port))
        {
            scene = await DocumentScene.CreateAsync(first.Address);
            documentId = (await scene.CreateDocumentAsync()).Id;
            await using var alice = await HubDocumentClient.OpenAsync(first.Address, scene.Alice.Token, documentId, yjs, clients);
            await using var bob = await HubDocumentClient.OpenAsync(first.Address, scene.Bob.Token, documentId, yjs, clients);
            await alice.EditAsync("doc.getText('content').insert(0, 'Check the toe drains. ')");
            await alice.EditAsync("doc.getText('content').insert(0, 'Weekly: ')");
            await bob.EditAsync("doc.getText('content').insert(0, 'Contoso adds: ')");

            // Open sessions are stored with their counters on the document's next idle tick, not ended.
            await UntilStoredAsync(database, sqlite, documentId, "2+1 open", "the open sessions' counters are stored (alice 2, bob 1)");
            await first.KillAsync();
        }

        await using (var second = await GatewayProcess.StartAsync(settings, port))
        {
            scene = scene.On(second.Address);
            var before = await scene.Alice.SendAsync<AnalyticsReport>(HttpMethod.Get, $"/api/communities/{scene.CommunityId}/analytics", null);
            Assert.Null(ReportWaiter.Row(before, documentId));

            // The document's next load of its content (here for an export) ends the sessions the killed activation
            // left open, and publishes them.
            var export = await scene.Bob.RawAsync(HttpMethod.Get, $"/api/documents/{documentId}/export?format=markdown", null);
            // Alice's and Bob's inserts at 0 may be concurrent, so their order is Yjs' to decide; all three are there.
            var text = await export.Content.ReadAsStringAsync();
            Assert.All(new[] { "Weekly: ", "Contoso adds: ", "Check the toe drains. " }, part => Assert.Contains(part, text, StringComparison.Ordinal));
            var restored = await ReportWaiter.UntilAsync(scene.Alice, scene.CommunityId, r => ReportWaiter.Row(r, documentId)?.Sessions == 2, "the sessions left open by the killed process are counted");
            Assert.Equal(ReportWaiter.AliceAndBobOnce(scene), ReportWaiter.Contributors(restored, documentId));
            Assert.Equal("2+1 ended", await StoredAsync(database, sqlite, documentId));
            await second.KillAsync();
        }

        await WipeAnalyticsAsync(database, scene.CommunityId);
        await using var third = await GatewayProcess.StartAsync(settings, port);
        scene = scene.On(third.Address);
        var wiped = await scene.Alice.SendAsync<AnalyticsReport>(HttpMethod.Get, $"/api/communities/{scene.CommunityId}/analytics", null);
        Assert.Null(ReportWaiter.Row(wiped, documentId));
        var rebuilt = await scene.Alice.SendAsync<AnalyticsRebuilt>(HttpMethod.Post, $"/api/communities/{scene.CommunityId}/analytics/rebuild", null);
        var after = await scene.Alice.SendAsync<AnalyticsReport>(HttpMethod.Get, $"/api/communities/{scene.CommunityId}/analytics", null);

        Assert.Equal((1, 2), (rebuilt.Documents, rebuilt.Events));
        Assert.Equal(ReportWaiter.AliceAndBobOnce(scene), ReportWaiter.Contributors(after, documentId));
    }

    /// <summary>The document's stored sessions as "updates+updates state" (updates sorted high to low), e.g. "2+1 open".</summary>
    private static async Task<string> StoredAsync(Func<DbConnection> database, bool sqlite, string documentId)
    {
        await using var connection = database();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sqlite
            ? "SELECT Updates, Ended FROM CoPLiveDocumentSession WHERE DocumentId = @id"
            : "SELECT updates, ended FROM coplive_document_session WHERE document_id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = documentId;
        command.Parameters.Add(parameter);
        List<(int Updates, bool Ended)> rows = [];
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToBoolean(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        var states = rows.Select(r => r.Ended ? "ended" : "open").Distinct().ToList();
        return string.Join("+", rows.Select(r => r.Updates).OrderDescending()) + " " + string.Join("/", states);
    }

    private static async Task UntilStoredAsync(Func<DbConnection> database, bool sqlite, string documentId, string expected, string what)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        string stored;
        while ((stored = await StoredAsync(database, sqlite, documentId)) != expected)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Within 30 s, this did not happen: {what} (stored: '{stored}')");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Deletes the community's analytics row from grain storage (the gateway is down): as if the aggregates were lost.</summary>
    private static async Task WipeAnalyticsAsync(Func<DbConnection> database, string communityId)
    {
        await using var connection = database();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM OrleansStorage WHERE GrainTypeString = 'community-activity' AND GrainIdExtensionString = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = communityId;
        command.Parameters.Add(parameter);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
