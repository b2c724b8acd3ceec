namespace CoPLive.Communities;

/// <summary>How an admitted organization's members appear to viewers from other organizations.</summary>
[GenerateSerializer, Alias("CoPLive.PresencePolicy")]
public enum PresencePolicy
{
    /// <summary>By name (the default).</summary>
    Named = 0,

    /// <summary>Only counted ("3 from Contoso"); members of the same organization still see each other's names.</summary>
    Counted = 1,
}
