using CoPLive.Threads;

namespace CoPLive.Activity;

/// <summary>
/// Turns activity events into the facts of <see cref="ActivityState"/>. Applying an event twice changes nothing
/// the second time (post numbers, question and session ids, first arrivals and talks are kept per item), so a
/// rebuild may overlap with events still in flight.
/// </summary>
public static class ActivityFacts
{
    /// <summary>The UTC day number of an instant (days since 0001-01-01).</summary>
    public static int DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime).DayNumber;

    /// <summary>Applies one event; returns whether a fact changed.</summary>
    public static bool Apply(ActivityState state, ActivityEvent e)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(e);
        return e.Type switch
        {
            ActivityTypes.ThreadCreated => ThreadCreated(state, e),
            ActivityTypes.PostAdded or ActivityTypes.ReplyAdded => PostAdded(state, e),
            ActivityTypes.AnswerAccepted => AnswerAccepted(state, e),
            ActivityTypes.PostRemoved => PostRemoved(state, e),
            ActivityTypes.MeetupAttended => First(Meetup(state, e.ItemId).Attendees, Touch(state, e), e),
            ActivityTypes.MeetupSpoke => First(Meetup(state, e.ItemId).Speakers, Touch(state, e), e),
            ActivityTypes.MeetupQuestionAsked => MeetupQuestionAsked(state, e),
            ActivityTypes.MeetupQuestionAnswered => MeetupQuestionAnswered(state, e),
            ActivityTypes.DocumentEditSession => DocumentEditSession(state, e),
            _ => false,
        };
    }

    private static MemberActivityState Touch(ActivityState state, ActivityEvent e) => Touch(state, e.ActorUserId, e.ActorOrganizationId, e.At);

    private static MemberActivityState Touch(ActivityState state, string userId, string organizationId, DateTimeOffset at)
    {
        if (!state.Members.TryGetValue(userId, out var member))
        {
            state.Members[userId] = member = new MemberActivityState { OrganizationId = organizationId, FirstSeenAt = at };
        }

        if (!string.IsNullOrEmpty(organizationId))
        {
            member.OrganizationId = organizationId;
        }

        if (at < member.FirstSeenAt)
        {
            member.FirstSeenAt = at;
        }

        return member;
    }

    private static void CountPost(ActivityState state, ActivityEvent e)
    {
        var member = Touch(state, e);
        var day = DayOf(e.At);
        member.PostsByDay[day] = member.PostsByDay.GetValueOrDefault(day) + 1;
    }

    private static bool ThreadCreated(ActivityState state, ActivityEvent e)
    {
        if (state.Threads.TryGetValue(e.ItemId, out var known) && known.LastPostNumber >= 1)
        {
            return false;
        }

        var thread = known ?? new ThreadActivityState();
        thread.Question = e.Detail == "question";
        thread.AskerUserId = e.ActorUserId;
        thread.AskerOrganizationId = e.ActorOrganizationId;
        thread.AskedAt = e.At;
        thread.LastPostNumber = Math.Max(thread.LastPostNumber, 1);
        state.Threads[e.ItemId] = thread;
        CountPost(state, e);
        return true;
    }

    private static bool PostAdded(ActivityState state, ActivityEvent e)
    {
        var number = PostIds.Parse(e.SubjectId);
        if (!state.Threads.TryGetValue(e.ItemId, out var thread))
        {
            // The creation was never seen (the thread predates analytics): its kind is unknown until a rebuild.
            state.Threads[e.ItemId] = thread = new ThreadActivityState
            {
                AskerUserId = e.SubjectUserId ?? "",
                AskerOrganizationId = e.SubjectOrganizationId ?? "",
                AskedAt = e.At,
            };
        }

        if (number <= thread.LastPostNumber)
        {
            return false;
        }

        thread.LastPostNumber = number;
        CountPost(state, e);
        if (thread.Question && e.ActorUserId != thread.AskerUserId)
        {
            thread.Answers.Add(new ContributionState { Id = e.SubjectId ?? "", UserId = e.ActorUserId, OrganizationId = e.ActorOrganizationId, At = e.At });
        }

        return true;
    }

    private static bool AnswerAccepted(ActivityState state, ActivityEvent e)
    {
        if (!state.Threads.TryGetValue(e.ItemId, out var thread) || !thread.Question || (thread.Accepted is { } current && e.At <= current.At))
        {
            return false;
        }

        thread.Accepted = new ContributionState { Id = e.SubjectId ?? "", UserId = e.SubjectUserId ?? "", OrganizationId = e.SubjectOrganizationId ?? "", At = e.At };
        return true;
    }

    private static bool PostRemoved(ActivityState state, ActivityEvent e)
    {
        // Removals do not take back what was contributed; only an accepted answer that is removed stops being accepted.
        if (state.Threads.TryGetValue(e.ItemId, out var thread) && thread.Accepted is { } accepted && accepted.Id == e.SubjectId && e.At >= accepted.At)
        {
            thread.Accepted = null;
            return true;
        }

        return false;
    }

    private static MeetupActivityState Meetup(ActivityState state, string meetupId)
    {
        if (!state.Meetups.TryGetValue(meetupId, out var meetup))
        {
            state.Meetups[meetupId] = meetup = new MeetupActivityState();
        }

        return meetup;
    }

    /// <summary>Keeps each member's earliest arrival (or talk) at a meetup.</summary>
    private static bool First(Dictionary<string, ContributionState> who, MemberActivityState member, ActivityEvent e)
    {
        if (who.TryGetValue(e.ActorUserId, out var known) && known.At <= e.At)
        {
            return false;
        }

        who[e.ActorUserId] = new ContributionState { UserId = e.ActorUserId, OrganizationId = member.OrganizationId, At = e.At };
        return true;
    }

    private static bool MeetupQuestionAsked(ActivityState state, ActivityEvent e)
    {
        var meetup = Meetup(state, e.ItemId);
        var id = e.SubjectId ?? "";
        if (meetup.Questions.TryGetValue(id, out var known) && known.UserId.Length > 0)
        {
            return false;
        }

        Touch(state, e);
        meetup.Questions[id] = new MeetupQuestionActivityState { UserId = e.ActorUserId, OrganizationId = e.ActorOrganizationId, AskedAt = e.At, AnsweredAt = known?.AnsweredAt };
        return true;
    }

    private static bool MeetupQuestionAnswered(ActivityState state, ActivityEvent e)
    {
        var meetup = Meetup(state, e.ItemId);
        var id = e.SubjectId ?? "";
        if (!meetup.Questions.TryGetValue(id, out var question))
        {
            // The question's own event was missed: what the answer says of the asker is enough.
            meetup.Questions[id] = question = new MeetupQuestionActivityState { UserId = e.SubjectUserId ?? "", OrganizationId = e.SubjectOrganizationId ?? "", AskedAt = e.At };
        }

        if (question.AnsweredAt is not null)
        {
            return false;
        }

        question.AnsweredAt = e.At;
        return true;
    }

    private static bool DocumentEditSession(ActivityState state, ActivityEvent e)
    {
        if (!state.Documents.TryGetValue(e.ItemId, out var document))
        {
            state.Documents[e.ItemId] = document = new DocumentActivityState();
        }

        if (e.SubjectId is { } sessionId && !document.SessionIds.Add(sessionId))
        {
            return false;
        }

        var member = Touch(state, e);
        if (!document.Contributors.TryGetValue(e.ActorUserId, out var contributor))
        {
            document.Contributors[e.ActorUserId] = contributor = new DocumentContributorState();
        }

        contributor.OrganizationId = member.OrganizationId;
        var day = DayOf(e.At);
        contributor.SessionsByDay[day] = contributor.SessionsByDay.GetValueOrDefault(day) + 1;
        return true;
    }
}
