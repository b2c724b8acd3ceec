namespace CoPLive.Communities;

/// <summary>One change of admission, membership, role or policy: who did what to whom, when.</summary>
/// <param name="Action">A stable kebab-case verb, one of <see cref="AuditActions"/>.</param>
/// <param name="Subject">The user or organization id the change is about.</param>
/// <param name="Detail">The new value where there is one (a role, a policy), else null.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string ActorUserId,
    [property: Id(2)] string ActorOrganizationId,
    [property: Id(3)] string Action,
    [property: Id(4)] string Subject,
    [property: Id(5)] string? Detail);
