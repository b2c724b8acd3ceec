namespace CoPLive.Threads;

/// <summary>Post ids: "p{n}", numbered from 1 within a thread (the opening post is "p1").</summary>
public static class PostIds
{
    public const string Opening = "p1";

    public static string Format(int number) => $"p{number}";

    /// <summary>The post number of <paramref name="postId"/>, or 0 if it is not a post id.</summary>
    public static int Parse(string? postId) =>
        postId is { Length: > 1 and < 12 } && postId[0] == 'p' && int.TryParse(postId.AsSpan(1), System.Globalization.NumberStyles.None, null, out var n) && n > 0
            ? n
            : 0;
}
