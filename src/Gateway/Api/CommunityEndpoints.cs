using System.Collections.Immutable;
using System.Security.Claims;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Gateway.Identity;

namespace CoPLive.Gateway.Api;

/// <summary>/api/communities: create, discover, read, admit organizations, join, member directory.</summary>
public static class CommunityEndpoints
{
    public static IEndpointRouteBuilder MapCommunityEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/communities").RequireAuthorization();
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListVisibleAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/organizations", AdmitOrganizationAsync);
        group.MapPost("/{id}/join", JoinAsync);
        group.MapGet("/{id}/members", ListMembersAsync);
        return routes;
    }

    private static async Task<IResult> CreateAsync(CreateCommunityRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = user.ToMemberIdentity();
        var id = request.Id is null ? CoPLiveIds.New(request.Name) : CoPLiveIds.Require(request.Id, "community");
        var community = await grains.GetCommunity(id).CreateAsync(
            new NewCommunity(request.Name!, request.Domain!, request.Description), caller);
        return Results.Created($"/api/communities/{id}", community);
    }

    private static async Task<ImmutableArray<CommunityDetails>> ListVisibleAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = user.ToMemberIdentity();
        var candidates = await grains.GetOrganization(caller.OrganizationId).ListAdmittingCommunitiesAsync();
        var visible = await Task.WhenAll(candidates.Select(id => grains.GetCommunity(id).TryGetVisibleAsync(caller)));
        return [.. visible.OfType<CommunityDetails>().OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private static Task<CommunityDetails> GetAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetCommunity(CoPLiveIds.Require(id, "community")).GetAsync(user.ToMemberIdentity());

    private static Task<CommunityDetails> AdmitOrganizationAsync(
        string id, AdmitOrganizationRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetCommunity(CoPLiveIds.Require(id, "community"))
            .AdmitOrganizationAsync(user.ToMemberIdentity(), CoPLiveIds.Require(request.OrganizationId, "organization"));

    private static Task<CommunityMember> JoinAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetCommunity(CoPLiveIds.Require(id, "community")).JoinAsync(user.ToMemberIdentity());

    private static Task<ImmutableArray<CommunityMember>> ListMembersAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetCommunity(CoPLiveIds.Require(id, "community")).ListMembersAsync(user.ToMemberIdentity());
}
