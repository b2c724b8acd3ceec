namespace CoPLive.Threads;

/// <summary>One page of a thread's posts, stored as its own row (state name <see cref="StorageNames.ThreadPostPage"/>).</summary>
[GenerateSerializer, Alias("CoPLive.PostPageState")]
public sealed class PostPageState
{
    [Id(0)] public List<PostState> Posts { get; set; } = [];
}
