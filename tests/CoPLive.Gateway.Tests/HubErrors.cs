using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;

namespace CoPLive.Gateway.Tests;

/// <summary>Reads the stable code out of a hub error, as docs/protocol.md tells clients to.</summary>
public static partial class HubErrors
{
    public static string CodeOf(HubException error)
    {
        var match = CodePattern().Match(error.Message);
        Assert.True(match.Success, $"The hub error carries no code: {error.Message}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("HubException: ([a-z-]+): ")]
    private static partial Regex CodePattern();
}
