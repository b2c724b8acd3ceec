using Microsoft.Extensions.Logging;

namespace CoPLive.Activity;

/// <summary>
/// Publishes activity events on the community's stream (<see cref="ActivityStreams"/>). Any grain of the
/// community's items calls it after its change is stored (the documents feature publishes
/// <see cref="ActivityTypes.DocumentEditSession"/> this way). The feed is derived: a failing publish is
/// logged and never fails the change that was already acknowledged.
/// </summary>
public static partial class ActivityPublisher
{
    /// <summary>The stream of one community's activity.</summary>
    public static StreamId StreamFor(string communityId) => StreamId.Create(ActivityStreams.Namespace, communityId);

    public static async Task PublishActivityAsync(this Grain grain, ActivityEvent activity, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(activity);
        try
        {
            var stream = grain.GetStreamProvider(ActivityStreams.Provider).GetStream<ActivityEvent>(StreamFor(activity.CommunityId));
            await stream.OnNextAsync(activity);
        }
        catch (Exception exception)
        {
            LogPublishFailed(logger, exception, activity.Type, activity.CommunityId, activity.ItemId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Type} of community {CommunityId} (item {ItemId}) was not published")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string type, string communityId, string itemId);
}
