using System.Collections.Immutable;

namespace CoPLive.Communities;

/// <summary>Who may see a content item: members of the named organizations only. An item without an audience is for the whole community.</summary>
[GenerateSerializer, Immutable, Alias("CoPLive.Audience")]
public sealed record Audience([property: Id(0)] ImmutableArray<string> Organizations)
{
    /// <summary>Whether a member of <paramref name="organizationId"/> is in this audience.</summary>
    public bool Includes(string organizationId) => Organizations.Contains(organizationId);
}
