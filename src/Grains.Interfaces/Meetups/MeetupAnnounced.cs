using System.Text.Json.Serialization;
using CoPLive.Communities;
using CoPLive.Rooms;

namespace CoPLive.Meetups;

/// <summary>
/// Sent in the community room when a scheduled meetup is about to start (from its reminder). Viewers outside the
/// meetup's audience get <see cref="EventWithheld"/> instead.
/// </summary>
/// <param name="Audience">The meetup's audience, for the gateway's per-organization views; never sent to clients.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.MeetupAnnounced")]
public sealed record MeetupAnnounced(
    long Seq,
    [property: Id(0)] string MeetupId,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3), JsonIgnore] Audience? Audience = null)
    : RoomEvent(Seq)
{
    [JsonIgnore]
    public override bool VariesByOrganization => Audience is not null;

    public override RoomEvent For(string viewerOrganizationId) =>
        Audience is null || Audience.Includes(viewerOrganizationId) ? this : new EventWithheld(Seq);
}
