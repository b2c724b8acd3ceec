using System.Text.Json;

namespace CoPLive.Bench.Targets;

/// <summary>What a CoPLive room event says about presence counts, whatever its type.</summary>
internal readonly record struct PresenceChange(long Seq, string? OrganizationId, int OrganizationCount, IReadOnlyList<KeyValuePair<string, int>>? CountsByOrganization)
{
    public static PresenceChange From(JsonElement roomEvent)
    {
        var seq = roomEvent.GetProperty("seq").GetInt64();
        var type = roomEvent.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (roomEvent.TryGetProperty("countsByOrganization", out var counts) && counts.ValueKind == JsonValueKind.Object)
        {
            return new PresenceChange(seq, null, 0, [.. counts.EnumerateObject().Select(c => KeyValuePair.Create(c.Name, c.Value.GetInt32()))]);
        }

        if (type is "member-entered" or "member-left"
            && roomEvent.TryGetProperty("organizationId", out var organization)
            && roomEvent.TryGetProperty("organizationCount", out var count))
        {
            return new PresenceChange(seq, organization.GetString(), count.GetInt32(), null);
        }

        return new PresenceChange(seq, null, 0, null);
    }
}
