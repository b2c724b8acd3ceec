using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CoPLive.Analytics;

namespace CoPLive.Gateway.Api;

/// <summary>Writes one table of an analytics report as CSV (RFC 4180: comma separated, quoted where needed, CRLF line ends).</summary>
public static class AnalyticsCsv
{
    public const string DefaultTable = "organizations";

    /// <summary>The tables a CSV download offers.</summary>
    public static readonly ImmutableArray<string> Tables = ["organizations", "members", "levels", "flows", "questions", "meetups", "documents"];

    public static string Write(AnalyticsReport report, string table)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = table switch
        {
            "organizations" => Organizations(report),
            "members" => Members(report),
            "levels" => Levels(report),
            "flows" => Flows(report),
            "questions" => Questions(report),
            "meetups" => Meetups(report),
            "documents" => Documents(report),
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown table."),
        };
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    private static IEnumerable<object?[]> Organizations(AnalyticsReport report)
    {
        yield return ["organization", "sponsoring", "members", "answers_given", "answers_given_to_others", "accepted_answers_given_to_others", "documents_contributed", "document_sessions", "talks", "questions_asked", "answers_received_from_others", "accepted_answers_received_from_others", "meetup_attendances"];
        foreach (var o in report.Organizations)
        {
            yield return [o.OrganizationId, o.Sponsoring ? "true" : "false", o.Members, o.AnswersGiven, o.AnswersGivenToOthers, o.AcceptedAnswersGivenToOthers, o.DocumentsContributed, o.DocumentSessions, o.Talks, o.QuestionsAsked, o.AnswersReceivedFromOthers, o.AcceptedAnswersReceivedFromOthers, o.MeetupAttendances];
        }
    }

    private static IEnumerable<object?[]> Members(AnalyticsReport report)
    {
        var weeks = report.Participation.Weeks;
        yield return ["user", "organization", "level", "contributions", "meetups_attended", "answers_given", "accepted_answers", .. weeks.Select(w => $"level_{w.Day:yyyy-MM-dd}")];
        foreach (var m in report.Participation.Members)
        {
            yield return [m.UserId, m.OrganizationId, Level(m.Level), m.Contributions, m.MeetupsAttended, m.AnswersGiven, m.AcceptedAnswers, .. m.Weekly.Select(Level)];
        }
    }

    private static IEnumerable<object?[]> Levels(AnalyticsReport report)
    {
        yield return ["day", "core", "active", "peripheral", "inactive"];
        foreach (var w in report.Participation.Weeks)
        {
            yield return [w.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.Levels.Core, w.Levels.Active, w.Levels.Peripheral, w.Levels.Inactive];
        }
    }

    private static IEnumerable<object?[]> Flows(AnalyticsReport report)
    {
        yield return ["from_organization", "to_organization", "answers", "accepted_answers"];
        foreach (var f in report.KnowledgeFlow.Flows)
        {
            yield return [f.FromOrganizationId, f.ToOrganizationId, f.Answers, f.AcceptedAnswers];
        }
    }

    private static IEnumerable<object?[]> Questions(AnalyticsReport report)
    {
        yield return ["organization", "questions_asked", "questions_answered", "questions_accepted", "answers_given", "accepted_answers_given"];
        foreach (var q in report.KnowledgeFlow.Organizations)
        {
            yield return [q.OrganizationId, q.QuestionsAsked, q.QuestionsAnswered, q.QuestionsAccepted, q.AnswersGiven, q.AcceptedAnswersGiven];
        }
    }

    private static IEnumerable<object?[]> Meetups(AnalyticsReport report)
    {
        yield return ["meetup", "title", "attendees", "first_time", "returning", "questions_asked", "questions_answered", "speakers"];
        foreach (var m in report.Meetups.PerMeetup)
        {
            yield return [m.MeetupId, m.Title, m.Attendees, m.FirstTime, m.Returning, m.QuestionsAsked, m.QuestionsAnswered, m.Speakers];
        }
    }

    private static IEnumerable<object?[]> Documents(AnalyticsReport report)
    {
        yield return ["document", "contributors", "sessions", "contributors_by_organization"];
        foreach (var d in report.Documents.PerDocument)
        {
            yield return [d.DocumentId, d.Contributors, d.Sessions, string.Join(' ', d.ContributorsByOrganization.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"))];
        }
    }

    private static string Level(ParticipationLevel level) => level.ToString().ToLowerInvariant();
}
