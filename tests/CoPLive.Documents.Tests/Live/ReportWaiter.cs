using CoPLive.Analytics;

namespace CoPLive.Documents.Tests.Live;

/// <summary>Reads a community's analytics report until it shows what a test caused (stream delivery is asynchronous).</summary>
public static class ReportWaiter
{
    /// <summary>The report, asked again every 50 ms until <paramref name="done"/> holds; a TimeoutException naming <paramref name="what"/> after the timeout.</summary>
    public static async Task<AnalyticsReport> UntilAsync(DocumentScene.Person viewer, string communityId, Func<AnalyticsReport, bool> done, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        AnalyticsReport? last = null;
        while (!deadline.IsCancellationRequested)
        {
            last = await viewer.SendAsync<AnalyticsReport>(HttpMethod.Get, $"/api/communities/{communityId}/analytics", null);
            if (done(last))
            {
                return last;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"This did not happen: {what} (last report: {last?.EventsApplied} events applied, {last?.Documents.PerDocument.Length} documents)");
    }

    /// <summary>The document's row, or null.</summary>
    public static DocumentContributions? Row(AnalyticsReport report, string documentId) => report.Documents.PerDocument.FirstOrDefault(d => d.DocumentId == documentId);

    /// <summary><see cref="Contributors"/> of a document that Alice (northwind) and Bob (contoso) edited in one session each.</summary>
    public static object AliceAndBobOnce(DocumentScene scene) => Shape(
        2,
        2,
        string.Join(",", new[] { $"{scene.Alice.OrganizationId}=1", $"{scene.Bob.OrganizationId}=1" }.Order(StringComparer.Ordinal)),
        string.Join(",", new[] { scene.Alice.UserId, scene.Bob.UserId }.Order(StringComparer.Ordinal)),
        string.Join(",", new[] { $"{scene.Alice.OrganizationId}:1/1/1", $"{scene.Bob.OrganizationId}:1/1/1" }.Order(StringComparer.Ordinal)));

    /// <summary>What a viewer relies on of a document's contributors: counts, per organization, who (sorted), and the organizations' totals.</summary>
    public static object Contributors(AnalyticsReport report, string documentId)
    {
        var row = Row(report, documentId);
        return Shape(
            row?.Contributors,
            row?.Sessions,
            row is null ? "" : string.Join(",", row.ContributorsByOrganization.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
            row is null ? "" : string.Join(",", row.ContributorUserIds.Order(StringComparer.Ordinal)),
            string.Join(",", report.Documents.ByOrganization.OrderBy(o => o.OrganizationId, StringComparer.Ordinal).Select(o => $"{o.OrganizationId}:{o.Documents}/{o.Contributors}/{o.Sessions}")));
    }

    private static object Shape(int? contributors, int? sessions, string byOrganization, string users, string organizations) =>
        new { Contributors = contributors, Sessions = sessions, ByOrganization = byOrganization, Users = users, Organizations = organizations };
}
