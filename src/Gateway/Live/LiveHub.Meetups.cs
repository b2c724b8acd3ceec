using CoPLive.Common;
using CoPLive.Gateway.Identity;
using CoPLive.Meetups;

namespace CoPLive.Gateway.Live;

/// <summary>The meetup room's live actions: one grain call each; the results reach everyone as room events.</summary>
public sealed partial class LiveHub
{
    public Task React(string meetupId, string reaction) => Meetup(meetupId).ReactAsync(Caller, reaction);

    public Task RaiseHand(string meetupId) => Meetup(meetupId).RaiseHandAsync(Caller);

    public Task LowerHand(string meetupId) => Meetup(meetupId).LowerHandAsync(Caller);

    public Task<MeetupDetails> CallOn(string meetupId, string userId) => Meetup(meetupId).CallOnAsync(Caller, userId);

    public Task DismissHand(string meetupId, string userId) => Meetup(meetupId).DismissHandAsync(Caller, userId);

    public Task<MeetupQuestion> AskQuestion(string meetupId, string text) => Meetup(meetupId).AskQuestionAsync(Caller, text);

    public Task UpvoteQuestion(string meetupId, string questionId) => Meetup(meetupId).UpvoteQuestionAsync(Caller, questionId);

    public Task<MeetupQuestion> MarkAnswered(string meetupId, string questionId) => Meetup(meetupId).MarkAnsweredAsync(Caller, questionId);

    public Task<MeetupPoll> OpenPoll(string meetupId, string question, string[] options) =>
        Meetup(meetupId).OpenPollAsync(Caller, question, [.. options ?? []]);

    public Task Vote(string meetupId, string pollId, int option) => Meetup(meetupId).VoteAsync(Caller, pollId, option);

    public Task<MeetupPoll> ClosePoll(string meetupId, string pollId) => Meetup(meetupId).ClosePollAsync(Caller, pollId);

    public Task<ChatMessage> SendChat(string meetupId, string text) => Meetup(meetupId).SendChatAsync(Caller, text);

    private CoPLive.Identity.MemberIdentity Caller => Context.User!.ToMemberIdentity();

    private IMeetupGrain Meetup(string meetupId) => grains.GetMeetup(CoPLiveIds.Require(meetupId, "meetup"));
}
