namespace CoPLive.Bench.Baseline;

/// <summary>What the baseline tells everyone in a room when someone enters it: the naive presence event.</summary>
public sealed record BaselineJoined(string Room, string UserId, string DisplayName, string OrganizationId, long Seq);
