namespace CoPLive;

/// <summary>The names of the grain storage providers and state entries, in one place.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider that holds every durable grain state.</summary>
    public const string Main = "coplive";

    public const string OrganizationState = "organization";
    public const string CommunityState = "community";
}
