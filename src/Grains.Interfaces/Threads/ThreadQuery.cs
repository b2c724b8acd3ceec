namespace CoPLive.Threads;

/// <summary>Which threads of a community's list to answer: unanswered questions only, started by one organization, one page of them.</summary>
/// <param name="UnansweredOnly">Only question threads without an accepted answer.</param>
/// <param name="OrganizationId">Only threads started by members of this organization, or all.</param>
/// <param name="Offset">How many matching threads (latest activity first) to skip.</param>
/// <param name="Limit">At most this many (1 to <see cref="Common.Limits.ThreadPageSize"/>), or every matching thread.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.ThreadQuery")]
public sealed record ThreadQuery(
    [property: Id(0)] bool UnansweredOnly = false,
    [property: Id(1)] string? OrganizationId = null,
    [property: Id(2)] int Offset = 0,
    [property: Id(3)] int? Limit = null);
