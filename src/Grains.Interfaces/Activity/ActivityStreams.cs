namespace CoPLive.Activity;

/// <summary>Where activity events are published: one Orleans stream per community.</summary>
public static class ActivityStreams
{
    /// <summary>The stream provider's name (memory streams; see the silo hosting).</summary>
    public const string Provider = "activity";

    /// <summary>The stream namespace; the key is the community id.</summary>
    public const string Namespace = "community-activity";
}
