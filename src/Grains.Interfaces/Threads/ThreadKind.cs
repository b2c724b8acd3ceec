namespace CoPLive.Threads;

/// <summary>What a thread is for: a discussion, or a question that can have an accepted answer.</summary>
public enum ThreadKind
{
    Discussion,
    Question,
}
