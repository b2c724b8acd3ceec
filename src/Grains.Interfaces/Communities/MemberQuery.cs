namespace CoPLive.Communities;

/// <summary>Which members of the directory to list: of one organization, whose name contains a text, with given ids, one page of them.</summary>
/// <param name="OrganizationId">Only this organization's members, or all.</param>
/// <param name="Search">Only members whose display name contains this (case-insensitive), or all.</param>
/// <param name="Offset">How many matching members (in joining order) to skip.</param>
/// <param name="Limit">At most this many (1 to <see cref="Common.Limits.MemberPageSize"/>), or every matching member.</param>
/// <param name="UserIds">Only these members (at most <see cref="Common.Limits.MemberIdsPerQuery"/>), or all.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.MemberQuery")]
public sealed record MemberQuery(
    [property: Id(0)] string? OrganizationId = null,
    [property: Id(1)] string? Search = null,
    [property: Id(2)] int Offset = 0,
    [property: Id(3)] int? Limit = null,
    [property: Id(4)] System.Collections.Immutable.ImmutableArray<string> UserIds = default);
