namespace CoPLive.Activity;

/// <summary>The types of <see cref="ActivityEvent"/> (documented in docs/activity.md).</summary>
public static class ActivityTypes
{
    public const string ThreadCreated = "thread-created";
    public const string PostAdded = "post-added";
    public const string ReplyAdded = "reply-added";
    public const string PostEdited = "post-edited";
    public const string PostRemoved = "post-removed";
    public const string ReactionToggled = "reaction-toggled";
    public const string AnswerAccepted = "answer-accepted";
    public const string MeetupAttended = "meetup-attended";

    /// <summary>A member's editing session on a document ended (published by the documents feature).</summary>
    public const string DocumentEditSession = "document-edit-session";

    /// <summary>A participant asked an audience question in a meetup (subject: the question id).</summary>
    public const string MeetupQuestionAsked = "meetup-question-asked";

    /// <summary>The host marked a meetup question answered (subject: the question id; subject user: the asker).</summary>
    public const string MeetupQuestionAnswered = "meetup-question-answered";

    /// <summary>A member spoke at a meetup: the host when it went live, a participant brought on stage (once per member per meetup).</summary>
    public const string MeetupSpoke = "meetup-spoke";
}
