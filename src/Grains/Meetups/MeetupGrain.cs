using System.Collections.Immutable;
using CoPLive.Activity;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Identity;
using CoPLive.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace CoPLive.Meetups;

/// <inheritdoc cref="IMeetupGrain"/>
/// <remarks>
/// Who may take part is asked of the community (membership and role) and then of the meetup's audience;
/// someone outside either learns nothing (not-found). Guests read and react; authoring (chat, questions,
/// votes, hands) needs a member. Chat, questions, polls and votes are written to storage before the call
/// returns and before anyone sees them; reactions and attendance are written with the next tick. Bursts
/// (reactions, upvotes, votes) are tallied per tick and published as one event each.
/// Storage: a header (<see cref="MeetupState"/>) and three append-only logs in pages (<see cref="PagedLog{T}"/>): who
/// came and went (<see cref="AttendanceEvent"/>, appended once per tick), the chat, and the poll votes and question
/// upvotes (<see cref="MeetupBallots"/>). A chat message, a vote or an upvote writes its log's last page, whatever
/// the number of attendees, messages or votes before it, and a tick of arrivals writes those arrivals, not everyone
/// who came before. The stays are folded from the attendance log when asked for; the ballots once per activation.
/// </remarks>
public sealed partial class MeetupGrain(
    [PersistentState(StorageNames.MeetupState, StorageNames.Main)] IPersistentState<MeetupState> state,
    IOptions<PresenceOptions> presence,
    ILogger<MeetupGrain> logger)
    : Grain, IMeetupGrain, IRemindable
{
    /// <summary>Attendance events per storage row (<see cref="PagedLog{T}"/>): part of the storage layout, never to change.</summary>
    public const int AttendancePageSize = 200;

    /// <summary>Chat messages per storage row (<see cref="PagedLog{T}"/>): part of the storage layout, never to change.</summary>
    public const int ChatPageSize = 100;

    /// <summary>Votes and upvotes per storage row (<see cref="PagedLog{T}"/>): part of the storage layout, never to change.</summary>
    public const int BallotPageSize = 200;

    /// <summary>The grain type of the ballot log's storage pages (grain id "{type}/{meetupId}+{page}"): part of the storage layout.</summary>
    public const string BallotPageGrainType = "coplive-meetup-ballots";

    private const string AnnounceReminder = "announce-start";
    private const string AttendancePageGrainType = "coplive-meetup-attendance";
    private const string ChatPageGrainType = "coplive-meetup-chat";
    private const int RecentChatCount = 50;

    private readonly Dictionary<string, RaisedHand> _hands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reactionsThisTick = new(StringComparer.Ordinal);
    private readonly HashSet<string> _questionsThisTick = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pollsThisTick = new(StringComparer.Ordinal);
    private IGrainTimer? _tickTimer;
    private bool _dirty;
    private PagedLog<AttendanceEvent> _attendance = null!;
    private PagedLog<ChatMessage> _chat = null!;
    private MeetupBallots _ballots = null!;

    private string Id => this.GetPrimaryKeyString();

    private MeetupState S => state.State;

    private IRoomPresenceGrain Room => GrainFactory.GetRoomPresence(new RoomId(RoomKind.Meetup, Id));

    private ICommunityGrain Community => GrainFactory.GetCommunity(S.CommunityId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
        _attendance = new PagedLog<AttendanceEvent>(storage, StorageNames.MeetupAttendancePage, AttendancePageGrainType, Id, AttendancePageSize);
        _chat = new PagedLog<ChatMessage>(storage, StorageNames.MeetupChatPage, ChatPageGrainType, Id, ChatPageSize);
        _ballots = new MeetupBallots(new PagedLog<BallotCast>(storage, StorageNames.MeetupBallotPage, BallotPageGrainType, Id, BallotPageSize));
        // The ballots are read when first needed (questions and polls), not here: a listing, a details read or a room
        // entry activates the meetup without them.
        if (S.Created && (S.Attendance.Count > 0 || S.Chat.Count > 0 || S.Polls.Exists(p => p.Votes.Count > 0) || S.Questions.Exists(q => q.Upvoters.Count > 0)))
        {
            await _ballots.EnsureLoadedAsync();
            await MoveOutOfTheHeaderAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _attendance.WriteChangesAsync();
        if (_dirty)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<MeetupDetails> CreateAsync(string communityId, NewMeetup meetup, MemberIdentity host)
    {
        CoPLiveIds.Require(Id, "meetup");
        CoPLiveIds.Require(communityId, "community");
        ArgumentNullException.ThrowIfNull(meetup);
        var title = Limits.RequireText(meetup.Title, "title", Limits.NameLength);
        var agenda = Limits.OptionalText(meetup.Agenda, "agenda", Limits.AgendaLength);
        if (meetup.EndsAt <= meetup.StartsAt)
        {
            throw CoPLiveException.Invalid("'endsAt' must be after 'startsAt'.");
        }

        if (S.Created)
        {
            throw CoPLiveException.Conflict($"A meetup with id '{Id}' already exists.");
        }

        var community = GrainFactory.GetCommunity(communityId);
        var audience = await ItemAccess.ValidateAudienceAsync(community, host, meetup.Audience);
        await community.AddMeetupAsync(host, Id);
        if (audience is not null)
        {
            await community.RecordAudienceAsync(host, new RoomId(RoomKind.Meetup, Id).ToString(), new Audience([.. audience]));
        }

        S.Created = true;
        S.CommunityId = communityId;
        S.Title = title;
        S.Agenda = string.IsNullOrEmpty(agenda) ? null : agenda;
        S.StartsAt = meetup.StartsAt;
        S.EndsAt = meetup.EndsAt;
        S.Audience = audience;
        S.HostUserId = host.UserId;
        S.CreatedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        var untilStart = meetup.StartsAt - DateTimeOffset.UtcNow;
        await this.RegisterOrUpdateReminder(AnnounceReminder, untilStart > TimeSpan.Zero ? untilStart : TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        LogScheduled(logger, Id, communityId, host.UserId, meetup.StartsAt);
        return Details();
    }

    public async Task<MeetupView> GetViewAsync(MemberIdentity viewer)
    {
        await RequireParticipantAsync(viewer);
        await _ballots.EnsureLoadedAsync();
        return new MeetupView(
            Details(),
            [.. _hands.Values.OrderBy(h => h.RaisedAt)],
            [.. S.Questions.Select(Contract).OrderByDescending(q => q.Upvotes).ThenBy(q => q.AskedAt)],
            [.. S.Polls.Select(Contract)],
            [.. await _chat.ReadLatestAsync(RecentChatCount)],
            S.ReactionTotals.ToImmutableDictionary(StringComparer.Ordinal));
    }

    public async Task<MeetupDetails?> TryGetVisibleAsync(MemberIdentity viewer)
    {
        try
        {
            await RequireParticipantAsync(viewer);
            return Details();
        }
        catch (CoPLiveException)
        {
            return null;
        }
    }

    public async Task<RoomAccess> AuthorizeRoomEntryAsync(MemberIdentity member) => (await RequireParticipantAsync(member)).Room;

    public async Task<MeetupDetails> StartAsync(MemberIdentity caller)
    {
        await RequireHostAsync(caller, "start the meetup");
        if (S.Phase != MeetupPhase.Scheduled)
        {
            throw CoPLiveException.Conflict($"The meetup is {S.Phase.ToString().ToLowerInvariant()}; only a scheduled meetup starts.");
        }

        S.Phase = MeetupPhase.Live;
        var talk = AddTalk(caller.UserId, caller.OrganizationId);
        var details = await SaveAndAnnounceAsync();
        await PublishTalkAsync(talk);
        return details;
    }

    public async Task<MeetupDetails> EndAsync(MemberIdentity caller)
    {
        await RequireHostAsync(caller, "end the meetup");
        await _ballots.EnsureLoadedAsync();
        if (S.Phase == MeetupPhase.Ended)
        {
            throw CoPLiveException.Conflict("The meetup has already ended.");
        }

        S.Phase = MeetupPhase.Ended;
        S.Polls.ForEach(p => p.Closed = true);
        _hands.Clear();
        if (await this.GetReminder(AnnounceReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        LogEnded(logger, Id, caller.UserId);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, documentId) in S.Links)
        {
            try
            {
                if (await GrainFactory.GetDocument(documentId).MeetupEndedAsync(Id, S.Title) is { } versionId)
                {
                    versions[role] = versionId;
                }
            }
            catch (CoPLiveException refusal)
            {
                // A link may name something that is not a document (links are ids of any item); nothing to save then.
                LogNoVersion(logger, Id, documentId, refusal.Code);
            }
        }

        // After the linked documents saved their end-of-meetup versions, which the summary links to.
        S.SummaryThreadId = await CreateSummaryThreadAsync(caller, versions);
        return await SaveAndAnnounceAsync();
    }

    public async Task<MeetupDetails> SetAudienceAsync(MemberIdentity caller, Audience? audience)
    {
        var access = await RequireParticipantAsync(caller);
        if (caller.UserId != S.HostUserId && access.Role != CommunityRole.Coordinator)
        {
            throw CoPLiveException.Forbidden("Only the host or a coordinator may change the audience.");
        }

        S.Audience = await ItemAccess.ValidateAudienceAsync(Community, caller, audience);
        var details = await SaveAndAnnounceAsync();
        await Community.RecordAudienceAsync(caller, new RoomId(RoomKind.Meetup, Id).ToString(), S.Audience is null ? null : new Audience([.. S.Audience]));
        if (S.Audience is { } kept)
        {
            await Room.RevokeAsync(new RoomRevocation([], [], ErrorCodes.Forbidden, "The meetup's audience changed; you are no longer in it.", [.. kept]));
        }

        return details;
    }

    public async Task<MeetupDetails> SetLinkAsync(MemberIdentity caller, string role, string? documentId)
    {
        await RequireHostAsync(caller, "link documents");
        if (role is not ("whiteboard" or "notes"))
        {
            throw CoPLiveException.Invalid("A link's role is 'whiteboard' or 'notes'.");
        }

        if (documentId is null)
        {
            S.Links.Remove(role);
            S.StageOnly.Remove(role);
        }
        else
        {
            S.Links[role] = CoPLiveIds.Require(documentId, "document");
        }

        return await SaveAndAnnounceAsync();
    }

    public async Task<MeetupDetails> SetStageOnlyAsync(MemberIdentity caller, string role, bool stageOnly)
    {
        await RequireHostAsync(caller, "make documents stage only");
        if (!S.Links.TryGetValue(role ?? "", out var documentId))
        {
            throw new CoPLiveException(ErrorCodes.NotFound, $"No document is linked as '{role}'.");
        }

        await GrainFactory.GetDocument(documentId).SetStageOnlyAsync(Id, stageOnly);
        if (stageOnly ? S.StageOnly.Add(role!) : S.StageOnly.Remove(role!))
        {
            return await SaveAndAnnounceAsync();
        }

        return Details();
    }

    public Task<bool> IsOnStageAsync(string userId) => Task.FromResult(userId == S.HostUserId || S.Speakers.Contains(userId));

    public async Task<MeetupDetails> SetStageAsync(MemberIdentity caller, string userId, bool onStage)
    {
        await RequireHostAsync(caller, "manage the stage");
        CoPLiveIds.Require(userId, "user");
        if (onStage ? !S.Speakers.Contains(userId) : S.Speakers.Remove(userId))
        {
            AttendanceState? talk = null;
            if (onStage)
            {
                S.Speakers.Add(userId);
                talk = AddTalk(userId, await OrganizationOfAsync(userId));
            }

            var details = await SaveAndAnnounceAsync();
            await PublishTalkAsync(talk);
            return details;
        }

        return Details();
    }

    public async Task ReactAsync(MemberIdentity member, string reaction)
    {
        await RequireParticipantAsync(member);
        RequireLive("react");
        if (reaction is null || !Reactions.Known.Contains(reaction))
        {
            throw CoPLiveException.Invalid($"Unknown reaction; use one of: {string.Join(", ", Reactions.Known.Order())}.");
        }

        _reactionsThisTick[reaction] = _reactionsThisTick.GetValueOrDefault(reaction) + 1;
        S.ReactionTotals[reaction] = S.ReactionTotals.GetValueOrDefault(reaction) + 1;
        _dirty = true;
        ScheduleTick();
    }

    public async Task RaiseHandAsync(MemberIdentity member)
    {
        await RequireAuthorAsync(member);
        RequireLive("raise a hand");
        if (_hands.TryAdd(member.UserId, new RaisedHand(member.UserId, member.DisplayName, member.OrganizationId, DateTimeOffset.UtcNow)))
        {
            await Room.PublishAsync([new HandRaised(0, _hands[member.UserId])]);
        }
    }

    public async Task LowerHandAsync(MemberIdentity member)
    {
        await RequireParticipantAsync(member);
        if (_hands.Remove(member.UserId))
        {
            await Room.PublishAsync([new HandLowered(0, member.UserId, "lowered")]);
        }
    }

    public async Task<MeetupDetails> CallOnAsync(MemberIdentity caller, string userId)
    {
        await RequireHostAsync(caller, "call on a raised hand");
        if (!_hands.Remove(userId))
        {
            throw new CoPLiveException(ErrorCodes.NotFound, $"'{userId}' has no raised hand.");
        }

        AttendanceState? talk = null;
        if (!S.Speakers.Contains(userId))
        {
            S.Speakers.Add(userId);
            talk = AddTalk(userId, await OrganizationOfAsync(userId));
        }

        await state.WriteStateAsync();
        await Room.PublishAsync([new HandLowered(0, userId, "called"), new MeetupUpdated(0, Details())]);
        await PublishTalkAsync(talk);
        return Details();
    }

    public async Task DismissHandAsync(MemberIdentity caller, string userId)
    {
        await RequireHostAsync(caller, "dismiss a raised hand");
        if (!_hands.Remove(userId))
        {
            throw new CoPLiveException(ErrorCodes.NotFound, $"'{userId}' has no raised hand.");
        }

        await Room.PublishAsync([new HandLowered(0, userId, "dismissed")]);
    }

    public async Task<MeetupQuestion> AskQuestionAsync(MemberIdentity member, string text)
    {
        await RequireAuthorAsync(member);
        await _ballots.EnsureLoadedAsync();
        RequireNotEnded("ask questions");
        var question = new QuestionState
        {
            Id = CoPLiveIds.New("q"),
            AuthorUserId = member.UserId,
            AuthorName = member.DisplayName,
            AuthorOrganizationId = member.OrganizationId,
            Text = Limits.RequireText(text, "text", Limits.QuestionLength),
            AskedAt = DateTimeOffset.UtcNow,
        };
        S.Questions.Add(question);
        await state.WriteStateAsync();
        await Room.PublishAsync([new QuestionAsked(0, Contract(question))]);
        await this.PublishActivityAsync(
            new ActivityEvent(ActivityTypes.MeetupQuestionAsked, S.CommunityId, member.UserId, member.OrganizationId, "meetup", Id, question.Id, null, null, false, null, question.AskedAt),
            logger);
        return Contract(question);
    }

    public async Task UpvoteQuestionAsync(MemberIdentity member, string questionId)
    {
        await RequireAuthorAsync(member);
        await _ballots.EnsureLoadedAsync();
        RequireNotEnded("upvote");
        if (_ballots.Upvote(member.UserId, FindQuestion(questionId).Id))
        {
            await WriteOrDropAsync(_ballots.WriteChangesAsync);
            _questionsThisTick.Add(questionId);
            ScheduleTick();
        }
    }

    public async Task<MeetupQuestion> MarkAnsweredAsync(MemberIdentity caller, string questionId)
    {
        await RequireHostAsync(caller, "mark questions answered");
        await _ballots.EnsureLoadedAsync();
        var question = FindQuestion(questionId);
        if (!question.Answered)
        {
            question.Answered = true;
            question.AnsweredAt = DateTimeOffset.UtcNow;
            await state.WriteStateAsync();
            await Room.PublishAsync([new QuestionsUpdated(0, [Contract(question)])]);
            await this.PublishActivityAsync(
                new ActivityEvent(
                    ActivityTypes.MeetupQuestionAnswered, S.CommunityId, caller.UserId, caller.OrganizationId, "meetup", Id, question.Id,
                    question.AuthorUserId, question.AuthorOrganizationId, question.AuthorOrganizationId != caller.OrganizationId, null, question.AnsweredAt.Value),
                logger);
        }

        return Contract(question);
    }

    public async Task<MeetupPoll> OpenPollAsync(MemberIdentity caller, string question, ImmutableArray<string> options)
    {
        await RequireHostAsync(caller, "open polls");
        await _ballots.EnsureLoadedAsync();
        RequireNotEnded("open polls");
        var text = Limits.RequireText(question, "question", Limits.PollTextLength);
        if (options.IsDefault || options.Length is < 2 or > Limits.MaxPollOptions)
        {
            throw CoPLiveException.Invalid($"A poll has 2 to {Limits.MaxPollOptions} options.");
        }

        var poll = new PollState
        {
            Id = CoPLiveIds.New("poll"),
            Question = text,
            Options = [.. options.Select((o, i) => Limits.RequireText(o, $"options[{i}]", Limits.PollTextLength))],
        };
        S.Polls.Add(poll);
        await state.WriteStateAsync();
        await Room.PublishAsync([new PollOpened(0, Contract(poll))]);
        return Contract(poll);
    }

    public async Task VoteAsync(MemberIdentity member, string pollId, int option)
    {
        await RequireAuthorAsync(member);
        await _ballots.EnsureLoadedAsync();
        var poll = FindPoll(pollId);
        if (poll.Closed)
        {
            throw CoPLiveException.Conflict("The poll is closed.");
        }

        if (option < 0 || option >= poll.Options.Count)
        {
            throw CoPLiveException.Invalid($"The poll has options 0 to {poll.Options.Count - 1}.");
        }

        if (_ballots.Vote(member.UserId, poll.Id, option))
        {
            await WriteOrDropAsync(_ballots.WriteChangesAsync);
            _pollsThisTick.Add(pollId);
            ScheduleTick();
        }
    }

    public async Task<MeetupPoll> ClosePollAsync(MemberIdentity caller, string pollId)
    {
        await RequireHostAsync(caller, "close polls");
        await _ballots.EnsureLoadedAsync();
        var poll = FindPoll(pollId);
        if (!poll.Closed)
        {
            poll.Closed = true;
            _pollsThisTick.Remove(pollId);
            await state.WriteStateAsync();
            await Room.PublishAsync([new PollClosed(0, Contract(poll))]);
        }

        return Contract(poll);
    }

    public async Task<ChatMessage> SendChatAsync(MemberIdentity member, string text)
    {
        await RequireAuthorAsync(member);
        RequireNotEnded("chat");
        var message = new ChatMessage(
            CoPLiveIds.New("m"), member.UserId, member.DisplayName, member.OrganizationId, Limits.RequireText(text, "text", Limits.ChatLength), DateTimeOffset.UtcNow);
        _chat.Add(message);
        await WriteOrDropAsync(_chat.WriteChangesAsync);
        await Room.PublishAsync([new ChatPosted(0, message)]);
        return message;
    }

    public async Task<ImmutableArray<AttendanceRecord>> ListAttendanceAsync(MemberIdentity caller)
    {
        var access = await RequireParticipantAsync(caller);
        if (caller.UserId != S.HostUserId && access.Role != CommunityRole.Coordinator)
        {
            throw CoPLiveException.Forbidden("Only the host or a coordinator may see attendance.");
        }

        return [.. (await AttendanceAsync()).Select(a => a.ToContract())];
    }

    public Task RecordPresenceAsync(ImmutableArray<PresentMember> entered, ImmutableArray<PresentMember> left)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var member in left)
        {
            _attendance.Add(new AttendanceEvent(member.UserId, member.OrganizationId, now, Left: true));
        }

        foreach (var member in entered)
        {
            _attendance.Add(new AttendanceEvent(member.UserId, member.OrganizationId, now, Left: false));
        }

        ScheduleTick();
        return PublishAttendanceAsync(entered, now);
    }

    public async Task<ImmutableArray<ActivityEvent>> ReplayActivityAsync()
    {
        if (!S.Created)
        {
            return [];
        }

        var events = new List<ActivityEvent>();
        events.AddRange((await AttendanceAsync()).Select(a =>
            new ActivityEvent(ActivityTypes.MeetupAttended, S.CommunityId, a.UserId, a.OrganizationId, "meetup", Id, null, null, null, false, null, a.JoinedAt)));
        events.AddRange(S.Talks.Select(t =>
            new ActivityEvent(ActivityTypes.MeetupSpoke, S.CommunityId, t.UserId, t.OrganizationId, "meetup", Id, null, null, null, false, null, t.JoinedAt)));
        foreach (var question in S.Questions)
        {
            events.Add(new ActivityEvent(
                ActivityTypes.MeetupQuestionAsked, S.CommunityId, question.AuthorUserId, question.AuthorOrganizationId, "meetup", Id, question.Id, null, null, false, null, question.AskedAt));
            if (question.AnsweredAt is { } answeredAt)
            {
                // Who marked it is not stored; only the host may, and analytics does not count the marker.
                events.Add(new ActivityEvent(
                    ActivityTypes.MeetupQuestionAnswered, S.CommunityId, S.HostUserId, "", "meetup", Id, question.Id,
                    question.AuthorUserId, question.AuthorOrganizationId, false, null, answeredAt));
            }
        }

        return [.. events.OrderBy(e => e.At)];
    }

    private MeetupQuestion Contract(QuestionState question) => question.ToContract(_ballots.Upvotes(question.Id));

    private MeetupPoll Contract(PollState poll) => poll.ToContract(_ballots.Tallies(poll));

    /// <summary>
    /// Writes a chat message, a vote or an upvote before the call returns. If that fails, nothing was acknowledged but
    /// memory holds it: the activation is dropped, so the next call starts again from what storage holds.
    /// </summary>
    private async Task WriteOrDropAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Every stay, in the order they began, folded from the attendance log (whose events of this tick are written
    /// first): an arrival begins a stay, a departure ends the member's open one.
    /// </summary>
    private async Task<List<AttendanceState>> AttendanceAsync()
    {
        await _attendance.WriteChangesAsync();
        List<AttendanceState> stays = [];
        Dictionary<string, AttendanceState> open = new(StringComparer.Ordinal);
        foreach (var change in await _attendance.ReadAllAsync())
        {
            if (!change.Left)
            {
                var stay = new AttendanceState { UserId = change.UserId, OrganizationId = change.OrganizationId, JoinedAt = change.At };
                stays.Add(stay);
                open[change.UserId] = stay;
            }
            else if (open.Remove(change.UserId, out var stay))
            {
                stay.LeftAt = change.At;
            }
        }

        return stays;
    }

    /// <summary>
    /// A meetup stored before its attendance, chat and ballots had logs of their own keeps them in the header: they
    /// move to their logs on its first activation, and the header is written without them, last. A move cut short is done
    /// again; each log is filled only while empty, so nothing is there twice.
    /// </summary>
    private async Task MoveOutOfTheHeaderAsync()
    {
        if (S.Attendance.Count > 0 && await _attendance.IsEmptyAsync())
        {
            foreach (var stay in S.Attendance)
            {
                _attendance.Add(new AttendanceEvent(stay.UserId, stay.OrganizationId, stay.JoinedAt, Left: false));
                if (stay.LeftAt is { } leftAt)
                {
                    _attendance.Add(new AttendanceEvent(stay.UserId, stay.OrganizationId, leftAt, Left: true));
                }
            }
        }

        if (S.Chat.Count > 0 && await _chat.IsEmptyAsync())
        {
            S.Chat.ForEach(_chat.Add);
        }

        if (await _ballots.IsEmptyAsync())
        {
            S.Polls.ForEach(_ballots.AddStored);
            S.Questions.ForEach(_ballots.AddStored);
        }

        var (stays, messages) = (S.Attendance.Count, S.Chat.Count);
        await _attendance.WriteChangesAsync();
        await _chat.WriteChangesAsync();
        await _ballots.WriteChangesAsync();
        S.Attendance.Clear();
        S.Chat.Clear();
        S.Polls.ForEach(p => p.Votes.Clear());
        S.Questions.ForEach(q => q.Upvoters.Clear());
        await state.WriteStateAsync();
        LogMovedOutOfTheHeader(logger, Id, stays, messages);
    }

    /// <summary>Records that a member spoke (once per member); the caller writes the state and then publishes it.</summary>
    private AttendanceState? AddTalk(string userId, string organizationId)
    {
        if (S.Talks.Exists(t => t.UserId == userId))
        {
            return null;
        }

        var talk = new AttendanceState { UserId = userId, OrganizationId = organizationId, JoinedAt = DateTimeOffset.UtcNow };
        S.Talks.Add(talk);
        return talk;
    }

    private async Task PublishTalkAsync(AttendanceState? talk)
    {
        if (talk is not null)
        {
            await this.PublishActivityAsync(
                new ActivityEvent(ActivityTypes.MeetupSpoke, S.CommunityId, talk.UserId, talk.OrganizationId, "meetup", Id, null, null, null, false, null, talk.JoinedAt),
                logger);
        }
    }

    /// <summary>A member's organization, from the community's directory.</summary>
    private async Task<string> OrganizationOfAsync(string userId) =>
        (await Community.FindMemberAsync(userId))?.OrganizationId
        ?? "";

    /// <summary>One meetup-attended activity event per arrival (the community's analytics feed).</summary>
    private async Task PublishAttendanceAsync(ImmutableArray<PresentMember> entered, DateTimeOffset at)
    {
        foreach (var member in entered)
        {
            await this.PublishActivityAsync(
                new ActivityEvent(ActivityTypes.MeetupAttended, S.CommunityId, member.UserId, member.OrganizationId, "meetup", Id, null, null, null, false, null, at),
                logger);
        }
    }

    /// <summary>
    /// Turns the ended meetup into knowledge: a discussion thread (same audience) with the agenda, attendance per
    /// organization, questions (answered and open), poll results and links to the meetup's documents. The meetup
    /// has ended whatever happens here: a failure is logged, and the meetup simply has no summary.
    /// </summary>
    /// <param name="versions">The version of each linked document (by link role) that holds it as it was at the end.</param>
    private async Task<string?> CreateSummaryThreadAsync(MemberIdentity host, IReadOnlyDictionary<string, string> versions)
    {
        if (S.SummaryThreadId is not null)
        {
            return S.SummaryThreadId;
        }

        var threadId = CoPLiveIds.New($"summary {S.Title}");
        try
        {
            var body = MeetupSummary.Write(Details(), S.Questions.Select(Contract), S.Polls.Select(Contract), (await AttendanceAsync()).Select(a => a.ToContract()), versions);
            body = body.Length <= Limits.PostLength ? body : body[..(Limits.PostLength - 1)] + "…";
            var title = $"Summary: {S.Title}";
            title = title.Length <= Limits.NameLength ? title : title[..Limits.NameLength];
            await GrainFactory.GetThread(threadId).CreateAsync(
                S.CommunityId,
                new Threads.NewThread(title, Threads.ThreadKind.Discussion, body, S.Audience is null ? null : new Audience([.. S.Audience])),
                host,
                Id);
            return threadId;
        }
        catch (Exception exception)
        {
            LogSummaryFailed(logger, exception, Id);
            return null;
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != AnnounceReminder || !S.Created)
        {
            return;
        }

        if (!S.Announced && S.Phase == MeetupPhase.Scheduled)
        {
            S.Announced = true;
            await state.WriteStateAsync();
            await GrainFactory.GetRoomPresence(RoomId.ForCommunity(S.CommunityId)).PublishAsync([new MeetupAnnounced(0, Id, S.Title, S.StartsAt, S.Audience is null ? null : new Audience([.. S.Audience]))]);
            LogAnnounced(logger, Id, S.CommunityId);
        }

        if (await this.GetReminder(AnnounceReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private void ScheduleTick() =>
        _tickTimer ??= this.RegisterGrainTimer(FlushTickAsync, presence.Value.Tick, Timeout.InfiniteTimeSpan);

    /// <summary>Publishes the tick's tallies as one batch and writes what is only written per tick.</summary>
    private async Task FlushTickAsync(CancellationToken cancellationToken)
    {
        // The next change schedules a new tick; this timer is disposed only at the end, since disposing it
        // cancels the token this callback works with.
        using var finished = _tickTimer;
        _tickTimer = null;
        List<RoomEvent> events = [];
        if (_reactionsThisTick.Count > 0)
        {
            events.Add(new ReactionsTallied(0, _reactionsThisTick.ToImmutableDictionary(StringComparer.Ordinal)));
            _reactionsThisTick.Clear();
        }

        if (_questionsThisTick.Count > 0)
        {
            events.Add(new QuestionsUpdated(0, [.. _questionsThisTick.Select(id => Contract(FindQuestion(id)))]));
            _questionsThisTick.Clear();
        }

        foreach (var pollId in _pollsThisTick)
        {
            events.Add(new PollTallied(0, pollId, _ballots.Tallies(FindPoll(pollId))));
        }

        _pollsThisTick.Clear();
        await _attendance.WriteChangesAsync();
        if (_dirty)
        {
            _dirty = false;
            await state.WriteStateAsync(cancellationToken);
        }

        if (events.Count > 0)
        {
            await Room.PublishAsync([.. events]);
        }
    }

    private async Task<MeetupDetails> SaveAndAnnounceAsync()
    {
        await state.WriteStateAsync();
        var details = Details();
        await Room.PublishAsync([new MeetupUpdated(0, details)]);
        return details;
    }

    /// <summary>The caller's access if they may take part: a member of the community and in the audience; not-found otherwise.</summary>
    private async Task<MemberAccess> RequireParticipantAsync(MemberIdentity member)
    {
        if (!S.Created)
        {
            throw CoPLiveException.NotFound("meetup", Id);
        }

        return await ItemAccess.RequireParticipantAsync(Community, S.Audience, member, "meetup", Id);
    }

    private async Task RequireAuthorAsync(MemberIdentity member)
    {
        if ((await RequireParticipantAsync(member)).Role == CommunityRole.Guest)
        {
            throw CoPLiveException.Forbidden("Guests may read and react, not author.");
        }
    }

    private async Task RequireHostAsync(MemberIdentity caller, string toDo)
    {
        await RequireParticipantAsync(caller);
        if (caller.UserId != S.HostUserId)
        {
            throw CoPLiveException.Forbidden($"Only the host may {toDo}.");
        }
    }

    private void RequireLive(string toDo)
    {
        if (S.Phase != MeetupPhase.Live)
        {
            throw CoPLiveException.Conflict($"The meetup is not live; you cannot {toDo} now.");
        }
    }

    private void RequireNotEnded(string toDo)
    {
        if (S.Phase == MeetupPhase.Ended)
        {
            throw CoPLiveException.Conflict($"The meetup has ended; you cannot {toDo}.");
        }
    }

    private QuestionState FindQuestion(string questionId) =>
        S.Questions.Find(q => q.Id == questionId) ?? throw CoPLiveException.NotFound("question", questionId ?? "");

    private PollState FindPoll(string pollId) =>
        S.Polls.Find(p => p.Id == pollId) ?? throw CoPLiveException.NotFound("poll", pollId ?? "");

    private MeetupDetails Details() => new(
        Id,
        S.CommunityId,
        S.Title,
        S.Agenda,
        S.StartsAt,
        S.EndsAt,
        S.Audience is null ? null : new Audience([.. S.Audience]),
        S.Phase,
        S.HostUserId,
        [.. S.Speakers],
        S.Links.ToImmutableDictionary(StringComparer.Ordinal),
        S.CreatedAt,
        [.. S.StageOnly.Order(StringComparer.Ordinal)],
        S.SummaryThreadId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meetup {MeetupId} scheduled in community {CommunityId} by {UserId} for {StartsAt}")]
    private static partial void LogScheduled(ILogger logger, string meetupId, string communityId, string userId, DateTimeOffset startsAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meetup {MeetupId}: moved {StayCount} attendance records and {MessageCount} chat messages from the header to their own rows")]
    private static partial void LogMovedOutOfTheHeader(ILogger logger, string meetupId, int stayCount, int messageCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meetup {MeetupId} announced in community {CommunityId}")]
    private static partial void LogAnnounced(ILogger logger, string meetupId, string communityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meetup {MeetupId}: the summary thread could not be created")]
    private static partial void LogSummaryFailed(ILogger logger, Exception exception, string meetupId);
    [LoggerMessage(Level = LogLevel.Information, Message = "Meetup {MeetupId}: no version saved of linked item {DocumentId} ({Code})")]
    private static partial void LogNoVersion(ILogger logger, string meetupId, string documentId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meetup {MeetupId} ended by {UserId}")]
    private static partial void LogEnded(ILogger logger, string meetupId, string userId);
}
