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

    /// <summary>The accepted <c>iss</c> of symmetric tokens; with an <see cref="Authority"/> the issuer its metadata names is the only one accepted.</summary>
    public string Issuer { get; set; } = "coplive";

    public string Audience { get; set; } = "coplive";

    /// <summary>Lifetime of tokens minted by the development sign-in.</summary>
    public TimeSpan DevTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The web app's client id at the <see cref="Authority"/> (a public client: no secret); with it the app signs in by redirect.</summary>
    public string? ClientId { get; set; }

    /// <summary>The scopes the web app asks for, separated by spaces.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>The provider's name on the sign-in button ("Sign in with ...").</summary>
    public string ProviderName { get; set; } = "your identity provider";

    /// <summary>The token claim that holds the member's display name.</summary>
    public string NameClaim { get; set; } = ClaimNames.Name;

    /// <summary>The token claim that holds the member's organization id.</summary>
    public string OrganizationClaim { get; set; } = ClaimNames.Organization;

    /// <summary>
    /// Whether the authority's metadata must come over HTTPS. Unset: required, except in development for an http
    /// authority on a loopback address.
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>True when the web app can sign in by redirect to the authority.</summary>
    public bool UsesRedirectSignIn => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Throws a message that names the setting when tokens could not be validated.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Authority) && string.IsNullOrWhiteSpace(SigningKey))
        {
            throw new InvalidOperationException(
                $"Set {SectionName}:Authority (an OIDC issuer) or {SectionName}:SigningKey (HMAC key of at least 32 bytes) so that tokens can be validated.");
        }

        if (!string.IsNullOrWhiteSpace(Authority) && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"{SectionName}:Authority must be an absolute URL.");
        }

        if (string.IsNullOrWhiteSpace(NameClaim) || string.IsNullOrWhiteSpace(OrganizationClaim))
        {
            throw new InvalidOperationException($"{SectionName}:NameClaim and {SectionName}:OrganizationClaim must name claims.");
        }

        if (!string.IsNullOrWhiteSpace(SigningKey) && System.Text.Encoding.UTF8.GetByteCount(SigningKey) < 32)
        {
            throw new InvalidOperationException($"{SectionName}:SigningKey must be at least 32 bytes.");
        }
    }
}
