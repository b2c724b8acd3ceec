namespace CoPLive.Gateway.Identity;

/// <summary>The token claims CoPLive reads.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Organization = "org";

    /// <summary>A role claim; the value <see cref="PlatformOperator"/> may register organizations outside development.</summary>
    public const string Role = "role";

    public const string PlatformOperator = "platform-operator";
}
