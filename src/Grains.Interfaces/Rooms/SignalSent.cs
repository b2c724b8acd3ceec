using System.Text.Json.Serialization;

namespace CoPLive.Rooms;

/// <summary>
/// An ephemeral signal of one member to everyone in the room (a cursor, an awareness state, a pen stroke in
/// progress): relayed at once, never persisted. Numbered like every room event, so it is ordered and resumable.
/// </summary>
/// <param name="UserId">The sender, or null for viewers who may only count the sender's organization.</param>
/// <param name="Payload">The sender's text, as sent (the server does not read it).</param>
[GenerateSerializer, Immutable, Alias("CoPLive.SignalSent")]
public sealed record SignalSent(
    long Seq,
    [property: Id(0)] string? UserId,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] string Payload,
    [property: Id(3), JsonIgnore] bool Counted)
    : RoomEvent(Seq)
{
    [JsonIgnore]
    public override bool VariesByOrganization => Counted && UserId is not null;

    /// <summary>Why <paramref name="payload"/> cannot be sent as a signal (an empty one, or one over the limit), or null.</summary>
    public static Common.CoPLiveException? Refusal(string? payload) =>
        string.IsNullOrEmpty(payload)
            ? Common.CoPLiveException.Invalid("A signal needs a payload.")
            : payload.Length > Common.Limits.SignalLength
                ? new Common.CoPLiveException(Common.ErrorCodes.TooLarge, $"A signal's payload is longer than {Common.Limits.SignalLength} characters.")
                : null;

    public override RoomEvent For(string viewerOrganizationId) =>
        VariesByOrganization && viewerOrganizationId != OrganizationId ? this with { UserId = null } : this;
}
