using System.Collections.Immutable;

namespace CoPLive.Analytics;

/// <summary>
/// A community's analytics as one viewer may see them, over the window [<paramref name="From"/>, <paramref name="To"/>)
/// (whole UTC days). <paramref name="MemberDetail"/> says which member-level figures the viewer gets: "all" (a
/// coordinator: every member except those of organizations counted only, unless of the coordinator's own), or
/// "self" (only the viewer's own row).
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.AnalyticsReport")]
public sealed record AnalyticsReport(
    [property: Id(0)] string CommunityId,
    [property: Id(1)] DateTimeOffset AsOf,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset To,
    [property: Id(4)] int Days,
    [property: Id(5)] AnalyticsThresholds Thresholds,
    [property: Id(6)] string MemberDetail,
    [property: Id(7)] long EventsApplied,
    [property: Id(8)] DateTimeOffset? RebuiltAt,
    [property: Id(9)] Participation Participation,
    [property: Id(10)] KnowledgeFlow KnowledgeFlow,
    [property: Id(11)] MeetupAnalytics Meetups,
    [property: Id(12)] DocumentAnalytics Documents,
    [property: Id(13)] ImmutableArray<OrganizationBalance> Organizations);
