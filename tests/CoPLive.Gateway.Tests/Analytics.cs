using CoPLive.Analytics;
using CoPLive.Testing;

namespace CoPLive.Gateway.Tests;

/// <summary>Reading a community's analytics over REST.</summary>
public static class Analytics
{
    public static async Task<AnalyticsReport> GetAsync(HttpClient http, string communityId, string query) =>
        await ApiAssert.OkAsync<AnalyticsReport>(await http.GetAsync($"/api/communities/{communityId}/analytics{query}"));

    public static async Task<string[]> CsvAsync(HttpClient http, string communityId, string query)
    {
        var response = await http.GetAsync($"/api/communities/{communityId}/analytics/csv{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// The report once the community's analytics grain has applied <paramref name="count"/> events from the
    /// stream (delivery is asynchronous). It asks again after each answer that has fewer; the timeout names what
    /// did not happen.
    /// </summary>
    public static Task<AnalyticsReport> WaitForEventsAsync(HttpClient http, string communityId, int count) =>
        WaitAsync(http, communityId, count).Within($"the analytics of {communityId} apply {count} activity events");

    private static async Task<AnalyticsReport> WaitAsync(HttpClient http, string communityId, int count)
    {
        while (true)
        {
            var report = await GetAsync(http, communityId, "");
            if (report.EventsApplied >= count)
            {
                return report;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
