namespace CoPLive.Rooms;

/// <summary>
/// What a viewer gets in place of an event that their organization may not see (an announcement of an item whose
/// audience leaves them out): only its sequence number, so that numbering stays gap-free and nothing else leaks.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.EventWithheld")]
public sealed record EventWithheld(long Seq) : RoomEvent(Seq);
