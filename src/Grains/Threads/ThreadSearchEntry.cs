namespace CoPLive.Threads;

/// <summary>What the index holds for one post: the thread's title (on the opening post only) and the post's Markdown.</summary>
public sealed record ThreadSearchEntry(string CommunityId, string ThreadId, string PostId, string Title, string Body);
