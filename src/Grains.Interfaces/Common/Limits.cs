namespace CoPLive.Common;

/// <summary>Field limits enforced by the grains (and documented in docs/protocol.md).</summary>
public static class Limits
{
    /// <summary>Names and titles: organizations, communities, display names.</summary>
    public const int NameLength = 200;

    /// <summary>A community's domain ("what it is about").</summary>
    public const int DomainLength = 200;

    /// <summary>A community's description.</summary>
    public const int DescriptionLength = 4000;

    /// <summary>A meetup's agenda.</summary>
    public const int AgendaLength = 4000;

    /// <summary>A meetup chat message.</summary>
    public const int ChatLength = 2000;

    /// <summary>An audience question.</summary>
    public const int QuestionLength = 1000;

    /// <summary>A poll's question and each of its options.</summary>
    public const int PollTextLength = 300;

    /// <summary>Options of one poll.</summary>
    public const int MaxPollOptions = 10;

    /// <summary>A thread post's Markdown body.</summary>
    public const int PostLength = 20000;

    /// <summary>The reason given for removing a post.</summary>
    public const int RemovalReasonLength = 500;

    /// <summary>Search query text.</summary>
    public const int SearchQueryLength = 200;

    /// <summary>Members in one page of a community's directory, when a page is asked for.</summary>
    public const int MemberPageSize = 1000;

    /// <summary>Entries in one page of a community's audit log, when a page is asked for.</summary>
    public const int AuditListPageSize = 1000;

    /// <summary>Threads in one page of a community's thread list, when a page is asked for.</summary>
    public const int ThreadPageSize = 1000;

    /// <summary>Member ids in one directory lookup (<c>ids=</c>).</summary>
    public const int MemberIdsPerQuery = 100;

    /// <summary>Search results in one answer.</summary>
    public const int MaxSearchResults = 50;

    /// <summary>Mentions in one post that are notified (more are ignored).</summary>
    public const int MaxMentionsPerPost = 20;
    /// <summary>An ephemeral room signal's payload (a cursor, an awareness state).</summary>
    public const int SignalLength = 4000;

    /// <summary>Throws <see cref="ErrorCodes.InvalidRequest"/> if the text is missing or blank, <see cref="ErrorCodes.TooLarge"/> if too long.</summary>
    public static string RequireText(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw CoPLiveException.Invalid($"'{field}' is required and must not be empty.");
        }

        return OptionalText(value, field, maxLength)!;
    }

    /// <summary>Throws <see cref="ErrorCodes.TooLarge"/> if the text is longer than allowed; trims it.</summary>
    public static string? OptionalText(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new CoPLiveException(ErrorCodes.TooLarge, $"'{field}' is longer than {maxLength} characters.");
        }

        return trimmed;
    }
}
