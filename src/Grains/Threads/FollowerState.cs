namespace CoPLive.Threads;

/// <summary>A member who follows a thread, as they were when they followed (their access is checked again before each notification).</summary>
[GenerateSerializer, Alias("CoPLive.FollowerState")]
public sealed class FollowerState
{
    [Id(0)] public string UserId { get; set; } = "";
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public string OrganizationId { get; set; } = "";
}
