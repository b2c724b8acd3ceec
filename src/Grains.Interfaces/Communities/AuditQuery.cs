namespace CoPLive.Communities;

/// <summary>Which entries of a community's audit log to list: one page of them, oldest or newest first.</summary>
/// <param name="Offset">How many entries (in the order asked for) to skip.</param>
/// <param name="Limit">At most this many (1 to <see cref="Common.Limits.AuditListPageSize"/>), or every entry.</param>
/// <param name="NewestFirst">The newest entry first, instead of the oldest.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.AuditQuery")]
public sealed record AuditQuery(
    [property: Id(0)] int Offset = 0,
    [property: Id(1)] int? Limit = null,
    [property: Id(2)] bool NewestFirst = false);
