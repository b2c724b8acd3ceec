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
/// Each event is applied to the facts (<see cref="ActivityFacts"/>); the facts are written at most
/// <see cref="AnalyticsOptions.WriteDelay"/> later (the first event after an activation at once, to mark the row
/// <see cref="ActivityState.Open"/>), and at deactivation. An activation that finds the row still open knows the
/// last one died with unwritten facts, and rebuilds them from the stored threads, meetups and documents
/// (<see cref="RebuildAsync"/>), which also brings back the events that memory streams lost in that crash.
/// </para>
/// </remarks>
[ImplicitStreamSubscription(ActivityStreams.Namespace)]
public sealed partial class ActivityGrain(
    [PersistentState(StorageNames.ActivityState, StorageNames.Main)] IPersistentState<ActivityState> state,
    IOptions<AnalyticsOptions> options,
    ILogger<ActivityGrain> logger)
    : Grain, IActivityGrain
{
    private IGrainTimer? _writeTimer;
    private bool _unwritten;

    private string Id => this.GetPrimaryKeyString();

    private ActivityState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Open)
        {
            var stale = S.EventsApplied;
            var (contents, events) = await RebuildFromContentAsync(recovering: true);
            LogRecovered(logger, Id, stale, S.EventsApplied, events, contents.Threads.Length + contents.Meetups.Length + contents.Documents.Length);
        }

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

        var (contents, events) = await RebuildFromContentAsync(recovering: false);
        LogRebuilt(logger, Id, contents.Threads.Length, contents.Meetups.Length, contents.Documents.Length, events, caller.UserId);
        return new AnalyticsRebuilt(contents.Threads.Length, contents.Meetups.Length, events, S.RebuiltAt!.Value, contents.Documents.Length);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _writeTimer?.Dispose();
        if (S.Open)
        {
            S.Open = false;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Replaces the facts with the stored history of every thread, meetup and document of the community, and writes
    /// them. A recovery (the last activation died) keeps at least as many events applied as it replayed, so a count
    /// of events applied never goes back below what the facts hold.
    /// </summary>
    private async Task<(CommunityContentIds Contents, int Events)> RebuildFromContentAsync(bool recovering)
    {
        var contents = await GrainFactory.GetCommunity(Id).ListContentIdsAsync();
        var histories = await Task.WhenAll(
            contents.Threads.Select(t => GrainFactory.GetThread(t).ReplayActivityAsync())
                .Concat(contents.Meetups.Select(m => GrainFactory.GetMeetup(m).ReplayActivityAsync()))
                .Concat(contents.Documents.Select(d => GrainFactory.GetDocument(d).ReplayActivityAsync())));
        var events = histories.SelectMany(h => h).OrderBy(e => e.At).ToList();
        var rebuilt = new ActivityState { EventsApplied = recovering ? Math.Max(S.EventsApplied, events.Count) : S.EventsApplied, Open = true };
        foreach (var activity in events)
        {
            ActivityFacts.Apply(rebuilt, activity);
        }

        rebuilt.RebuiltAt = DateTimeOffset.UtcNow;
        state.State = rebuilt;
        _unwritten = false;
        await state.WriteStateAsync();
        return (contents, events.Count);
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
        var delay = options.Value.WriteDelay;
        if (!S.Open || delay <= TimeSpan.Zero)
        {
            // The first write of an activation marks the row open before anything is left unwritten.
            S.Open = true;
            _unwritten = false;
            await state.WriteStateAsync();
            return;
        }

        _unwritten = true;
        _writeTimer ??= this.RegisterGrainTimer(_ => WriteUnwrittenAsync(), delay, delay);
    }

    /// <summary>Writes the facts that waited (a grain timer: it does not interleave with the events).</summary>
    private async Task WriteUnwrittenAsync()
    {
        _writeTimer?.Dispose();
        _writeTimer = null;
        if (_unwritten)
        {
            _unwritten = false;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Tried again on the next tick; a crash meanwhile leaves the row open, so the next activation rebuilds.
                _unwritten = true;
                _writeTimer = this.RegisterGrainTimer(_ => WriteUnwrittenAsync(), options.Value.WriteDelay, options.Value.WriteDelay);
                throw;
            }
        }
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
        var visible = await Task.WhenAll(S.Meetups.Keys.Select(m => GrainFactory.GetMeetup(m).TryGetVisibleAsync(viewer)));
        return visible.OfType<MeetupDetails>().ToImmutableDictionary(m => m.Id, m => m.Title, StringComparer.Ordinal);
    }

    /// <summary>The documents with facts here that the viewer may see (the community's document list decides, audience included).</summary>
    private async Task<IReadOnlySet<string>> VisibleDocumentIdsAsync(MemberIdentity viewer)
    {
        var visible = await GrainFactory.GetDocumentList(Id).ListAsync(viewer);
        return visible.Select(d => d.Id).Where(S.Documents.ContainsKey).ToHashSet(StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics of community {CommunityId} ignored a {Type} event of community {OtherCommunityId}")]
    private static partial void LogForeignEvent(ILogger logger, string communityId, string otherCommunityId, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics of community {CommunityId} rebuilt from {Threads} threads, {Meetups} meetups and {Documents} documents ({Events} events) by {UserId}")]
    private static partial void LogRebuilt(ILogger logger, string communityId, int threads, int meetups, int documents, int events, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics of community {CommunityId}: the last activation died with facts unwritten ({Stale} events applied as stored); rebuilt from {Items} items ({Events} events), {Applied} events applied")]
    private static partial void LogRecovered(ILogger logger, string communityId, long stale, long applied, int events, int items);
}
