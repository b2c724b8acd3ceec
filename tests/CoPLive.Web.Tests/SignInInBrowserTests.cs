using Xunit.Abstractions;

namespace CoPLive.Web.Tests;

/// <summary>Production sign-in in real Chromium: the authorization code flow with PKCE through a real provider.</summary>
[Collection(SignInCollection.Name)]
public sealed class SignInInBrowserTests(SignInFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// A refusal at the provider is shown in a sentence; two members of two organizations sign in through the
    /// provider and see each other present in a community; signing out ends the session at the provider too.
    /// </summary>
    [Fact]
    public Task TwoOrganizations_SignInThroughTheProvider_AndSeeEachOtherPresent() =>
        BrowserScenario.RunAsync(fixture.Gateway, "provider-sign-in", output);
}
