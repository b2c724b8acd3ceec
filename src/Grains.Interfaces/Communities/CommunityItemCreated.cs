using System.Text.Json.Serialization;
using CoPLive.Rooms;

namespace CoPLive.Communities;

/// <summary>
/// Sent in the community room when a thread or a document is created, so that open community homes list it at
/// once. Viewers outside the item's audience get <see cref="EventWithheld"/> instead.
/// </summary>
/// <param name="Item">"thread" or "document".</param>
/// <param name="ItemId">The thread's or document's id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Kind">A thread's kind (question, discussion, ...) or a document's (text, whiteboard), in lower case.</param>
/// <param name="Audience">The item's audience, for the gateway's per-organization views; never sent to clients.</param>
[GenerateSerializer, Immutable, Alias("CoPLive.CommunityItemCreated")]
public sealed record CommunityItemCreated(
    long Seq,
    [property: Id(0)] string Item,
    [property: Id(1)] string ItemId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Kind,
    [property: Id(4), JsonIgnore] Audience? Audience = null)
    : RoomEvent(Seq)
{
    public const string Thread = "thread";
    public const string Document = "document";

    [JsonIgnore]
    public override bool VariesByOrganization => Audience is not null;

    public override RoomEvent For(string viewerOrganizationId) =>
        Audience is null || Audience.Includes(viewerOrganizationId) ? this : new EventWithheld(Seq);
}
