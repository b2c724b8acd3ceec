namespace CoPLive.Meetups;

/// <summary>
/// The durable header of <see cref="MeetupGrain"/>; its attendance and chat have rows of their own. Hands and per-tick
/// tallies are live only.
/// </summary>
[GenerateSerializer, Alias("CoPLive.MeetupState")]
public sealed class MeetupState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string CommunityId { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public string? Agenda { get; set; }
    [Id(4)] public DateTimeOffset StartsAt { get; set; }
    [Id(5)] public DateTimeOffset EndsAt { get; set; }
    [Id(6)] public List<string>? Audience { get; set; }
    [Id(7)] public MeetupPhase Phase { get; set; }
    [Id(8)] public string HostUserId { get; set; } = "";
    [Id(9)] public List<string> Speakers { get; set; } = [];
    [Id(10)] public Dictionary<string, string> Links { get; set; } = new(StringComparer.Ordinal);
    [Id(11)] public DateTimeOffset CreatedAt { get; set; }
    [Id(12)] public bool Announced { get; set; }
    [Id(13)] public List<QuestionState> Questions { get; set; } = [];
    [Id(14)] public List<PollState> Polls { get; set; } = [];

    /// <summary>Chat, in a header stored before it had pages of its own (<see cref="MeetupGrain.ChatPageSize"/>); emptied on activation.</summary>
    [Id(15)] public List<ChatMessage> Chat { get; set; } = [];

    /// <summary>Attendance, in a header stored before it had rows of its own (<see cref="MeetupGrain.AttendancePageSize"/>); emptied on activation.</summary>
    [Id(16)] public List<AttendanceState> Attendance { get; set; } = [];
    [Id(17)] public Dictionary<string, long> ReactionTotals { get; set; } = new(StringComparer.Ordinal);
    [Id(18)] public string? SummaryThreadId { get; set; }

    /// <summary>Link roles whose document the host made stage only.</summary>
    [Id(19)] public HashSet<string> StageOnly { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Who spoke, once per member, and since when (the host when it went live, participants brought on stage): for analytics.</summary>
    [Id(20)] public List<AttendanceState> Talks { get; set; } = [];
}
