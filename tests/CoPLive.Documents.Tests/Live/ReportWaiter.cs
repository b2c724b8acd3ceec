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

    /// <summary>What a viewer relies on of a document's contributors: counts, per organization, who (sorted), and the organizations' totals.</summary>
    public static object Contributors(AnalyticsReport report, string documentId)
    {
        var row = Row(report, documentId);
        return new
        {
            Contributors = row?.Contributors,
            Sessions = row?.Sessions,
            ByOrganization = row is null ? "" : string.Join(",", row.ContributorsByOrganization.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
            Users = row is null ? "" : string.Join(",", row.ContributorUserIds.Order(StringComparer.Ordinal)),
            Organizations = string.Join(",", report.Documents.ByOrganization.OrderBy(o => o.OrganizationId, StringComparer.Ordinal).Select(o => $"{o.OrganizationId}:{o.Documents}/{o.Contributors}/{o.Sessions}")),
        };
    }
}
