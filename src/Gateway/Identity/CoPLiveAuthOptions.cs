namespace CoPLive.Gateway.Identity;

/// <summary>
/// How tokens are validated: configuration section <c>CoPLive:Auth</c>. Either an OIDC <see cref="Authority"/>,
/// or a symmetric <see cref="SigningKey"/> with <see cref="Issuer"/> and <see cref="Audience"/>.
/// </summary>
public sealed class CoPLiveAuthOptions
{
    public const string SectionName = "CoPLive:Auth";

    /// <summary>OIDC authority whose metadata and keys validate tokens.</summary>
    public string? Authority { get; set; }

    /// <summary>HMAC-SHA256 signing key (at least 32 bytes of UTF-8), when no authority is used.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "coplive";

    public string Audience { get; set; } = "coplive";

    /// <summary>Lifetime of tokens minted by the development sign-in.</summary>
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Throws a message that names the setting when tokens could not be validated.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Authority) && string.IsNullOrWhiteSpace(SigningKey))
        {
            throw new InvalidOperationException(
                $"Set {SectionName}:Authority (an OIDC issuer) or {SectionName}:SigningKey (HMAC key of at least 32 bytes) so that tokens can be validated.");
        }

        if (!string.IsNullOrWhiteSpace(SigningKey) && System.Text.Encoding.UTF8.GetByteCount(SigningKey) < 32)
        {
            throw new InvalidOperationException($"{SectionName}:SigningKey must be at least 32 bytes.");
        }
    }
}
