namespace CoPLive.Notifications;

/// <summary>The durable state of <see cref="NotificationInboxGrain"/>: the newest notifications, oldest first.</summary>
[GenerateSerializer, Alias("CoPLive.NotificationInboxState")]
public sealed class NotificationInboxState
{
    [Id(0)] public List<Notification> Notifications { get; set; } = [];
}
