namespace CoPLive.Notifications;

/// <summary>The kinds of <see cref="Notification"/>.</summary>
public static class NotificationKinds
{
    /// <summary>A post mentions the member (@userId).</summary>
    public const string Mention = "mention";

    /// <summary>A new post in a thread the member follows.</summary>
    public const string FollowedPost = "followed-post";
}
