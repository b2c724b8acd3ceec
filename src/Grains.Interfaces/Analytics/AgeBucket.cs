namespace CoPLive.Analytics;

/// <summary>Open questions of one age range ("under-1-day", "1-to-7-days", "7-to-30-days", "over-30-days"), and how many of them have no answer at all.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.AgeBucket")]
public sealed record AgeBucket(
    [property: Id(0)] string Age,
    [property: Id(1)] int Open,
    [property: Id(2)] int Unanswered);
