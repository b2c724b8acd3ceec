using System.Net;
using System.Net.Http.Json;
using System.Text;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Organizations;

namespace CoPLive.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class CommunityApiTests(GatewayFixture fixture)
{
    private Testing.TestGateway Gateway => fixture.Gateway;

    private static string NewOrg(string hint) => CoPLiveIds.New(hint);

    [Fact]
    public async Task ACommunity_IsVisibleOnlyToAdmittedOrganizations_UntilAnotherIsAdmitted_ThenItsMembersJoin()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", NewOrg("northwind"));
        var bob = await Member.SignInAsync(Gateway, "Bob", NewOrg("contoso"));
        var community = await alice.CreateCommunityAsync();

        Assert.Equal(CommunityRole.Coordinator, community.ViewerRole);
        Assert.DoesNotContain(await ApiAssert.OkAsync<CommunityDetails[]>(await bob.Http.GetAsync("/api/communities")), c => c.Id == community.Id);
        await ApiAssert.ErrorAsync(await bob.Http.GetAsync($"/api/communities/{community.Id}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await bob.Http.PostAsync($"/api/communities/{community.Id}/join", null), HttpStatusCode.NotFound, ErrorCodes.NotFound);

        await alice.AdmitAsync(community.Id, bob.OrganizationId);
        var visible = await ApiAssert.OkAsync<CommunityDetails[]>(await bob.Http.GetAsync("/api/communities"));
        Assert.Null(Assert.Single(visible, c => c.Id == community.Id).ViewerRole);
        await bob.JoinAsync(community.Id);

        var members = await ApiAssert.OkAsync<CommunityMember[]>(await bob.Http.GetAsync($"/api/communities/{community.Id}/members"));
        Assert.Equal([(alice.UserId, CommunityRole.Coordinator), (bob.UserId, CommunityRole.Member)], members.Select(m => (m.UserId, m.Role)));
        var seen = await ApiAssert.OkAsync<CommunityDetails>(await bob.Http.GetAsync($"/api/communities/{community.Id}"));
        Assert.Equal(2, seen.MemberCount);
        Assert.Equal(CommunityRole.Member, seen.ViewerRole);
    }

    [Fact]
    public async Task Create_WithAGivenId_UsesIt_AndTheSameIdAgainIsAConflict()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", NewOrg("northwind"));
        var id = CoPLiveIds.New("given");

        var created = await alice.Http.PostAsJsonAsync("/api/communities", new { id, name = "A", domain = "d" });
        var again = await alice.Http.PostAsJsonAsync("/api/communities", new { id, name = "B", domain = "d" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/communities/{id}", created.Headers.Location?.OriginalString);
        await ApiAssert.ErrorAsync(again, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        Assert.Equal("A", (await ApiAssert.OkAsync<CommunityDetails>(await alice.Http.GetAsync($"/api/communities/{id}"))).Name);
    }

    [Fact]
    public async Task Admitting_ByAPlainMember_IsForbidden_AndChangesNothing()
    {
        var org = NewOrg("northwind");
        var alice = await Member.SignInAsync(Gateway, "Alice", org);
        var carol = await Member.SignInAsync(Gateway, "Carol", org);
        var bob = await Member.SignInAsync(Gateway, "Bob", NewOrg("contoso"));
        var community = await alice.CreateCommunityAsync();
        await carol.JoinAsync(community.Id);

        var response = await carol.Http.PostAsJsonAsync($"/api/communities/{community.Id}/organizations", new { organizationId = bob.OrganizationId });

        await ApiAssert.ErrorAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        var after = await ApiAssert.OkAsync<CommunityDetails>(await alice.Http.GetAsync($"/api/communities/{community.Id}"));
        Assert.Equal([org], after.AdmittedOrganizations.ToArray());
    }

    [Fact]
    public async Task UnknownIds_AreNotFound()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", NewOrg("northwind"));
        var ghost = CoPLiveIds.New("ghost");
        var community = await alice.CreateCommunityAsync();

        await ApiAssert.ErrorAsync(await alice.Http.GetAsync($"/api/communities/{ghost}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await alice.Http.PostAsync($"/api/communities/{ghost}/join", null), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await alice.Http.GetAsync($"/api/communities/{ghost}/members"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(
            await alice.Http.PostAsJsonAsync($"/api/communities/{ghost}/organizations", new { organizationId = alice.OrganizationId }),
            HttpStatusCode.NotFound,
            ErrorCodes.NotFound);
        await ApiAssert.ErrorAsync(await alice.Http.GetAsync($"/api/organizations/{ghost}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);

        // Admitting an organization nobody registered: not found, and not admitted.
        await ApiAssert.ErrorAsync(
            await alice.Http.PostAsJsonAsync($"/api/communities/{community.Id}/organizations", new { organizationId = ghost }),
            HttpStatusCode.NotFound,
            ErrorCodes.NotFound);
        var after = await ApiAssert.OkAsync<CommunityDetails>(await alice.Http.GetAsync($"/api/communities/{community.Id}"));
        Assert.DoesNotContain(ghost, after.AdmittedOrganizations);
    }

    public static TheoryData<string, HttpStatusCode, string> BadCommunityBodies => new()
    {
        { "{ not json", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest },
        { "[1,2,3]", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest },
        { "{\"name\": 42, \"domain\": \"d\"}", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest },
        { "{\"domain\": \"d\"}", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest },
        { "{\"name\": \"\", \"domain\": \"d\"}", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest },
        { "{\"name\": \"   \", \"domain\": \"d\"}", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest },
        { "{\"name\": \"n\"}", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest },
        { $"{{\"name\": \"{new string('x', 201)}\", \"domain\": \"d\"}}", HttpStatusCode.RequestEntityTooLarge, ErrorCodes.TooLarge },
        { "{\"id\": \"Bad_Id!\", \"name\": \"n\", \"domain\": \"d\"}", HttpStatusCode.BadRequest, ErrorCodes.InvalidId },
        { $"{{\"id\": \"{new string('a', 65)}\", \"name\": \"n\", \"domain\": \"d\"}}", HttpStatusCode.BadRequest, ErrorCodes.InvalidId },
        { "", HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest },
    };

    [Theory]
    [MemberData(nameof(BadCommunityBodies))]
    public async Task CreatingACommunity_WithBadInput_IsRefused_AndStoresNothing(string body, HttpStatusCode status, string code)
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", NewOrg("northwind"));

        var response = await alice.Http.PostAsync("/api/communities", new StringContent(body, Encoding.UTF8, "application/json"));

        await ApiAssert.ErrorAsync(response, status, code);
        Assert.Empty(await ApiAssert.OkAsync<CommunityDetails[]>(await alice.Http.GetAsync("/api/communities")));
    }

    [Fact]
    public async Task ATenMegabyteName_IsTooLarge_AndStoresNothing()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", NewOrg("northwind"));
        var body = $"{{\"name\": \"{new string('x', 10 * 1024 * 1024)}\", \"domain\": \"d\"}}";

        // A well-behaved client sends "Expect: 100-continue" with a large body, so it hears the refusal before sending it all.
        var community = await alice.Http.SendAsync(LargePost("/api/communities", body));
        var organization = await alice.Http.SendAsync(
            LargePost("/api/organizations", $"{{\"id\": \"big\", \"name\": \"{new string('x', 10 * 1024 * 1024)}\"}}"));

        await ApiAssert.ErrorAsync(community, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.TooLarge);
        await ApiAssert.ErrorAsync(organization, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.TooLarge);
        Assert.Empty(await ApiAssert.OkAsync<CommunityDetails[]>(await alice.Http.GetAsync("/api/communities")));
    }

    private static HttpRequestMessage LargePost(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        return request;
    }

    [Fact]
    public async Task BadIdsInTheRoute_AreInvalidId()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", NewOrg("northwind"));

        await ApiAssert.ErrorAsync(await alice.Http.GetAsync("/api/communities/Not%20An%20Id"), HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
        await ApiAssert.ErrorAsync(await alice.Http.PostAsync("/api/communities/UPPER/join", null), HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
        await ApiAssert.ErrorAsync(await alice.Http.GetAsync($"/api/organizations/{new string('a', 65)}"), HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
    }

    [Fact]
    public async Task RegisteringAnOrganization_InDevelopment_Works_AndBadInputIsRefused()
    {
        var alice = await Member.SignInAsync(Gateway, "Alice", NewOrg("northwind"));
        var id = CoPLiveIds.New("contoso");

        var created = await alice.Http.PostAsJsonAsync("/api/organizations", new { id, name = "Contoso Schools" });
        var conflict = await alice.Http.PostAsJsonAsync("/api/organizations", new { id, name = "Other" });
        var badId = await alice.Http.PostAsJsonAsync("/api/organizations", new { id = "Contoso!", name = "C" });
        var noName = await alice.Http.PostAsJsonAsync("/api/organizations", new { id = CoPLiveIds.New("x") });
        var malformed = await alice.Http.PostAsync("/api/organizations", new StringContent("{\"id\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await ApiAssert.ErrorAsync(conflict, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await ApiAssert.ErrorAsync(badId, HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
        await ApiAssert.ErrorAsync(noName, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(malformed, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        Assert.Equal("Contoso Schools", (await ApiAssert.OkAsync<OrganizationInfo>(await alice.Http.GetAsync($"/api/organizations/{id}"))).Name);
    }

    [Fact]
    public async Task DevToken_WithBadInput_IsRefused_AndRegistersNothing()
    {
        var org = CoPLiveIds.New("neworg");

        await ApiAssert.ErrorAsync(await Gateway.Http.PostAsJsonAsync("/api/dev/token", new { userId = "u", organizationId = org }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ApiAssert.ErrorAsync(await Gateway.Http.PostAsJsonAsync("/api/dev/token", new { displayName = "U", organizationId = org }), HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
        await ApiAssert.ErrorAsync(await Gateway.Http.PostAsJsonAsync("/api/dev/token", new { userId = "u", displayName = "U", organizationId = "Has Spaces" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidId);
        await ApiAssert.ErrorAsync(await Gateway.Http.PostAsync("/api/dev/token", new StringContent("nope", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);

        var someone = await Member.SignInAsync(Gateway, "Someone", NewOrg("other"));
        await ApiAssert.ErrorAsync(await someone.Http.GetAsync($"/api/organizations/{org}"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }
}
