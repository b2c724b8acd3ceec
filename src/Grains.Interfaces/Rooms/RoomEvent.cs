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
[JsonDerivedType(typeof(PresenceReset), "presence-reset")]
[JsonDerivedType(typeof(PresenceCounts), "presence-counts")]
[JsonDerivedType(typeof(Meetups.MeetupUpdated), "meetup-updated")]
[JsonDerivedType(typeof(Meetups.MeetupAnnounced), "meetup-announced")]
[JsonDerivedType(typeof(Meetups.ReactionsTallied), "reactions-tallied")]
[JsonDerivedType(typeof(Meetups.HandRaised), "hand-raised")]
[JsonDerivedType(typeof(Meetups.HandLowered), "hand-lowered")]
[JsonDerivedType(typeof(Meetups.QuestionAsked), "question-asked")]
[JsonDerivedType(typeof(Meetups.QuestionsUpdated), "questions-updated")]
[JsonDerivedType(typeof(Meetups.PollOpened), "poll-opened")]
[JsonDerivedType(typeof(Meetups.PollTallied), "poll-tallied")]
[JsonDerivedType(typeof(Meetups.PollClosed), "poll-closed")]
[JsonDerivedType(typeof(Meetups.ChatPosted), "chat-posted")]
[JsonDerivedType(typeof(SignalSent), "signal-sent")]
public abstract record RoomEvent([property: Id(0)] long Seq)
{
    /// <summary>
    /// Whether viewers from organizations other than the member's may only see this event without the
    /// member (the member's organization is counted). Decided by the grain; applied by the gateway per
    /// organization group; never sent to clients.
    /// </summary>
    [JsonIgnore]
    public virtual bool CountedOnly => false;

    /// <summary>This event as a viewer of <paramref name="viewerOrganizationId"/> may see it.</summary>
    public virtual RoomEvent For(string viewerOrganizationId) => this;
}
