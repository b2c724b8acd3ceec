using System.Collections.Immutable;
using CoPLive.Analytics;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Identity;
using CoPLive.Meetups;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace CoPLive.Activity;

/// <inheritdoc cref="IActivityGrain"/>
/// <remarks>
/// <para>
/// An implicit subscription on the <see cref="ActivityStreams.Namespace"/> namespace: every community has it
/// from the first event on, without anyone having to subscribe first, and the stream activates the grain when
/// an event arrives. An explicit subscription would have to be made (and kept) before the first event, or
/// that event is lost.
/// </para>
/// <para>
/// Each event is applied to the facts (<see cref="ActivityFacts"/>) and written before the next one is taken,
/// so what was applied survives a restart. Memory streams lose events that were in flight when a process died;
/// <see cref="RebuildAsync"/> reads them back from the stored threads and meetups.
/// </para>
/// </remarks>
[ImplicitStreamSubscription(ActivityStreams.Namespace)]
public sealed partial class ActivityGrain(
    [PersistentState(StorageNames.ActivityState, StorageNames.Main)] IPersistentState<ActivityState> state,
    IOptions<AnalyticsOptions> options,
    ILogger<ActivityGrain> logger)
    : Grain, IActivityGrain
{
    private string Id => this.GetPrimaryKeyString();

    private ActivityState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(ActivityStreams.Provider).GetStream<ActivityEvent>(ActivityPublisher.StreamFor(Id));
        await stream.SubscribeAsync((activity, _) => ApplyAsync(activity));
    }

    public async Task<AnalyticsReport> GetReportAsync(MemberIdentity viewer, AnalyticsQuery query)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(query);
        var settings = options.Value;
        var days = query.Days ?? settings.WindowDays;
        var weeks = query.Weeks ?? settings.TrendWeeks;
        if (days < 1 || days > settings.MaxWindowDays)
        {
            throw CoPLiveException.Invalid($"'days' must be between 1 and {settings.MaxWindowDays}.");
        }

        if (weeks < 1 || weeks > settings.MaxTrendWeeks)
        {
            throw CoPLiveException.Invalid($"'weeks' must be between 1 and {settings.MaxTrendWeeks}.");
        }

        var community = await RequireMemberAsync(viewer);
        var coordinator = community.ViewerRole == CommunityRole.Coordinator;
        var counted = community.Organizations.Where(o => o.Presence == PresencePolicy.Counted).Select(o => o.OrganizationId).ToHashSet(StringComparer.Ordinal);

        // Member-level figures: the member themself; a coordinator, except for members of an organization that is
        // only counted, unless it is the coordinator's own.
        bool MayName(string userId, string organizationId) =>
            userId == viewer.UserId || (coordinator && (!counted.Contains(organizationId) || organizationId == viewer.OrganizationId));

        var window = new AnalyticsWindow(query.AsOf, days, weeks);
        var titles = await VisibleMeetupTitlesAsync(viewer);
        var documents = await VisibleDocumentIdsAsync(viewer);
        var calculator = new AnalyticsCalculator(S, window, new AnalyticsThresholds(settings.CoreContributions, settings.ActiveContributions));
        return calculator.Compute(
            Id,
            coordinator ? "all" : "self",
            MayName,
            titles,
            documents,
            [.. community.AdmittedOrganizations],
            community.SponsoringOrganizations.ToHashSet(StringComparer.Ordinal));
    }

    public async Task<AnalyticsRebuilt> RebuildAsync(MemberIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var details = await RequireMemberAsync(caller);
        if (details.ViewerRole != CommunityRole.Coordinator)
        {
            throw CoPLiveException.Forbidden("Only a coordinator may rebuild the community's analytics.");
        }

        var community = GrainFactory.GetCommunity(Id);
        var threadIds = await community.ListThreadIdsAsync(caller);
        var meetupIds = await community.ListMeetupIdsAsync(caller);
        var histories = await Task.WhenAll(
            threadIds.Select(t => GrainFactory.GetThread(t).ReplayActivityAsync())
                .Concat(meetupIds.Select(m => GrainFactory.GetGrain<IMeetupGrain>(m).ReplayActivityAsync())));
        var events = histories.SelectMany(h => h).OrderBy(e => e.At).ToList();

        // Documents keep their facts: their grains have no history to read back yet.
        var rebuilt = new ActivityState { EventsApplied = S.EventsApplied, Documents = S.Documents };
        foreach (var (userId, member) in S.Members.Where(m => S.Documents.Values.Any(d => d.Contributors.ContainsKey(m.Key))))
        {
            rebuilt.Members[userId] = new MemberActivityState { OrganizationId = member.OrganizationId, FirstSeenAt = DocumentFirstDay(userId) };
        }

        foreach (var activity in events)
        {
            ActivityFacts.Apply(rebuilt, activity);
        }

        rebuilt.RebuiltAt = DateTimeOffset.UtcNow;
        state.State = rebuilt;
        await state.WriteStateAsync();
        LogRebuilt(logger, Id, threadIds.Length, meetupIds.Length, events.Count, caller.UserId);
        return new AnalyticsRebuilt(threadIds.Length, meetupIds.Length, events.Count, rebuilt.RebuiltAt.Value);
    }

    private DateTimeOffset DocumentFirstDay(string userId)
    {
        var first = S.Documents.Values
            .Where(d => d.Contributors.ContainsKey(userId))
            .SelectMany(d => d.Contributors[userId].SessionsByDay.Keys)
            .DefaultIfEmpty(ActivityFacts.DayOf(S.Members[userId].FirstSeenAt))
            .Min();
        return new DateTimeOffset(DateOnly.FromDayNumber(first).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    private async Task ApplyAsync(ActivityEvent activity)
    {
        if (activity.CommunityId != Id)
        {
            LogForeignEvent(logger, Id, activity.CommunityId, activity.Type);
            return;
        }

        ActivityFacts.Apply(S, activity);
        S.EventsApplied++;
        await state.WriteStateAsync();
    }

    /// <summary>The community as the viewer sees it; forbidden unless the viewer is a member (not-found if it does not exist or is hidden from them).</summary>
    private async Task<CommunityDetails> RequireMemberAsync(MemberIdentity viewer)
    {
        var community = await GrainFactory.GetCommunity(CoPLiveIds.Require(Id, "community")).GetAsync(viewer);
        if (community.ViewerRole is null)
        {
            throw CoPLiveException.Forbidden("Only members of the community see its analytics.");
        }

        return community;
    }

    /// <summary>Titles of the meetups with facts here that the viewer may see (each meetup decides, audience included).</summary>
    private async Task<IReadOnlyDictionary<string, string>> VisibleMeetupTitlesAsync(MemberIdentity viewer)
    {
        var visible = await Task.WhenAll(S.Meetups.Keys.Select(m => GrainFactory.GetGrain<IMeetupGrain>(m).TryGetVisibleAsync(viewer)));
        return visible.OfType<MeetupDetails>().ToImmutableDictionary(m => m.Id, m => m.Title, StringComparer.Ordinal);
    }

    /// <summary>The documents with facts here that the viewer may see (each document decides, audience included).</summary>
    private async Task<IReadOnlySet<string>> VisibleDocumentIdsAsync(MemberIdentity viewer)
    {
        var visible = await Task.WhenAll(S.Documents.Keys.Select(d => GrainFactory.GetDocument(d).TryGetVisibleAsync(viewer)));
        return visible.OfType<Documents.DocumentDetails>().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics of community {CommunityId} ignored a {Type} event of community {OtherCommunityId}")]
    private static partial void LogForeignEvent(ILogger logger, string communityId, string otherCommunityId, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics of community {CommunityId} rebuilt from {Threads} threads and {Meetups} meetups ({Events} events) by {UserId}")]
    private static partial void LogRebuilt(ILogger logger, string communityId, int threads, int meetups, int events, string userId);
}
