using CoPLive.Common;
using CoPLive.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace CoPLive.Threads;

/// <inheritdoc cref="IThreadListGrain"/>
/// <remarks>
/// <para>
/// Storage: a header (<see cref="ThreadListState"/>) and the summaries in <see cref="Rows"/> rows by a stable hash
/// of the thread id (<see cref="BucketedRows{T}"/>), so a post rewrites the row of about a <see cref="Rows"/>th of
/// the threads. Every summary is in memory while the grain is active; a list is answered from memory.
/// </para>
/// <para>
/// A thread writes its own state first and hands its summary in after, before the call returns: a process killed
/// between the two leaves this list one change behind for that thread until its next change or the community's
/// reindex. Who may see a thread is decided as the thread decides it (a member, in the audience), from the
/// audience the thread handed in with its summary.
/// </para>
/// </remarks>
public sealed partial class ThreadListGrain(
    [PersistentState(StorageNames.ThreadList, StorageNames.Main)] IPersistentState<ThreadListState> state,
    ILogger<ThreadListGrain> logger)
    : Grain, IThreadListGrain
{
    /// <summary>
    /// Summary rows per community (<see cref="BucketedRows{T}"/>): part of the storage layout, never to change. More
    /// than a community's 32 member rows, as every post rewrites one: at 5,000 threads a row holds about 40 summaries
    /// (some 16 KB), and a list's activation reads 128 small rows.
    /// </summary>
    public const int Rows = 128;

    /// <summary>Threads asked at once for their summary while a list builds itself.</summary>
    private const int BuildConcurrency = 32;

    private const string RowGrainType = "coplive-thread-list";

    private BucketedRows<ListedThreadState> _threads = null!;

    private string CommunityId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
        _threads = new BucketedRows<ListedThreadState>(storage, StorageNames.ThreadListRow, RowGrainType, CommunityId, Rows);
        await _threads.LoadAsync();
        if (!state.State.Built)
        {
            await BuildAsync();
        }
    }

    public async Task PutAsync(ThreadSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.CommunityId != CommunityId)
        {
            throw CoPLiveException.Invalid($"Thread '{summary.Id}' is of community '{summary.CommunityId}', not '{CommunityId}'.");
        }

        var listed = ListedThreadState.From(summary);
        if (_threads.TryGetValue(listed.Id, out var held) && held.SameAs(listed))
        {
            return;
        }

        _threads.Set(listed.Id, listed);
        await WriteOrDropAsync();
        if (!state.RecordExists)
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<Page<ThreadSummary>> ListAsync(MemberIdentity viewer, ThreadQuery query)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(query);
        if (query.OrganizationId is not null)
        {
            CoPLiveIds.Require(query.OrganizationId, "organization");
        }

        if (query.Offset < 0)
        {
            throw CoPLiveException.Invalid("'offset' must be 0 or more.");
        }

        if (query.Limit is < 1 or > Limits.ThreadPageSize)
        {
            throw CoPLiveException.Invalid($"'limit' must be 1 to {Limits.ThreadPageSize}.");
        }

        // Outsiders learn nothing: the community answers not-found or forbidden, as it does for every list.
        await GrainFactory.GetCommunity(CommunityId).GetMemberAccessAsync(viewer);
        var matching = _threads.Values
            .Where(t => t.VisibleTo(viewer.OrganizationId)
                && (!query.UnansweredOnly || (t.Kind == ThreadKind.Question && t.AcceptedPostId is null))
                && (query.OrganizationId is null || t.AuthorOrganizationId == query.OrganizationId))
            .OrderByDescending(t => t.LastActivityAt)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(query.Offset).Take(query.Limit ?? matching.Count).Select(t => t.ToContract(CommunityId));
        return new Page<ThreadSummary>([.. page], matching.Count);
    }

    /// <summary>
    /// Fills a list that never was from the threads themselves (a community whose threads were started before lists
    /// existed; for a new community, none): once per community. Threads that hand their summary in meanwhile wait for
    /// this activation and then replace what it read.
    /// </summary>
    private async Task BuildAsync()
    {
        var ids = (await GrainFactory.GetCommunity(CommunityId).ListContentIdsAsync()).Threads;
        state.State.Built = true;
        if (ids.IsEmpty)
        {
            // A new community (or none at all: a list of an unknown id writes nothing); its first thread writes the header.
            return;
        }

        var missing = ids.Where(id => !_threads.ContainsKey(id)).ToList();
        foreach (var chunk in missing.Chunk(BuildConcurrency))
        {
            var summaries = await Task.WhenAll(chunk.Select(id => GrainFactory.GetThread(id).GetListingAsync()));
            foreach (var summary in summaries.OfType<ThreadSummary>())
            {
                _threads.Set(summary.Id, ListedThreadState.From(summary));
            }
        }

        await WriteOrDropAsync();
        await state.WriteStateAsync();
        LogBuilt(logger, CommunityId, _threads.Count, missing.Count);
    }

    /// <summary>Writes the changed rows; if a write fails, the activation is dropped, so the next call starts from what storage holds.</summary>
    private async Task WriteOrDropAsync()
    {
        try
        {
            await _threads.WriteChangesAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Thread list of community {CommunityId} built: {Count} threads, {Asked} asked for their summary")]
    private static partial void LogBuilt(ILogger logger, string communityId, int count, int asked);
}
