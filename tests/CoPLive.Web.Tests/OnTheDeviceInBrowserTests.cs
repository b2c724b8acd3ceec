using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace CoPLive.Web.Tests;

/// <summary>What stays on the device: sign-out forgets a person's documents; the app shell reloads offline.</summary>
[Collection(WebCollection.Name)]
public sealed class OnTheDeviceInBrowserTests(WebFixture web, ITestOutputHelper output)
{
    /// <summary>Signing out deletes this person's copies of documents from IndexedDB, and only theirs.</summary>
    [Fact]
    public Task SigningOut_DeletesThisPersonsLocalCopies() => BrowserScenario.RunAsync(web.Gateway, "sign-out-forgets", output);

    /// <summary>A reload while offline loads the app from the service worker with the document from IndexedDB; an edit made then reaches the other online.</summary>
    [Fact]
    public Task ReloadingOffline_ShowsTheAppAndTheDocument_AndAnEditThenSyncs() => BrowserScenario.RunAsync(web.Gateway, "offline-reload", output);

    /// <summary>In development the web app is told to use the development sign-in.</summary>
    [Fact]
    public async Task TheAuthConfig_InDevelopment_SaysDev()
    {
        using var http = new HttpClient { BaseAddress = web.Gateway.Address };
        var config = await http.GetFromJsonAsync<JsonElement>("/api/auth/config");
        Assert.Equal("dev", config.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, config.GetProperty("clientId").ValueKind);
    }
}
