namespace CoPLive.Analytics;

/// <summary>What a rebuild from stored content read: threads, meetups, documents, and the activity it replayed.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.AnalyticsRebuilt")]
public sealed record AnalyticsRebuilt(
    [property: Id(0)] int Threads,
    [property: Id(1)] int Meetups,
    [property: Id(2)] int Events,
    [property: Id(3)] DateTimeOffset RebuiltAt,
    [property: Id(4)] int Documents);
