namespace CoPLive.Communities;

/// <summary>One member's record inside <see cref="CommunityState"/>.</summary>
[GenerateSerializer, Alias("CoPLive.CommunityMemberState")]
public sealed class CommunityMemberState
{
    [Id(0)] public required string UserId { get; set; }
    [Id(1)] public required string DisplayName { get; set; }
    [Id(2)] public required string OrganizationId { get; set; }
    [Id(3)] public CommunityRole Role { get; set; }
    [Id(4)] public DateTimeOffset JoinedAt { get; set; }

    public CommunityMember ToContract() => new(UserId, DisplayName, OrganizationId, Role, JoinedAt);
}
