using System.Collections.Immutable;
using CoPLive.Analytics;

namespace CoPLive.Activity;

/// <summary>
/// Computes a report from the facts of <see cref="ActivityState"/> (docs/analytics.md has the definitions).
/// Pure: the grain gives it the window, the thresholds, which members the viewer may see one by one, and the
/// titles of the meetups the viewer may see.
/// </summary>
public sealed class AnalyticsCalculator
{
    private static readonly (string Label, TimeSpan Below)[] AgeBuckets =
    [
        ("under-1-day", TimeSpan.FromDays(1)),
        ("1-to-7-days", TimeSpan.FromDays(7)),
        ("7-to-30-days", TimeSpan.FromDays(30)),
        ("over-30-days", TimeSpan.MaxValue),
    ];

    private readonly ActivityState _state;
    private readonly AnalyticsWindow _window;
    private readonly AnalyticsThresholds _thresholds;
    private readonly Dictionary<string, Dictionary<int, int>> _contributionsByDay = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _attendanceDays = new(StringComparer.Ordinal);

    public AnalyticsCalculator(ActivityState state, AnalyticsWindow window, AnalyticsThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(thresholds);
        _state = state;
        _window = window;
        _thresholds = thresholds;
        foreach (var (userId, member) in state.Members)
        {
            foreach (var (day, count) in member.PostsByDay)
            {
                AddContributions(userId, day, count);
            }
        }

        foreach (var meetup in state.Meetups.Values)
        {
            foreach (var question in meetup.Questions.Values.Where(q => q.UserId.Length > 0))
            {
                AddContributions(question.UserId, ActivityFacts.DayOf(question.AskedAt), 1);
            }

            foreach (var speaker in meetup.Speakers.Values)
            {
                AddContributions(speaker.UserId, ActivityFacts.DayOf(speaker.At), 1);
            }

            foreach (var attendee in meetup.Attendees.Values)
            {
                if (!_attendanceDays.TryGetValue(attendee.UserId, out var days))
                {
                    _attendanceDays[attendee.UserId] = days = [];
                }

                days.Add(ActivityFacts.DayOf(attendee.At));
            }
        }

        foreach (var document in state.Documents.Values)
        {
            foreach (var (userId, contributor) in document.Contributors)
            {
                foreach (var (day, count) in contributor.SessionsByDay)
                {
                    AddContributions(userId, day, count);
                }
            }
        }
    }

    /// <summary>The whole report; <paramref name="mayName"/> says whether the viewer may see a member (user id, organization id) one by one.</summary>
    public AnalyticsReport Compute(
        string communityId,
        string memberDetail,
        Func<string, string, bool> mayName,
        IReadOnlyDictionary<string, string> visibleMeetupTitles,
        IReadOnlySet<string> visibleDocumentIds,
        IReadOnlyCollection<string> admittedOrganizations,
        IReadOnlySet<string> sponsoringOrganizations)
    {
        ArgumentNullException.ThrowIfNull(mayName);
        return new AnalyticsReport(
            communityId,
            _window.AsOf,
            _window.From,
            _window.To,
            _window.Days,
            _thresholds,
            memberDetail,
            _state.EventsApplied,
            _state.RebuiltAt,
            Participation(mayName),
            KnowledgeFlow(),
            Meetups(visibleMeetupTitles),
            Documents(mayName, visibleDocumentIds),
            Balances(admittedOrganizations, sponsoringOrganizations));
    }

    /// <summary>A member's level over the window of <see cref="AnalyticsWindow.Days"/> days ending with <paramref name="endDay"/>.</summary>
    public ParticipationLevel LevelAt(string userId, int endDay)
    {
        var startDay = endDay - _window.Days + 1;
        var contributions = ContributionsBetween(userId, startDay, endDay);
        if (contributions >= _thresholds.CoreContributions)
        {
            return ParticipationLevel.Core;
        }

        if (contributions >= _thresholds.ActiveContributions)
        {
            return ParticipationLevel.Active;
        }

        var attended = _attendanceDays.TryGetValue(userId, out var days) && days.Exists(d => d >= startDay && d <= endDay);
        return contributions > 0 || attended ? ParticipationLevel.Peripheral : ParticipationLevel.Inactive;
    }

    private void AddContributions(string userId, int day, int count)
    {
        if (!_contributionsByDay.TryGetValue(userId, out var days))
        {
            _contributionsByDay[userId] = days = [];
        }

        days[day] = days.GetValueOrDefault(day) + count;
    }

    private int ContributionsBetween(string userId, int startDay, int endDay) =>
        _contributionsByDay.TryGetValue(userId, out var days) ? days.Where(d => d.Key >= startDay && d.Key <= endDay).Sum(d => d.Value) : 0;

