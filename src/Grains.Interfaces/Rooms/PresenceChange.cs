using System.Text.Json.Serialization;

namespace CoPLive.Rooms;

/// <summary>A presence change of one member: who (unless their organization is counted) and the organization's new count.</summary>
/// <param name="Member">The member, or null for viewers who may only count the member's organization.</param>
/// <param name="OrganizationCount">How many of the organization's members are present after the change.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.PresenceChange")]
public abstract record PresenceChange(
    long Seq,
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] int OrganizationCount,
    [property: Id(2)] PresentMember? Member,
    [property: Id(3), JsonIgnore] bool Counted)
    : RoomEvent(Seq)
{
    [JsonIgnore]
    public override bool VariesByOrganization => Counted && Member is not null;

    public override RoomEvent For(string viewerOrganizationId) =>
        VariesByOrganization && viewerOrganizationId != OrganizationId ? this with { Member = null } : this;
}
