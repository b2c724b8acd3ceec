using System.Globalization;
using CoPLive.Common;

namespace CoPLive.Gateway.Api;

/// <summary>Query string values read by hand, so that a malformed one is <c>invalid-request</c> with a sentence, like any other bad input.</summary>
internal static class QueryValues
{
    /// <summary>A whole number (digits only), or null when the value is absent.</summary>
    public static int? WholeNumber(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw CoPLiveException.Invalid($"'{field}' must be a whole number.");
    }

    /// <summary>A page's items for the answer's body, its total in the answer's <c>X-Total-Count</c> header.</summary>
    public static System.Collections.Immutable.ImmutableArray<T> WithTotalHeader<T>(Page<T> page, Microsoft.AspNetCore.Http.HttpResponse response)
    {
        response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
        return page.Items;
    }
}