    private bool InWindow(DateTimeOffset at) => at >= _window.From && at < _window.To;

    /// <summary>Members known by the end of <paramref name="endDay"/>.</summary>
    private IEnumerable<KeyValuePair<string, MemberActivityState>> KnownBy(int endDay) =>
        _state.Members.Where(m => ActivityFacts.DayOf(m.Value.FirstSeenAt) <= endDay).OrderBy(m => m.Key, StringComparer.Ordinal);

    private static LevelCounts Count(IEnumerable<ParticipationLevel> levels)
    {
        var list = levels.ToList();
        return new LevelCounts(
            list.Count(l => l == ParticipationLevel.Core),
            list.Count(l => l == ParticipationLevel.Active),
            list.Count(l => l == ParticipationLevel.Peripheral),
            list.Count(l => l == ParticipationLevel.Inactive));
    }

    private Participation Participation(Func<string, string, bool> mayName)
    {
        var endDays = Enumerable.Range(0, _window.Weeks).Select(k => _window.EndDay - (7 * (_window.Weeks - 1 - k))).ToList();
        var known = KnownBy(_window.EndDay).ToList();
        var levels = known.ToDictionary(m => m.Key, m => LevelAt(m.Key, _window.EndDay), StringComparer.Ordinal);
        var byOrganization = known
            .GroupBy(m => m.Value.OrganizationId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OrganizationLevels(g.Key, Count(g.Select(m => levels[m.Key]))))
            .ToImmutableArray();
        var weeks = endDays
            .Select(day => new WeekLevels(DateOnly.FromDayNumber(day), Count(KnownBy(day).Select(m => LevelAt(m.Key, day)))))
            .ToImmutableArray();
        var answers = _state.Threads.Values.SelectMany(t => t.Answers).Where(a => InWindow(a.At)).ToList();
        var accepted = _state.Threads.Values.Select(t => t.Accepted).OfType<ContributionState>().Where(a => InWindow(a.At)).ToList();
        var members = known
            .Where(m => mayName(m.Key, m.Value.OrganizationId))
            .Select(m => new MemberParticipation(
                m.Key,
                m.Value.OrganizationId,
                levels[m.Key],
                ContributionsBetween(m.Key, _window.StartDay, _window.EndDay),
                _state.Meetups.Values.Count(x => x.Attendees.TryGetValue(m.Key, out var a) && InWindow(a.At)),
                answers.Count(a => a.UserId == m.Key),
                accepted.Count(a => a.UserId == m.Key),
                [.. endDays.Select(day => ActivityFacts.DayOf(m.Value.FirstSeenAt) <= day ? LevelAt(m.Key, day) : ParticipationLevel.Inactive)]))
            .ToImmutableArray();
        return new Participation(Count(levels.Values), byOrganization, weeks, members);
    }

    private KnowledgeFlow KnowledgeFlow()
    {
        var questions = _state.Threads.Values.Where(t => t.Question).ToList();
        var asked = questions.Where(q => InWindow(q.AskedAt)).ToList();
        var answers = questions.SelectMany(q => q.Answers.Where(a => InWindow(a.At)).Select(a => (Question: q, Answer: a))).ToList();
        var accepted = questions.Where(q => q.Accepted is { } a && InWindow(a.At)).Select(q => (Question: q, Answer: q.Accepted!)).ToList();

        var organizations = asked.Select(q => q.AskerOrganizationId)
            .Concat(answers.Select(a => a.Answer.OrganizationId))
            .Concat(accepted.Select(a => a.Answer.OrganizationId))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(org => new OrganizationQuestions(
                org,
                asked.Count(q => q.AskerOrganizationId == org),
                asked.Count(q => q.AskerOrganizationId == org && q.Answers.Exists(a => a.At < _window.To)),
                asked.Count(q => q.AskerOrganizationId == org && q.Accepted is { } a && a.At < _window.To),
                answers.Count(a => a.Answer.OrganizationId == org),
                accepted.Count(a => a.Answer.OrganizationId == org)))
            .ToImmutableArray();

        var flows = answers.Select(a => (From: a.Answer.OrganizationId, To: a.Question.AskerOrganizationId, Accepted: false))
            .Concat(accepted.Select(a => (From: a.Answer.OrganizationId, To: a.Question.AskerOrganizationId, Accepted: true)))
            .GroupBy(f => (f.From, f.To))
            .OrderBy(g => g.Key.From, StringComparer.Ordinal)
            .ThenBy(g => g.Key.To, StringComparer.Ordinal)
            .Select(g => new OrganizationFlow(g.Key.From, g.Key.To, g.Count(f => !f.Accepted), g.Count(f => f.Accepted)))
            .ToImmutableArray();

        var firstAnswer = asked.Select(q => q.Answers.Where(a => a.At < _window.To).Select(a => (TimeSpan?)(a.At - q.AskedAt)).Min()).OfType<TimeSpan>();
        var firstAcross = asked
            .Select(q => q.Answers.Where(a => a.At < _window.To && a.OrganizationId != q.AskerOrganizationId).Select(a => (TimeSpan?)(a.At - q.AskedAt)).Min())
            .OfType<TimeSpan>();
        var toAccepted = asked.Where(q => q.Accepted is { } a && a.At < _window.To).Select(q => (q.Accepted!.At - q.AskedAt, q.Accepted.OrganizationId != q.AskerOrganizationId)).ToList();

        return new KnowledgeFlow(
            organizations,
            flows,
            Stats(firstAnswer),
            Stats(firstAcross),
            Stats(toAccepted.Select(a => a.Item1)),
            Stats(toAccepted.Where(a => a.Item2).Select(a => a.Item1)),
            Open(questions));
    }

