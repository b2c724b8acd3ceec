using System.Collections.Immutable;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace CoPLive.Documents;

/// <inheritdoc cref="IDocumentListGrain"/>
/// <remarks>
/// <para>
/// Storage: a header (<see cref="DocumentListState"/>) and the listings in <see cref="Rows"/> rows by a stable hash of
/// the document id (<see cref="BucketedRows{T}"/>). Every listing is in memory while the grain is active; a list is
/// answered from memory, with one question to the community (is the viewer a member, in which role) and one to each
/// meetup that made a listed document stage only (is the viewer on its stage).
/// </para>
/// <para>
/// A document writes its own state first and hands its listing in after, before the call returns: a process killed
/// between the two leaves this list one change behind for that document until its next change. An audience reaches
/// the list before it narrows anything (see <see cref="DocumentGrain"/>).
/// </para>
/// </remarks>
public sealed partial class DocumentListGrain(
    [PersistentState(StorageNames.DocumentList, StorageNames.Main)] IPersistentState<DocumentListState> state,
    ILogger<DocumentListGrain> logger)
    : Grain, IDocumentListGrain
{
    /// <summary>
    /// Listing rows per community (<see cref="BucketedRows{T}"/>): part of the storage layout, never to change. Fewer
    /// than a thread list's 128: a listing changes only when a document is created or its audience or stage changes.
    /// </summary>
    public const int Rows = 16;

    /// <summary>Documents asked at once for their listing while a list builds itself.</summary>
    private const int BuildConcurrency = 32;

    private const string RowGrainType = "coplive-document-list";

    private BucketedRows<ListedDocumentState> _documents = null!;

    private string CommunityId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
        _documents = new BucketedRows<ListedDocumentState>(storage, StorageNames.DocumentListRow, RowGrainType, CommunityId, Rows);
        await _documents.LoadAsync();
        if (!state.State.Built)
        {
            await BuildAsync();
        }
    }

    public async Task PutAsync(DocumentListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (listing.CommunityId != CommunityId)
        {
            throw CoPLiveException.Invalid($"Document '{listing.Id}' is of community '{listing.CommunityId}', not '{CommunityId}'.");
        }

        var listed = ListedDocumentState.From(listing);
        if (_documents.TryGetValue(listed.Id, out var held) && held.SameAs(listed))
        {
            return;
        }

        _documents.Set(listed.Id, listed);
        await WriteOrDropAsync();
        if (!state.RecordExists)
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<ImmutableArray<DocumentDetails>> ListAsync(MemberIdentity viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);

        // Outsiders learn nothing: the community answers not-found or forbidden, as it does for every list.
        var access = await GrainFactory.GetCommunity(CommunityId).GetMemberAccessAsync(viewer);
        var visible = _documents.Values
            .Where(d => d.VisibleTo(viewer.OrganizationId))
            .OrderBy(d => d.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();

        // Write access as the document decides it: no guests, and only the stage of a meetup that made it stage only.
        var onStage = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (access.Role != CommunityRole.Guest)
        {
            foreach (var meetupId in visible.Select(d => d.StageOnlyMeetupId).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                onStage[meetupId] = await GrainFactory.GetMeetup(meetupId).IsOnStageAsync(viewer.UserId);
            }
        }

        return [.. visible.Select(d => d.ToListing(CommunityId).WithAccess(
            access.Role != CommunityRole.Guest && (d.StageOnlyMeetupId is not { } meetupId || onStage[meetupId])))];
    }

    public async Task<int> ReindexAsync(MemberIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var community = GrainFactory.GetCommunity(CommunityId);
        if ((await community.GetMemberAccessAsync(caller)).Role != CommunityRole.Coordinator)
        {
            throw CoPLiveException.Forbidden("Only a coordinator may reindex the community's documents.");
        }

        var ids = (await community.ListContentIdsAsync()).Documents;
        var replaced = await TakeListingsAsync(ids);
        var gone = _documents.Values.Select(d => d.Id).Except(ids, StringComparer.Ordinal).ToList();
        gone.ForEach(id => _documents.Remove(id));
        await WriteOrDropAsync();
        if (!state.RecordExists)
        {
            await state.WriteStateAsync();
        }

        LogReindexed(logger, CommunityId, _documents.Count, replaced, gone.Count);
        return _documents.Count;
    }

    /// <summary>
    /// Fills a list that never was from the documents themselves (a community whose documents were created before
    /// lists existed; for a new community, none): once per community. Documents that hand their listing in meanwhile
    /// wait for this activation and then replace what it read.
    /// </summary>
    private async Task BuildAsync()
    {
        var ids = (await GrainFactory.GetCommunity(CommunityId).ListContentIdsAsync()).Documents;
        state.State.Built = true;
        if (ids.IsEmpty)
        {
            // A new community (or none at all: a list of an unknown id writes nothing); its first document writes the header.
            return;
        }

        var missing = ids.Where(id => !_documents.ContainsKey(id)).ToList();
        await TakeListingsAsync(missing);
        await WriteOrDropAsync();
        await state.WriteStateAsync();
        LogBuilt(logger, CommunityId, _documents.Count, missing.Count);
    }

    /// <summary>Asks the documents for their listings, some at a time, and keeps those that differ; returns how many did.</summary>
    private async Task<int> TakeListingsAsync(IReadOnlyCollection<string> documentIds)
    {
        var replaced = 0;
        foreach (var chunk in documentIds.Chunk(BuildConcurrency))
        {
            var listings = await Task.WhenAll(chunk.Select(id => GrainFactory.GetDocument(id).GetListingAsync()));
            foreach (var listed in listings.OfType<DocumentListing>().Select(ListedDocumentState.From))
            {
                if (!_documents.TryGetValue(listed.Id, out var held) || !held.SameAs(listed))
                {
                    _documents.Set(listed.Id, listed);
                    replaced++;
                }
            }
        }

        return replaced;
    }

    /// <summary>Writes the changed rows; if a write fails, the activation is dropped, so the next call starts from what storage holds.</summary>
    private async Task WriteOrDropAsync()
    {
        try
        {
            await _documents.WriteChangesAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Document list of community {CommunityId} reindexed: {Count} documents, {Replaced} listings replaced, {Removed} removed")]
    private static partial void LogReindexed(ILogger logger, string communityId, int count, int replaced, int removed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document list of community {CommunityId} built: {Count} documents, {Asked} asked for their listing")]
    private static partial void LogBuilt(ILogger logger, string communityId, int count, int asked);
}
