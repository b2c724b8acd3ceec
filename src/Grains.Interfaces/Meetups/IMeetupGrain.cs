using System.Collections.Immutable;
using CoPLive.Communities;
using CoPLive.Identity;
using CoPLive.Rooms;
using Orleans.Concurrency;

namespace CoPLive.Meetups;

/// <summary>
/// A live meetup of a community; keyed by the meetup id. It owns the plan, the stage, hands, questions,
/// polls, chat and attendance, and decides who may take part (community membership and the meetup's
/// audience). Its live events go out through the room's grain ("meetup:{id}"), which sequences them.
/// </summary>
[Alias("CoPLive.IMeetupGrain")]
public interface IMeetupGrain : IGrainWithStringKey
{
    /// <summary>Schedules the meetup in a community; the creator hosts it. A reminder announces its start.</summary>
    [Alias("Create")]
    Task<MeetupDetails> CreateAsync(string communityId, NewMeetup meetup, MemberIdentity host);

    /// <summary>Everything a participant shows; not-found for anyone outside the community or the audience.</summary>
    [Alias("GetView")]
    Task<MeetupView> GetViewAsync(MemberIdentity viewer);

    /// <summary>The meetup for a list, or null if <paramref name="viewer"/> may not see it.</summary>
    [Alias("TryGetVisible")]
    Task<MeetupDetails?> TryGetVisibleAsync(MemberIdentity viewer);

    /// <summary>Checks that <paramref name="member"/> may be in the meetup's room; returns what the room's presence must know.</summary>
    [Alias("AuthorizeRoomEntry")]
    Task<RoomAccess> AuthorizeRoomEntryAsync(MemberIdentity member);

    /// <summary>The host starts the meetup (scheduled to live).</summary>
    [Alias("Start")]
    Task<MeetupDetails> StartAsync(MemberIdentity caller);

    /// <summary>The host ends the meetup (to ended; no more questions, votes or chat).</summary>
    [Alias("End")]
    Task<MeetupDetails> EndAsync(MemberIdentity caller);

    /// <summary>The host or a coordinator changes the audience; participants outside it leave the room at once.</summary>
    [Alias("SetAudience")]
    Task<MeetupDetails> SetAudienceAsync(MemberIdentity caller, Audience? audience);

    /// <summary>The host links a document under a role ("whiteboard" or "notes"), or unlinks it (null).</summary>
    [Alias("SetLink")]
    Task<MeetupDetails> SetLinkAsync(MemberIdentity caller, string role, string? documentId);

    /// <summary>
    /// The host marks the document linked under <paramref name="role"/> ("whiteboard" or "notes") stage only (only the host
    /// and speakers may change it), or opens it again to every member; not-found if nothing is linked there.
    /// </summary>
    [Alias("SetStageOnly")]
    Task<MeetupDetails> SetStageOnlyAsync(MemberIdentity caller, string role, bool stageOnly);

    /// <summary>
    /// Whether <paramref name="userId"/> is the host or on stage, for a stage-only document's writes. Read-only: it
    /// changes nothing and awaits nothing, so calls may interleave.
    /// </summary>
    [ReadOnly, Alias("IsOnStage")]
    Task<bool> IsOnStageAsync(string userId);

    /// <summary>The host brings a participant on stage or back to the audience.</summary>
    [Alias("SetStage")]
    Task<MeetupDetails> SetStageAsync(MemberIdentity caller, string userId, bool onStage);

    /// <summary>A participant reacts; reactions are tallied per tick, not sent one by one.</summary>
    [Alias("React")]
    Task ReactAsync(MemberIdentity member, string reaction);

    /// <summary>A participant raises their hand (again: nothing changes).</summary>
    [Alias("RaiseHand")]
    Task RaiseHandAsync(MemberIdentity member);

    /// <summary>A participant lowers their own hand.</summary>
    [Alias("LowerHand")]
    Task LowerHandAsync(MemberIdentity member);

    /// <summary>The host calls on a raised hand: it goes down and its owner joins the stage.</summary>
    [Alias("CallOn")]
    Task<MeetupDetails> CallOnAsync(MemberIdentity caller, string userId);

    /// <summary>The host dismisses a raised hand.</summary>
    [Alias("DismissHand")]
    Task DismissHandAsync(MemberIdentity caller, string userId);

    /// <summary>A participant asks a question (persisted before it is shown).</summary>
    [Alias("AskQuestion")]
    Task<MeetupQuestion> AskQuestionAsync(MemberIdentity member, string text);

    /// <summary>A participant upvotes a question, once; upvotes are tallied per tick.</summary>
    [Alias("UpvoteQuestion")]
    Task UpvoteQuestionAsync(MemberIdentity member, string questionId);

    /// <summary>The host marks a question answered.</summary>
    [Alias("MarkAnswered")]
    Task<MeetupQuestion> MarkAnsweredAsync(MemberIdentity caller, string questionId);

    /// <summary>The host opens a single-choice poll.</summary>
    [Alias("OpenPoll")]
    Task<MeetupPoll> OpenPollAsync(MemberIdentity caller, string question, ImmutableArray<string> options);

    /// <summary>A participant votes in an open poll (voting again moves their vote); tallies go out per tick.</summary>
    [Alias("Vote")]
    Task VoteAsync(MemberIdentity member, string pollId, int option);

    /// <summary>The host closes a poll; its final tallies are published.</summary>
    [Alias("ClosePoll")]
    Task<MeetupPoll> ClosePollAsync(MemberIdentity caller, string pollId);

    /// <summary>A participant sends a chat message (persisted before it is shown).</summary>
    [Alias("SendChat")]
    Task<ChatMessage> SendChatAsync(MemberIdentity member, string text);

    /// <summary>Attendance, for the host and coordinators.</summary>
    [Alias("ListAttendance")]
    Task<ImmutableArray<AttendanceRecord>> ListAttendanceAsync(MemberIdentity caller);

    /// <summary>
    /// From the room's grain, once per tick: who arrived and who left. One-way: attendance is bookkeeping,
    /// and the room must never wait for it.
    /// </summary>
    [OneWay, Alias("RecordPresence")]
    Task RecordPresenceAsync(ImmutableArray<PresentMember> entered, ImmutableArray<PresentMember> left);

    /// <summary>
    /// The meetup's history as activity events (arrivals, talks, questions asked and answered) with their stored
    /// times, oldest first; empty if the meetup does not exist. For the community's analytics rebuild only.
    /// </summary>
    [Alias("ReplayActivity")]
    Task<ImmutableArray<Activity.ActivityEvent>> ReplayActivityAsync();
}
