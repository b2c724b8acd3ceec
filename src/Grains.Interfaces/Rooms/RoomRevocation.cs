using System.Collections.Immutable;

namespace CoPLive.Rooms;

/// <summary>
/// Whose access to a room ended: named members, every member of some organizations, and (when an audience
/// narrowed) everyone whose organization is not in <see cref="KeepOnlyOrganizations"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.RoomRevocation")]
public sealed record RoomRevocation(
    [property: Id(0)] ImmutableArray<string> UserIds,
    [property: Id(1)] ImmutableArray<string> OrganizationIds,
    [property: Id(2)] string Code,
    [property: Id(3)] string Reason,
    [property: Id(4)] ImmutableArray<string>? KeepOnlyOrganizations = null)
{
    /// <summary>Whether a connection of <paramref name="member"/> must leave.</summary>
    public bool Revokes(Identity.MemberIdentity member) =>
        UserIds.Contains(member.UserId)
        || OrganizationIds.Contains(member.OrganizationId)
        || (KeepOnlyOrganizations is { } keep && !keep.Contains(member.OrganizationId));
}
