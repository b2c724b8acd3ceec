using System.Collections.Immutable;
using System.Security.Claims;
using CoPLive.Common;
using CoPLive.Gateway.Identity;
using CoPLive.Threads;

namespace CoPLive.Gateway.Api;

/// <summary>Threads over REST: start, list, search, read, post and reply, edit, remove, react, accept, follow.</summary>
public static class ThreadEndpoints
{
    /// <summary>Search results when the caller names no limit.</summary>
    public const int DefaultSearchLimit = 20;

    public static IEndpointRouteBuilder MapThreadEndpoints(this IEndpointRouteBuilder routes)
    {
        var communities = routes.MapGroup("/api/communities/{id}/threads").RequireAuthorization();
        communities.MapPost("/", CreateAsync);
        communities.MapGet("/", ListAsync);
        communities.MapGet("/search", (string id, string? q, int? limit, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IThreadSearchGrain>(CoPLiveIds.Require(id, "community")).SearchAsync(user.ToMemberIdentity(), q ?? "", limit ?? DefaultSearchLimit));
        communities.MapPost("/reindex", (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<IThreadSearchGrain>(CoPLiveIds.Require(id, "community")).RebuildAsync(user.ToMemberIdentity()));

        var threads = routes.MapGroup("/api/threads/{id}").RequireAuthorization();
        threads.MapGet("/", (string id, ClaimsPrincipal user, IGrainFactory grains) => Thread(grains, id).GetViewAsync(user.ToMemberIdentity()));
        threads.MapPut(
            "/audience",
            (string id, AudienceRequest request, ClaimsPrincipal user, IGrainFactory grains) => Thread(grains, id).SetAudienceAsync(user.ToMemberIdentity(), request.Audience));
        threads.MapPost("/posts", async (string id, PostRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var replyTo = request.ReplyTo is null ? null : CoPLiveIds.Require(request.ReplyTo, "post");
            var post = await Thread(grains, id).AddPostAsync(user.ToMemberIdentity(), request.Body!, replyTo);
            return Results.Created($"/api/threads/{id}", post);
        });
        threads.MapPut("/posts/{postId}", (string id, string postId, PostRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Thread(grains, id).EditPostAsync(user.ToMemberIdentity(), CoPLiveIds.Require(postId, "post"), request.Body!));
        threads.MapGet("/posts/{postId}/history", (string id, string postId, ClaimsPrincipal user, IGrainFactory grains) =>
            Thread(grains, id).GetHistoryAsync(user.ToMemberIdentity(), CoPLiveIds.Require(postId, "post")));
        threads.MapPost("/posts/{postId}/remove", (string id, string postId, RemovePostRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Thread(grains, id).RemovePostAsync(user.ToMemberIdentity(), CoPLiveIds.Require(postId, "post"), request.Reason!));
        threads.MapPost("/posts/{postId}/reactions/{emoji}", (string id, string postId, string emoji, ClaimsPrincipal user, IGrainFactory grains) =>
            Thread(grains, id).ToggleReactionAsync(user.ToMemberIdentity(), CoPLiveIds.Require(postId, "post"), emoji));
        threads.MapPost("/accept", (string id, AcceptAnswerRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Thread(grains, id).AcceptAnswerAsync(user.ToMemberIdentity(), CoPLiveIds.Require(request.PostId, "post")));
        threads.MapPut("/follow", (string id, ClaimsPrincipal user, IGrainFactory grains) => Thread(grains, id).SetFollowAsync(user.ToMemberIdentity(), follow: true));
        threads.MapDelete("/follow", (string id, ClaimsPrincipal user, IGrainFactory grains) => Thread(grains, id).SetFollowAsync(user.ToMemberIdentity(), follow: false));
        return routes;
    }

    private static IThreadGrain Thread(IGrainFactory grains, string id) => grains.GetThread(CoPLiveIds.Require(id, "thread"));

    private static async Task<IResult> CreateAsync(string id, CreateThreadRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        CoPLiveIds.Require(id, "community");
        var threadId = request.Id is null ? CoPLiveIds.New(request.Title) : CoPLiveIds.Require(request.Id, "thread");
        var thread = await grains.GetThread(threadId).CreateAsync(
            id,
            new NewThread(
                request.Title!,
                request.Kind ?? throw CoPLiveException.Invalid("'kind' is required: 'discussion' or 'question'."),
                request.Body!,
                request.Audience),
            user.ToMemberIdentity(),
            meetupId: null);
        return Results.Created($"/api/threads/{threadId}", thread);
    }

    /// <summary>
    /// The threads the caller may see, latest activity first, or one page of them (<paramref name="offset"/>,
    /// <paramref name="limit"/>; the <c>X-Total-Count</c> header tells how many match in all); <paramref name="filter"/>
    /// "unanswered" keeps question threads without an accepted answer; <paramref name="organization"/> keeps threads
    /// started by members of that organization.
    /// </summary>
    private static async Task<ImmutableArray<ThreadSummary>> ListAsync(
        string id, string? filter, string? organization, string? offset, string? limit, HttpResponse response, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (filter is not (null or "all" or "unanswered"))
        {
            throw CoPLiveException.Invalid("'filter' is 'all' or 'unanswered'.");
        }

        var query = new ThreadQuery(filter == "unanswered", organization, QueryValues.WholeNumber(offset, "offset") ?? 0, QueryValues.WholeNumber(limit, "limit"));
        var page = await grains.GetThreadList(CoPLiveIds.Require(id, "community")).ListAsync(user.ToMemberIdentity(), query);
        return QueryValues.WithTotalHeader(page, response);
    }
}
