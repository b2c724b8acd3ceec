using System.Globalization;
using System.Text;

namespace CoPLive.Meetups;

/// <summary>
/// Writes the Markdown of an ended meetup's summary thread: agenda, attendance per organization, questions
/// (answered and open), poll results and links to the linked documents (whatever the documents feature
/// serves at /api/documents/{id}). What participants wrote is quoted as text; the thread's renderer makes it safe.
/// </summary>
public static class MeetupSummary
{
    /// <param name="versions">By link role, the version of the linked document saved at the meetup's end, where there is one.</param>
    public static string Write(
        MeetupDetails meetup,
        IEnumerable<MeetupQuestion> questions,
        IEnumerable<MeetupPoll> polls,
        IEnumerable<AttendanceRecord> attendance,
        IReadOnlyDictionary<string, string> versions)
    {
        ArgumentNullException.ThrowIfNull(meetup);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Summary of the meetup **{meetup.Title}** ({meetup.StartsAt:yyyy-MM-dd HH:mm} UTC), hosted by @{meetup.HostUserId}.\n\n");
        text.Append("## Agenda\n\n").Append(string.IsNullOrWhiteSpace(meetup.Agenda) ? "(none)" : meetup.Agenda).Append("\n\n");

        text.Append("## Attendance\n\n");
        var byOrganization = attendance.GroupBy(a => a.OrganizationId, StringComparer.Ordinal)
            .Select(g => (Organization: g.Key, People: g.Select(a => a.UserId).Distinct(StringComparer.Ordinal).Count()))
            .OrderByDescending(g => g.People).ThenBy(g => g.Organization, StringComparer.Ordinal)
            .ToList();
        if (byOrganization.Count == 0)
        {
            text.Append("Nobody attended.\n\n");
        }
        else
        {
            text.Append("| organization | people |\n| --- | --- |\n");
            foreach (var (organization, people) in byOrganization)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {organization} | {people} |\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"\n{byOrganization.Sum(g => g.People)} people from {byOrganization.Count} organizations.\n\n");
        }

        var asked = questions.OrderByDescending(q => q.Upvotes).ThenBy(q => q.AskedAt).ToList();
        text.Append("## Questions answered\n\n");
        AppendQuestions(text, asked.Where(q => q.Answered));
        text.Append("## Open questions\n\n");
        AppendQuestions(text, asked.Where(q => !q.Answered));

        text.Append("## Polls\n\n");
        var pollList = polls.ToList();
        if (pollList.Count == 0)
        {
            text.Append("(none)\n\n");
        }

        foreach (var poll in pollList)
        {
            text.Append(CultureInfo.InvariantCulture, $"**{poll.Question}**\n\n");
            for (var i = 0; i < poll.Options.Length; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {poll.Options[i]}: {poll.Tallies[i]}\n");
            }

            text.Append('\n');
        }

        text.Append("## Documents\n\n");
        if (meetup.Links.IsEmpty)
        {
            text.Append("(none)\n");
        }

        if (meetup.Links.TryGetValue("whiteboard", out var whiteboard))
        {
            text.Append(CultureInfo.InvariantCulture, $"- Whiteboard: [SVG](/api/documents/{whiteboard}/export?format=svg), [document](/api/documents/{whiteboard}){AtTheEnd(whiteboard, versions.GetValueOrDefault("whiteboard"))}\n");
        }

        if (meetup.Links.TryGetValue("notes", out var notes))
        {
            text.Append(CultureInfo.InvariantCulture, $"- Notes: [Markdown](/api/documents/{notes}/export?format=markdown), [document](/api/documents/{notes}){AtTheEnd(notes, versions.GetValueOrDefault("notes"))}\n");
        }

        return text.ToString();
    }

    private static string AtTheEnd(string documentId, string? versionId) =>
        versionId is null ? "" : string.Create(CultureInfo.InvariantCulture, $", [as it was at the end](/api/documents/{documentId}/versions/{versionId})");

    private static void AppendQuestions(StringBuilder text, IEnumerable<MeetupQuestion> questions)
    {
        var any = false;
        foreach (var question in questions)
        {
            any = true;
            text.Append(CultureInfo.InvariantCulture, $"- {question.Text} ({question.AuthorName}, {question.AuthorOrganizationId}; {question.Upvotes} upvotes)\n");
        }

        text.Append(any ? "\n" : "(none)\n\n");
    }
}
