using CoPLive.Common;
using CoPLive.Gateway.Identity;
using CoPLive.Identity;

namespace CoPLive.Gateway.Api;

/// <summary>POST /api/dev/token: the development sign-in. Mapped only in development mode.</summary>
public static class DevTokenEndpoints
{
    public static IEndpointRouteBuilder MapDevTokenEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/dev/token", IssueAsync).AllowAnonymous();
        return routes;
    }

    private static async Task<DevTokenResponse> IssueAsync(DevTokenRequest request, IGrainFactory grains, DevTokenIssuer issuer)
    {
        var userId = CoPLiveIds.Require(request.UserId, "user");
        var organizationId = CoPLiveIds.Require(request.OrganizationId, "organization");
        var displayName = Limits.RequireText(request.DisplayName, "displayName", Limits.NameLength);

        // In development a token for an unknown organization also registers it, named after its id.
        var organization = grains.GetOrganization(organizationId);
        if (!await organization.IsRegisteredAsync())
        {
            await organization.RegisterAsync(organizationId);
        }

        return new DevTokenResponse(issuer.Issue(new MemberIdentity(userId, displayName, organizationId)));
    }
}
