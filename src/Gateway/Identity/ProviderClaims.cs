using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CoPLive.Common;

namespace CoPLive.Gateway.Identity;

/// <summary>
/// Makes an identity provider's claims fit CoPLive's ids. Providers choose their own subjects (Entra ID's are
/// base64url with capitals, Auth0's look like <c>auth0|5f3a...</c>), while CoPLive ids are lowercase letters,
/// digits and '-'. A subject that is already an id is kept; any other becomes a stable id derived from the issuer
/// and the subject, so the same person is the same member on every sign-in. An organization claim is lowercased
/// when that makes it an id (a provider that says <c>Contoso</c> means the organization <c>contoso</c>).
/// </summary>
internal static class ProviderClaims
{
    /// <summary>The prefix of a member id derived from a provider's subject.</summary>
    public const string DerivedSubjectPrefix = "p-";

    /// <summary>Rewrites <c>sub</c> and <c>org</c> in <paramref name="identity"/> as described on the type.</summary>
    public static void Normalize(ClaimsIdentity identity, string issuer)
    {
        Replace(identity, ClaimNames.Subject, subject => CoPLiveIds.IsValid(subject) ? subject : DeriveUserId(issuer, subject));
        Replace(identity, ClaimNames.Organization, organization =>
            !CoPLiveIds.IsValid(organization) && CoPLiveIds.IsValid(organization.ToLowerInvariant()) ? organization.ToLowerInvariant() : organization);
    }

    /// <summary>
    /// <c>p-</c> and 26 base32 characters (130 bits) of SHA-256 over issuer and subject: the same subject of another
    /// provider is another member.
    /// </summary>
    public static string DeriveUserId(string issuer, string subject)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + subject));
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var id = new StringBuilder(DerivedSubjectPrefix, DerivedSubjectPrefix.Length + 26);
        for (var bit = 0; bit < 26 * 5; bit += 5)
        {
            var value = ((hash[bit / 8] << 8) | hash[(bit / 8) + 1]) >> (11 - (bit % 8)) & 31;
            id.Append(alphabet[value]);
        }

        return id.ToString();
    }

    private static void Replace(ClaimsIdentity identity, string type, Func<string, string> map)
    {
        if (identity.FindFirst(type) is not { } claim || string.IsNullOrEmpty(claim.Value))
        {
            return;
        }

        var value = map(claim.Value);
        if (!string.Equals(value, claim.Value, StringComparison.Ordinal))
        {
            identity.RemoveClaim(claim);
            identity.AddClaim(new Claim(type, value));
        }
    }
}
