using CoPLive.Analytics;
using CoPLive.Identity;

namespace CoPLive.Activity;

/// <summary>
/// The analytics of one community; keyed by the community id. It reads the community's activity stream
/// (an implicit subscription on <see cref="ActivityStreams.Namespace"/>), keeps compact durable aggregates,
/// and answers reports with the privacy rules applied for the viewer (docs/analytics.md).
/// </summary>
[Alias("CoPLive.IActivityGrain")]
public interface IActivityGrain : IGrainWithStringKey
{
    /// <summary>The report over the query's window as <paramref name="viewer"/> may see it; not-found outside the community, forbidden for a non-member, invalid-request for a bad window.</summary>
    [Alias("GetReport")]
    Task<AnalyticsReport> GetReportAsync(MemberIdentity viewer, AnalyticsQuery query);

    /// <summary>A coordinator rebuilds the aggregates from the stored threads and meetups (document figures are kept: documents have no history to read yet).</summary>
    [Alias("Rebuild")]
    Task<AnalyticsRebuilt> RebuildAsync(MemberIdentity caller);
}
