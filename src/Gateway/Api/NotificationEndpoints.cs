using System.Security.Claims;
using CoPLive.Common;
using CoPLive.Gateway.Identity;

namespace CoPLive.Gateway.Api;

/// <summary>The caller's notifications (mentions, posts in followed threads): list and mark read.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder routes)
    {
        var notifications = routes.MapGroup("/api/notifications").RequireAuthorization();
        notifications.MapGet("/", (bool? unread, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var caller = user.ToMemberIdentity();
            return grains.GetNotificationInbox(caller.UserId).ListAsync(caller, unread ?? false);
        });
        notifications.MapPost("/read", async (MarkReadRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var caller = user.ToMemberIdentity();
            var ids = (request?.Ids ?? []).Select(i => CoPLiveIds.Require(i, "notification")).ToArray();
            return new MarkReadResponse(await grains.GetNotificationInbox(caller.UserId).MarkReadAsync(caller, [.. ids]));
        });
        return routes;
    }
}
