using System.Collections.Immutable;
using System.Security.Claims;
using CoPLive.Common;
using CoPLive.Gateway.Identity;
using CoPLive.Meetups;

namespace CoPLive.Gateway.Api;

/// <summary>Meetups over REST: schedule, list, read, start and end, audience, links, stage, questions, chat, attendance.</summary>
public static class MeetupEndpoints
{
    public static IEndpointRouteBuilder MapMeetupEndpoints(this IEndpointRouteBuilder routes)
    {
        var communities = routes.MapGroup("/api/communities/{id}/meetups").RequireAuthorization();
        communities.MapPost("/", CreateAsync);
        communities.MapGet("/", ListAsync);

        var meetups = routes.MapGroup("/api/meetups/{id}").RequireAuthorization();
        meetups.MapGet("/", (string id, ClaimsPrincipal user, IGrainFactory grains) => Meetup(grains, id).GetViewAsync(user.ToMemberIdentity()));
        meetups.MapPost("/start", (string id, ClaimsPrincipal user, IGrainFactory grains) => Meetup(grains, id).StartAsync(user.ToMemberIdentity()));
        meetups.MapPost("/end", (string id, ClaimsPrincipal user, IGrainFactory grains) => Meetup(grains, id).EndAsync(user.ToMemberIdentity()));
        meetups.MapPut(
            "/audience",
            (string id, AudienceRequest request, ClaimsPrincipal user, IGrainFactory grains) => Meetup(grains, id).SetAudienceAsync(user.ToMemberIdentity(), request.Audience));
        meetups.MapPut(
            "/links/{role}",
            (string id, string role, LinkRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
                Meetup(grains, id).SetLinkAsync(user.ToMemberIdentity(), role, CoPLiveIds.Require(request.DocumentId, "document")));
        meetups.MapDelete(
            "/links/{role}",
            (string id, string role, ClaimsPrincipal user, IGrainFactory grains) => Meetup(grains, id).SetLinkAsync(user.ToMemberIdentity(), role, null));
        meetups.MapPut(
            "/stage-only/{role}",
            (string id, string role, ClaimsPrincipal user, IGrainFactory grains) => Meetup(grains, id).SetStageOnlyAsync(user.ToMemberIdentity(), role, stageOnly: true));
        meetups.MapDelete(
            "/stage-only/{role}",
            (string id, string role, ClaimsPrincipal user, IGrainFactory grains) => Meetup(grains, id).SetStageOnlyAsync(user.ToMemberIdentity(), role, stageOnly: false));
        meetups.MapPut(
            "/stage/{userId}",
            (string id, string userId, ClaimsPrincipal user, IGrainFactory grains) => Meetup(grains, id).SetStageAsync(user.ToMemberIdentity(), userId, onStage: true));
        meetups.MapDelete(
            "/stage/{userId}",
            (string id, string userId, ClaimsPrincipal user, IGrainFactory grains) => Meetup(grains, id).SetStageAsync(user.ToMemberIdentity(), userId, onStage: false));
        meetups.MapPost("/questions", async (string id, TextRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Results.Created($"/api/meetups/{id}", await Meetup(grains, id).AskQuestionAsync(user.ToMemberIdentity(), request.Text!)));
        meetups.MapPost("/chat", async (string id, TextRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            Results.Created($"/api/meetups/{id}", await Meetup(grains, id).SendChatAsync(user.ToMemberIdentity(), request.Text!)));
        meetups.MapGet("/attendance", (string id, ClaimsPrincipal user, IGrainFactory grains) => Meetup(grains, id).ListAttendanceAsync(user.ToMemberIdentity()));
        return routes;
    }

    private static IMeetupGrain Meetup(IGrainFactory grains, string id) => grains.GetMeetup(CoPLiveIds.Require(id, "meetup"));

    private static async Task<IResult> CreateAsync(string id, CreateMeetupRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        CoPLiveIds.Require(id, "community");
        var meetupId = request.Id is null ? CoPLiveIds.New(request.Title) : CoPLiveIds.Require(request.Id, "meetup");
        var meetup = await grains.GetMeetup(meetupId).CreateAsync(
            id,
            new NewMeetup(
                request.Title!,
                request.Agenda,
                request.StartsAt ?? throw CoPLiveException.Invalid("'startsAt' is required."),
                request.EndsAt ?? throw CoPLiveException.Invalid("'endsAt' is required."),
                request.Audience),
            user.ToMemberIdentity());
        return Results.Created($"/api/meetups/{meetupId}", meetup);
    }

    private static async Task<ImmutableArray<MeetupDetails>> ListAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = user.ToMemberIdentity();
        var ids = await grains.GetCommunity(CoPLiveIds.Require(id, "community")).ListMeetupIdsAsync(caller);
        var visible = await Task.WhenAll(ids.Select(m => grains.GetMeetup(m).TryGetVisibleAsync(caller)));
        return [.. visible.OfType<MeetupDetails>().OrderBy(m => m.StartsAt)];
    }
}
