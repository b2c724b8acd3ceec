using System.ComponentModel.DataAnnotations;

namespace CoPLive.Gateway.Live;

/// <summary>The live path's settings: configuration section <c>CoPLive:Live</c>.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "CoPLive:Live";

    /// <summary>How long a gateway node's subscription to a room lives unless renewed; a dead node drops out after it.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00")]
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many rooms one connection may be in at once.</summary>
    [Range(1, 1000)]
    public int MaxRoomsPerConnection { get; set; } = 50;

    /// <summary>Renewal runs this often: a third of the lifetime, so two renewals may fail before expiry.</summary>
    public TimeSpan RenewalPeriod => SubscriptionLifetime / 3;
}
