using System.Collections.Immutable;
using System.Security.Claims;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Gateway.Identity;

namespace CoPLive.Gateway.Api;

/// <summary>/api/communities: the community life cycle, membership, roles, policies and the audit log.</summary>
public static class CommunityEndpoints
{
    public static IEndpointRouteBuilder MapCommunityEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/communities").RequireAuthorization();
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListVisibleAsync);
        group.MapGet("/{id}", (string id, ClaimsPrincipal user, IGrainFactory grains) => Community(grains, id).GetAsync(user.ToMemberIdentity()));

        group.MapPost("/{id}/organizations", AdmitOrganizationAsync);
        group.MapDelete(
            "/{id}/organizations/{organizationId}",
            (string id, string organizationId, ClaimsPrincipal user, IGrainFactory grains) =>
                Community(grains, id).WithdrawOrganizationAsync(user.ToMemberIdentity(), organizationId));
        group.MapPut(
            "/{id}/organizations/{organizationId}/presence",
            (string id, string organizationId, PresencePolicyRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
                Community(grains, id).SetPresencePolicyAsync(user.ToMemberIdentity(), organizationId, Required(request.Presence, "presence")));
        group.MapPut(
            "/{id}/join-policy",
            (string id, JoinPolicyRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
                Community(grains, id).SetJoinPolicyAsync(user.ToMemberIdentity(), Required(request.JoinPolicy, "joinPolicy")));

        group.MapPost("/{id}/join", JoinAsync);
        group.MapPost("/{id}/leave", async (string id, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await Community(grains, id).LeaveAsync(user.ToMemberIdentity());
            return Results.NoContent();
        });

        group.MapPost("/{id}/invitations", InviteAsync);
        group.MapGet("/{id}/invitations", (string id, ClaimsPrincipal user, IGrainFactory grains) => Community(grains, id).ListInvitationsAsync(user.ToMemberIdentity()));
        group.MapDelete("/{id}/invitation", async (string id, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await Community(grains, id).DeclineInvitationAsync(user.ToMemberIdentity());
            return Results.NoContent();
        });

        group.MapGet("/{id}/requests", (string id, ClaimsPrincipal user, IGrainFactory grains) => Community(grains, id).ListJoinRequestsAsync(user.ToMemberIdentity()));
        group.MapPost(
            "/{id}/requests/{userId}/approve",
            (string id, string userId, ClaimsPrincipal user, IGrainFactory grains) => Community(grains, id).ApproveJoinRequestAsync(user.ToMemberIdentity(), userId));
        group.MapPost("/{id}/requests/{userId}/refuse", async (string id, string userId, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await Community(grains, id).RefuseJoinRequestAsync(user.ToMemberIdentity(), userId);
            return Results.NoContent();
        });

        group.MapGet("/{id}/members", ListMembersAsync);
        group.MapPut(
            "/{id}/members/{userId}/role",
            (string id, string userId, RoleRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
                Community(grains, id).ChangeRoleAsync(user.ToMemberIdentity(), userId, Required(request.Role, "role")));
        group.MapDelete("/{id}/members/{userId}", async (string id, string userId, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await Community(grains, id).RemoveMemberAsync(user.ToMemberIdentity(), userId);
            return Results.NoContent();
        });

        group.MapGet("/{id}/audit", ListAuditAsync);
        return routes;
    }

    private static ICommunityGrain Community(IGrainFactory grains, string id) => grains.GetCommunity(CoPLiveIds.Require(id, "community"));

    /// <summary>The member directory, or one page of it; the <c>X-Total-Count</c> header tells how many members match in all.</summary>
    private static async Task<ImmutableArray<CommunityMember>> ListMembersAsync(
        string id, string? organization, string? q, string? offset, string? limit, string? ids, HttpResponse response, ClaimsPrincipal user, IGrainFactory grains)
    {
        var userIds = ids is null ? default : ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToImmutableArray();
        var query = new MemberQuery(organization, q, QueryValues.WholeNumber(offset, "offset") ?? 0, QueryValues.WholeNumber(limit, "limit"), userIds);
        var page = await Community(grains, id).ListMembersAsync(user.ToMemberIdentity(), query);
        return QueryValues.WithTotalHeader(page, response);
    }

    /// <summary>The audit log, or one page of it, oldest (the default) or newest first; the <c>X-Total-Count</c> header tells how many entries it holds.</summary>
    private static async Task<ImmutableArray<AuditEntry>> ListAuditAsync(
        string id, string? offset, string? limit, string? order, HttpResponse response, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (order is not (null or "oldest" or "newest"))
        {
            throw CoPLiveException.Invalid("'order' is 'oldest' or 'newest'.");
        }

        var query = new AuditQuery(QueryValues.WholeNumber(offset, "offset") ?? 0, QueryValues.WholeNumber(limit, "limit"), order == "newest");
        var page = await Community(grains, id).ListAuditAsync(user.ToMemberIdentity(), query);
        return QueryValues.WithTotalHeader(page, response);
    }

    private static T Required<T>(T? value, string field)
        where T : struct =>
        value ?? throw CoPLiveException.Invalid($"'{field}' is required.");

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

    private static Task<CommunityDetails> AdmitOrganizationAsync(
        string id, AdmitOrganizationRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        Community(grains, id).AdmitOrganizationAsync(
            user.ToMemberIdentity(),
            CoPLiveIds.Require(request.OrganizationId, "organization"),
            request.Presence ?? PresencePolicy.Named);

    /// <summary>200 with the membership, or 202 when the join is a request awaiting approval.</summary>
    private static async Task<IResult> JoinAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await Community(grains, id).JoinAsync(user.ToMemberIdentity());
        return result.Status == MembershipStatus.Requested ? Results.Accepted(value: result) : Results.Ok(result);
    }

    private static async Task<IResult> InviteAsync(string id, InvitationRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var invitation = await Community(grains, id).InviteAsync(
            user.ToMemberIdentity(),
            CoPLiveIds.Require(request.UserId, "user"),
            CoPLiveIds.Require(request.OrganizationId, "organization"));
        return Results.Created($"/api/communities/{id}/invitations", invitation);
    }
}
