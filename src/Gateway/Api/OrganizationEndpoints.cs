using System.Security.Claims;
using CoPLive.Common;
using CoPLive.Gateway.Identity;
using CoPLive.Organizations;

namespace CoPLive.Gateway.Api;

/// <summary>/api/organizations: register and read organizations.</summary>
public static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/organizations").RequireAuthorization();
        group.MapPost("/", RegisterAsync);
        group.MapGet("/{id}", GetAsync);
        return routes;
    }

    /// <summary>Platform operators register organizations; in development mode anyone may.</summary>
    private static async Task<IResult> RegisterAsync(
        RegisterOrganizationRequest request, ClaimsPrincipal user, IGrainFactory grains, IHostEnvironment environment)
    {
        user.ToMemberIdentity();
        if (!environment.IsDevelopment() && !user.IsPlatformOperator())
        {
            throw CoPLiveException.Forbidden("Only platform operators may register organizations.");
        }

        var id = CoPLiveIds.Require(request.Id, "organization");
        var organization = await grains.GetOrganization(id).RegisterAsync(request.Name!);
        return Results.Created($"/api/organizations/{id}", organization);
    }

    private static Task<OrganizationInfo> GetAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        user.ToMemberIdentity();
        return grains.GetOrganization(CoPLiveIds.Require(id, "organization")).GetAsync();
    }
}
