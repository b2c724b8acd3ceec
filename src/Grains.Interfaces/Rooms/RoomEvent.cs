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
[JsonDerivedType(typeof(EventWithheld), "event-withheld")]
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
[JsonDerivedType(typeof(Threads.PostAdded), "post-added")]
[JsonDerivedType(typeof(Threads.PostEdited), "post-edited")]
[JsonDerivedType(typeof(Threads.PostRemoved), "post-removed")]
[JsonDerivedType(typeof(Threads.AnswerAccepted), "answer-accepted")]
[JsonDerivedType(typeof(Threads.PostReactionsTallied), "post-reactions-tallied")]
[JsonDerivedType(typeof(Notifications.NotificationReceived), "notification-received")]
[JsonDerivedType(typeof(SignalSent), "signal-sent")]
[JsonDerivedType(typeof(Communities.CommunityItemCreated), "item-created")]
public abstract record RoomEvent([property: Id(0)] long Seq)
{
    /// <summary>
    /// Whether viewers of different organizations see this event differently (a counted organization's member,
    /// an item restricted to an audience): then <see cref="For"/> gives each organization its view. Decided by
    /// the grain; applied by the gateway per organization group; never sent to clients.
    /// </summary>
    [JsonIgnore]
    public virtual bool VariesByOrganization => false;

    /// <summary>This event as a viewer of <paramref name="viewerOrganizationId"/> may see it.</summary>
    public virtual RoomEvent For(string viewerOrganizationId) => this;
}
