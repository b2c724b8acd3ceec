using System.Collections.Immutable;
using System.Text;

namespace CoPLive.Threads;

/// <summary>Turns what a person typed into search words (letters and digits), so that no query syntax of an index is ever exposed.</summary>
public static class SearchQuery
{
    /// <summary>The words of <paramref name="text"/>, lowercase, in order, without repeats.</summary>
    public static ImmutableArray<string> Words(string text)
    {
        List<string> words = [];
        var current = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                var word = current.ToString();
                if (!words.Contains(word))
                {
                    words.Add(word);
                }

                current.Clear();
            }
        }

        return [.. words];
    }
}
