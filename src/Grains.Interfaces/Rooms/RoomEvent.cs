using System.Text.Json.Serialization;

namespace CoPLive.Rooms;

/// <summary>
/// Something that happened in a room. Every event carries the room's sequence number; within a room's
/// epoch the numbers increase by one, so a client that sees a gap knows it missed something.
/// </summary>
[GenerateSerializer, Immutable, Alias("CoPLive.RoomEvent")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(MemberEntered), "member-entered")]
[JsonDerivedType(typeof(MemberLeft), "member-left")]
public abstract record RoomEvent([property: Id(0)] long Seq);
