using System.Net.Http.Headers;
using System.Net.Http.Json;
using CoPLive.Analytics;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Gateway.Api;
using CoPLive.Testing;
using CoPLive.Threads;

namespace CoPLive.Cluster.Tests;

/// <summary>
/// The analytics aggregates survive a process kill (SIGKILL of the gateway process) and a restart on the same
/// storage, and a rebuild from the stored threads after the restart gives the same figures. Writes of the facts are
/// delayed (<c>CoPLive:Analytics:WriteDelay</c>): what a kill left unwritten, the next activation rebuilds.
/// </summary>
public sealed class AnalyticsRestartTests
{
    [Fact]
    public async Task TheAggregates_SurviveAProcessKill_OnTheEmbeddedSqliteFile_AndARebuildAgrees()
    {
        await RunAsync(TestGateway.SqliteSettings(RepositoryPaths.NewTempFolder()));
    }

    [Fact]
    public async Task TheAggregates_SurviveAProcessKill_OnPostgreSql_AndARebuildAgrees()
    {
        await RunAsync(TestGateway.PostgreSqlSettings(TestPostgres.ConnectionString, $"analytics-{Guid.NewGuid():n}"));
    }

    [Fact]
    public async Task FactsLeftUnwrittenByAKill_AreRebuiltFromTheContent_OnTheNextActivation()
    {
        // Ten minutes (the longest delay allowed): only the first event's write (which marks the row open) reaches the file before the kill.
        var settings = TestGateway.SqliteSettings(RepositoryPaths.NewTempFolder());
        settings["CoPLive:Analytics:WriteDelay"] = "00:10:00";
        var after = await RunAsync(settings);
        Assert.NotNull(after.RebuiltAt);
    }

    private static async Task<AnalyticsReport> RunAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var httpPort = FreePorts.Next();
        var northwind = CoPLiveIds.New("northwind");
        var contoso = CoPLiveIds.New("contoso");
        string aliceToken, bobToken, communityId;
        AnalyticsReport before;

        await using (var first = await GatewayProcess.StartAsync(settings, httpPort))
        {
            using var http = new HttpClient { BaseAddress = first.Address };
            aliceToken = await TokenAsync(http, "alice", "Alice", northwind);
            bobToken = await TokenAsync(http, "bob", "Bob", contoso);
            communityId = (await SendAsync<CommunityDetails>(http, aliceToken, HttpMethod.Post, "/api/communities", new { name = "Rock mechanics", domain = "geotechnics" })).Id;
            await SendAsync<CommunityDetails>(http, aliceToken, HttpMethod.Post, $"/api/communities/{communityId}/organizations", new { organizationId = contoso });
            await SendAsync<JoinResult>(http, bobToken, HttpMethod.Post, $"/api/communities/{communityId}/join", null);
            var question = await SendAsync<ThreadView>(http, bobToken, HttpMethod.Post, $"/api/communities/{communityId}/threads", new { title = "Rock bolts", kind = "question", body = "Which length?" });
            var answer = await SendAsync<ThreadPost>(http, aliceToken, HttpMethod.Post, $"/api/threads/{question.Thread.Id}/posts", new { body = "Twice the joint spacing." });
            await SendAsync<ThreadSummary>(http, bobToken, HttpMethod.Post, $"/api/threads/{question.Thread.Id}/accept", new { postId = answer.Id });

            // thread-created, post-added, answer-accepted: applied (and written) before the report shows them.
            before = await WaitForEventsAsync(http, aliceToken, communityId, 3).Within("the analytics apply the 3 activity events before the kill");
            Assert.Equal([new OrganizationFlow(northwind, contoso, 1, 1)], before.KnowledgeFlow.Flows.ToArray());

            await first.KillAsync();
        }

        await using var second = await GatewayProcess.StartAsync(settings, httpPort);
        using var again = new HttpClient { BaseAddress = second.Address };
        var after = await SendAsync<AnalyticsReport>(again, aliceToken, HttpMethod.Get, $"/api/communities/{communityId}/analytics", null);
        Assert.Equal(3, after.EventsApplied);
        AssertSameFigures(before, after);

        var rebuilt = await SendAsync<AnalyticsRebuilt>(again, aliceToken, HttpMethod.Post, $"/api/communities/{communityId}/analytics/rebuild", null);
        Assert.Equal((1, 0, 3), (rebuilt.Threads, rebuilt.Meetups, rebuilt.Events));
        AssertSameFigures(before, await SendAsync<AnalyticsReport>(again, aliceToken, HttpMethod.Get, $"/api/communities/{communityId}/analytics", null));
        return after;
    }

    private static void AssertSameFigures(AnalyticsReport expected, AnalyticsReport actual)
    {
        Assert.Equal(expected.Participation.Levels, actual.Participation.Levels);
        Assert.Equal(
            expected.Participation.Members.Select(m => (m.UserId, m.Level, m.Contributions, m.AnswersGiven, m.AcceptedAnswers)),
            actual.Participation.Members.Select(m => (m.UserId, m.Level, m.Contributions, m.AnswersGiven, m.AcceptedAnswers)));
        Assert.Equal(expected.KnowledgeFlow.Flows.ToArray(), actual.KnowledgeFlow.Flows.ToArray());
        Assert.Equal(expected.KnowledgeFlow.Organizations.ToArray(), actual.KnowledgeFlow.Organizations.ToArray());
        Assert.Equal(expected.KnowledgeFlow.TimeToFirstAnswer, actual.KnowledgeFlow.TimeToFirstAnswer);
        Assert.Equal(expected.KnowledgeFlow.TimeToAcceptedAnswer, actual.KnowledgeFlow.TimeToAcceptedAnswer);
        Assert.Equal(expected.Organizations.ToArray(), actual.Organizations.ToArray());
    }

    /// <summary>Asks for the report again after each answer that has fewer events applied (stream delivery is asynchronous).</summary>
    private static async Task<AnalyticsReport> WaitForEventsAsync(HttpClient http, string token, string communityId, int count)
    {
        while (true)
        {
            var report = await SendAsync<AnalyticsReport>(http, token, HttpMethod.Get, $"/api/communities/{communityId}/analytics", null);
            if (report.EventsApplied >= count)
            {
                return report;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private static async Task<string> TokenAsync(HttpClient http, string userId, string name, string organizationId)
    {
        var response = await http.PostAsJsonAsync("/api/dev/token", new DevTokenRequest(userId, name, organizationId));
        return (await ApiResponses.OkAsync<DevTokenResponse>(response)).Token;
    }

    private static async Task<T> SendAsync<T>(HttpClient http, string token, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await ApiResponses.OkAsync<T>(await http.SendAsync(request));
    }
}
