using System.Security.Cryptography;
using System.Text;

namespace CoPLive.Common;

/// <summary>
/// Ids are lowercase strings of letters, digits and '-', at most <see cref="MaxLength"/> characters.
/// The server makes them where the caller gives none.
/// </summary>
public static class CoPLiveIds
{
    public const int MaxLength = 64;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Whether <paramref name="id"/> is a well-formed id.</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ErrorCodes.InvalidId"/> unless <paramref name="id"/> is well formed.</summary>
    public static string Require(string? id, string what)
    {
        if (!IsValid(id))
        {
            throw new CoPLiveException(
                ErrorCodes.InvalidId,
                $"The {what} id must be 1 to {MaxLength} lowercase letters, digits or '-'.");
        }

        return id!;
    }

    /// <summary>Makes a new id: a readable slug of <paramref name="hint"/> followed by a random suffix.</summary>
    public static string New(string? hint = null)
    {
        var slug = new StringBuilder();
        foreach (var c in (hint ?? string.Empty).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 40)
            {
                break;
            }
        }

        var suffix = RandomNumberGenerator.GetString(Alphabet, 8);
        var head = slug.ToString().Trim('-');
        return head.Length == 0 ? suffix : $"{head}-{suffix}";
    }
}