    private OpenQuestions Open(List<ThreadActivityState> questions)
    {
        var asOf = _window.AsOf;
        var open = questions
            .Where(q => q.AskedAt <= asOf && !(q.Accepted is { } a && a.At <= asOf))
            .Select(q => (Age: asOf - q.AskedAt, Unanswered: !q.Answers.Exists(a => a.At <= asOf)))
            .ToList();
        var buckets = ImmutableArray.CreateBuilder<AgeBucket>();
        var below = TimeSpan.Zero;
        foreach (var (label, limit) in AgeBuckets)
        {
            var inBucket = open.Where(q => q.Age >= below && q.Age < limit).ToList();
            buckets.Add(new AgeBucket(label, inBucket.Count, inBucket.Count(q => q.Unanswered)));
            below = limit;
        }

        return new OpenQuestions(open.Count, open.Count(q => q.Unanswered), buckets.ToImmutable());
    }

    /// <summary>Count, median (the mean of the two middle values for an even count) and 90th percentile (nearest rank), in seconds.</summary>
    public static DurationStats Stats(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Select(d => d.TotalSeconds).Order().ToList();
        if (sorted.Count == 0)
        {
            return new DurationStats(0, null, null);
        }

        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var p90 = sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1];
        return new DurationStats(sorted.Count, median, p90);
    }

    private MeetupAnalytics Meetups(IReadOnlyDictionary<string, string> visibleTitles)
    {
        // A member's first meetup in the community is the one of their earliest arrival.
        var firstMeetup = _state.Meetups
            .SelectMany(m => m.Value.Attendees.Values.Select(a => (MeetupId: m.Key, a.UserId, a.At)))
            .GroupBy(a => a.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.At).ThenBy(a => a.MeetupId, StringComparer.Ordinal).First().MeetupId, StringComparer.Ordinal);
        var rows = new List<MeetupAttendance>();
        int meetups = 0, firstTime = 0, returning = 0, asked = 0, answered = 0;
        foreach (var (meetupId, meetup) in _state.Meetups.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var arrivals = meetup.Attendees.Values.Where(a => InWindow(a.At)).ToList();
            var questionsAsked = meetup.Questions.Values.Count(q => InWindow(q.AskedAt));
            var questionsAnswered = meetup.Questions.Values.Count(q => q.AnsweredAt is { } at && InWindow(at));
            var speakers = meetup.Speakers.Values.Count(s => InWindow(s.At));
            if (arrivals.Count == 0 && questionsAsked == 0 && questionsAnswered == 0 && speakers == 0)
            {
                continue;
            }

            var first = arrivals.Count(a => firstMeetup[a.UserId] == meetupId);
            meetups++;
            firstTime += first;
            returning += arrivals.Count - first;
            asked += questionsAsked;
            answered += questionsAnswered;
            if (visibleTitles.TryGetValue(meetupId, out var title))
            {
                rows.Add(new MeetupAttendance(
                    meetupId,
                    title,
                    arrivals.Count,
                    first,
                    arrivals.Count - first,
                    arrivals.GroupBy(a => a.OrganizationId, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                    questionsAsked,
                    questionsAnswered,
                    speakers));
            }
        }

        var allArrivals = _state.Meetups.Values.SelectMany(m => m.Attendees.Values).Where(a => InWindow(a.At)).ToList();
        var talks = _state.Meetups.Values.SelectMany(m => m.Speakers.Values).Where(s => InWindow(s.At)).ToList();
        var byOrganization = allArrivals.Select(a => a.OrganizationId).Concat(talks.Select(t => t.OrganizationId))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(org => new OrganizationAttendance(
                org,
                allArrivals.Count(a => a.OrganizationId == org),
                allArrivals.Where(a => a.OrganizationId == org).Select(a => a.UserId).Distinct(StringComparer.Ordinal).Count(),
                talks.Count(t => t.OrganizationId == org)))
            .ToImmutableArray();
        return new MeetupAnalytics(meetups, allArrivals.Count, firstTime, returning, asked, answered, [.. rows], byOrganization);
    }

    private List<(string DocumentId, string UserId, string OrganizationId, int Sessions)> DocumentSessions() =>
        _state.Documents
            .SelectMany(d => d.Value.Contributors.Select(c => (
                DocumentId: d.Key,
                UserId: c.Key,
                c.Value.OrganizationId,
                Sessions: c.Value.SessionsByDay.Where(s => s.Key >= _window.StartDay && s.Key <= _window.EndDay).Sum(s => s.Value))))
            .Where(c => c.Sessions > 0)
            .ToList();

    /// <remarks>
    /// Only documents the viewer may see get a row of their own (a restricted document's id and contributors stay
    /// inside its audience); the totals per organization count every document.
    /// </remarks>
    private DocumentAnalytics Documents(Func<string, string, bool> mayName, IReadOnlySet<string> visibleDocumentIds)
    {
        var sessions = DocumentSessions();
        var perDocument = sessions
            .Where(s => visibleDocumentIds.Contains(s.DocumentId))
            .GroupBy(s => s.DocumentId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DocumentContributions(
                g.Key,
                g.Count(),
                g.Sum(s => s.Sessions),
                g.GroupBy(s => s.OrganizationId, StringComparer.Ordinal).ToImmutableDictionary(o => o.Key, o => o.Count(), StringComparer.Ordinal),
                [.. g.Where(s => mayName(s.UserId, s.OrganizationId)).Select(s => s.UserId).Order(StringComparer.Ordinal)]))
            .ToImmutableArray();
        var byOrganization = sessions
            .GroupBy(s => s.OrganizationId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OrganizationDocuments(
                g.Key,
                g.Select(s => s.DocumentId).Distinct(StringComparer.Ordinal).Count(),
                g.Select(s => s.UserId).Distinct(StringComparer.Ordinal).Count(),
                g.Sum(s => s.Sessions)))
            .ToImmutableArray();
        return new DocumentAnalytics(perDocument, byOrganization);
    }

    private ImmutableArray<OrganizationBalance> Balances(IReadOnlyCollection<string> admitted, IReadOnlySet<string> sponsoring)
    {
        var questions = _state.Threads.Values.Where(t => t.Question).ToList();
        var answers = questions.SelectMany(q => q.Answers.Where(a => InWindow(a.At)).Select(a => (Asker: q.AskerOrganizationId, a.OrganizationId))).ToList();
        var accepted = questions.Where(q => q.Accepted is { } a && InWindow(a.At)).Select(q => (Asker: q.AskerOrganizationId, q.Accepted!.OrganizationId)).ToList();
        var sessions = DocumentSessions();
        var talks = _state.Meetups.Values.SelectMany(m => m.Speakers.Values).Where(s => InWindow(s.At)).ToList();
        var arrivals = _state.Meetups.Values.SelectMany(m => m.Attendees.Values).Where(a => InWindow(a.At)).ToList();
        var known = KnownBy(_window.EndDay).ToList();
        var organizations = admitted
            .Concat(known.Select(m => m.Value.OrganizationId))
            .Where(o => o.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return
        [
            .. organizations.Select(org => new OrganizationBalance(
                org,
                sponsoring.Contains(org),
                known.Count(m => m.Value.OrganizationId == org),
                answers.Count(a => a.OrganizationId == org),
                answers.Count(a => a.OrganizationId == org && a.Asker != org),
                accepted.Count(a => a.OrganizationId == org && a.Asker != org),
                sessions.Where(s => s.OrganizationId == org).Select(s => s.DocumentId).Distinct(StringComparer.Ordinal).Count(),
                sessions.Where(s => s.OrganizationId == org).Sum(s => s.Sessions),
                talks.Count(t => t.OrganizationId == org),
                questions.Count(q => q.AskerOrganizationId == org && InWindow(q.AskedAt)),
                answers.Count(a => a.Asker == org && a.OrganizationId != org),
                accepted.Count(a => a.Asker == org && a.OrganizationId != org),
                arrivals.Count(a => a.OrganizationId == org))),
        ];
    }
}
