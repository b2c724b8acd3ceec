using CoPLive.Common;

namespace CoPLive.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class OrganizationGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Register_ThenGet_ReturnsIt_AndRegisteringAgainWithTheSameNameChangesNothing()
    {
        var id = Members.NewId("northwind");
        var organization = fixture.Grains.GetOrganization(id);

        var first = await organization.RegisterAsync("Northwind Mining");
        var again = await organization.RegisterAsync("Northwind Mining");

        Assert.Equal(first, again);
        Assert.Equal("Northwind Mining", (await organization.GetAsync()).Name);
    }

    [Fact]
    public async Task Register_UnderAnotherName_IsAConflict()
    {
        var organization = fixture.Grains.GetOrganization(Members.NewId("northwind"));
        await organization.RegisterAsync("Northwind");

        var error = await Assert.ThrowsAsync<CoPLiveException>(() => organization.RegisterAsync("Southwind"));

        Assert.Equal(ErrorCodes.Conflict, error.Code);
        Assert.Equal("Northwind", (await organization.GetAsync()).Name);
    }

    [Fact]
    public async Task Get_Unknown_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<CoPLiveException>(() => fixture.Grains.GetOrganization(Members.NewId("ghost")).GetAsync());
        Assert.Equal(ErrorCodes.NotFound, error.Code);
    }

    [Fact]
    public async Task Register_WithAMalformedId_IsInvalidId()
    {
        var error = await Assert.ThrowsAsync<CoPLiveException>(() => fixture.Grains.GetOrganization("Bad_Id!").RegisterAsync("Bad"));
        Assert.Equal(ErrorCodes.InvalidId, error.Code);
        Assert.False(await fixture.Grains.GetOrganization("Bad_Id!").IsRegisteredAsync());
    }
}
