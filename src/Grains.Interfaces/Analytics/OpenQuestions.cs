using System.Collections.Immutable;

namespace CoPLive.Analytics;

/// <summary>Questions without an accepted answer at the report's moment, whatever the window, by age.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.OpenQuestions")]
public sealed record OpenQuestions(
    [property: Id(0)] int Open,
    [property: Id(1)] int Unanswered,
    [property: Id(2)] ImmutableArray<AgeBucket> ByAge);
