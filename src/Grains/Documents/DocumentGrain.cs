using System.Collections.Immutable;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Globalization;
using CoPLive.Activity;
using CoPLive.Common;
using CoPLive.Communities;
using CoPLive.Documents.Yjs;
using CoPLive.Identity;
using CoPLive.Rooms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoPLive.Documents;

/// <inheritdoc cref="IDocumentGrain"/>
/// <remarks>
/// In memory: the compacted snapshot, the log after it (committed or on its way), and the server's state vector, kept
/// in C# from each update's clock ranges; in V8, once written to, the document's live copy
/// (<see cref="IYjsLiveDocument"/>). Updates are checked by <see cref="YjsUpdateDecoder"/>, then each batch by one V8
/// call that applies it to the live copy, relayed at once to the subscribed gateway nodes, and group-committed to
/// <see cref="IDocumentStore"/> (all that arrive while a commit is in flight go in the next transaction); a caller is
/// answered once its updates are committed. <see cref="IYjsEngine"/> compacts the log into the snapshot in the
/// background (from the live copy when it can), computes diffs for clients that open with a state vector, exports,
/// and restores versions.
/// </remarks>
public sealed partial class DocumentGrain(
    [PersistentState(StorageNames.DocumentState, StorageNames.Main)] IPersistentState<DocumentState> state,
    IDocumentStore store,
    IYjsEngine yjs,
    DocumentMetrics metrics,
    IOptions<DocumentOptions> options,
    ILogger<DocumentGrain> logger)
    : Grain, IDocumentGrain
{
    /// <summary>An empty document as a Yjs update: no structs, no deletions.</summary>
    private static readonly byte[] EmptyUpdate = [0, 0];

    private readonly Dictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);
    private readonly List<StoredUpdate> _tail = [];
    private readonly string _epoch = Guid.NewGuid().ToString("N")[..12];
    private readonly Dictionary<string, EditSession> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _checkGate = new(1, 1);
    private IYjsLiveDocument? _live;
    private bool _liveUnavailable;
    private bool _commitFailed;
    private YjsStateVector _stateVector = new();
    private byte[] _snapshot = EmptyUpdate;
    private long _snapshotSeq;
    private long _tailBytes;
    private long _lastSeq;
    private long _committedSeq;
    private List<byte[]> _toCommit = [];
    private List<TaskCompletionSource> _commitWaiters = [];
    private long _toCommitFirstSeq;
    private Task? _committing;
    private Task? _compacting;
    private DateTimeOffset _lastUpdateAt = DateTimeOffset.UtcNow;
    private IGrainTimer? _idleTimer;
    private Task? _contentLoad;
    private Task? _orphansEnded;
    private (string Id, ICommunityGrain Grain)? _community;

    private string Id => this.GetPrimaryKeyString();

    private DocumentState S => state.State;

    private DocumentOptions Limits => options.Value;

    /// <summary>
    /// The community's grain, made once per community id: every batch of updates is authorized through it, and
    /// Orleans' GetGrain reads the interface's attributes by reflection on each call (about 2 % of the gateway's CPU
    /// on the editing trace).
    /// </summary>
    private ICommunityGrain Community
    {
        get
        {
            if (_community is not { } known || !string.Equals(known.Id, S.CommunityId, StringComparison.Ordinal))
            {
                known = (S.CommunityId, GrainFactory.GetCommunity(S.CommunityId));
                _community = known;
            }

            return known.Grain;
        }
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The content is not loaded here: a listing, a details read, an audience change or a revocation activates
        // the grain without needing it (see EnsureContentAsync).
        LogActivated(logger, Id, RuntimeIdentity, _epoch);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_orphansEnded is { } orphansEnded)
        {
            await orphansEnded;
        }

        // A load an authorization started may still run. An activation that never loaded its content changed none of
        // it: with nothing committed beyond its snapshot (both 0) and nothing after its last version, the compaction
        // and the version below do nothing for it.
        if (_contentLoad is { } load)
        {
            try
            {
                await load;
            }
            catch (Exception)
            {
                // Logged by the load.
            }
        }

        if (_committing is { } committing)
        {
            await committing;
        }

        // A document that goes out of memory leaves its committed log compacted, so that its next activation (a cold
        // open) loads one snapshot: it may be collected before its idle compaction came round. CompactAsync logs and
        // swallows its own failure; the log then stays as it is, which loses nothing.
        if (!_commitFailed)
        {
            MaybeCompact(idle: true);
        }

        if (_compacting is { } compacting)
        {
            await compacting;
        }

        // Edits not yet in a version would otherwise get one only if the document is opened again and then left idle:
        // an activation that ends (collected when unused, or its silo stops) saves it now. Not after a failed commit:
        // what is in memory then may hold updates that were never stored.
        if (S.Created && !_commitFailed && _lastSeq > S.LastVersionSeq)
        {
            try
            {
                await SaveVersionCoreAsync("After a pause in editing", "idle", null);
            }
            catch (Exception exception)
            {
                LogIdleVersionNotSaved(logger, exception, Id);
            }
        }

        try
        {
            await EndEditSessionsAsync(all: true);
        }
        catch (Exception exception)
        {
            // The open rows stay in the store; the next activation ends and publishes them.
            LogSessionsNotSaved(logger, exception, Id);
        }

        if (_live is { } live)
        {
            _live = null;
            await live.DisposeAsync();
        }

        LogDeactivated(logger, Id, reason.ReasonCode, reason.Description);
    }

    public async Task<DocumentDetails> CreateAsync(string communityId, NewDocument document, MemberIdentity creator)
    {
        CoPLiveIds.Require(Id, "document");
        CoPLiveIds.Require(communityId, "community");
        ArgumentNullException.ThrowIfNull(document);
        var title = Common.Limits.RequireText(document.Title, "title", Common.Limits.NameLength);
        if (!Enum.IsDefined(document.Kind))
        {
            throw CoPLiveException.Invalid("A document's kind is 'text' or 'whiteboard'.");
        }

        if (S.Created)
        {
            throw CoPLiveException.Conflict($"A document with id '{Id}' already exists.");
        }

        var community = GrainFactory.GetCommunity(communityId);
        var audience = await ItemAccess.ValidateAudienceAsync(community, creator, document.Audience);
        await community.AddDocumentAsync(creator, Id);
        if (audience is not null)
        {
            await community.RecordAudienceAsync(creator, new RoomId(RoomKind.Document, Id).ToString(), new Audience([.. audience]));
        }

        // The list takes the document before it is stored: a list that does not take it refuses the creation (nothing
        // of the document is stored, and the same request again creates it), so a stored document is never missing
        // from its community's list.
        var createdAt = DateTimeOffset.UtcNow;
        await GrainFactory.GetDocumentList(communityId).PutAsync(
            new DocumentListing(Id, communityId, title, document.Kind, audience is null ? null : new Audience([.. audience]), creator.UserId, createdAt, null));
        S.Created = true;
        S.CommunityId = communityId;
        S.Title = title;
        S.Kind = document.Kind;
        S.Audience = audience;
        S.CreatedBy = creator.UserId;
        S.CreatedAt = createdAt;
        await state.WriteStateAsync();
        _contentLoad = Task.CompletedTask;
        StartIdleTimer();
        LogCreated(logger, Id, communityId, document.Kind, creator.UserId);
        await CommunityItemAnnouncer.AnnounceAsync(GrainFactory, logger, communityId, CommunityItemCreated.Document, Id, title, document.Kind.ToString().ToLowerInvariant(), audience);
        return Details(canWrite: true);
    }

    public async Task<DocumentDetails> GetAsync(MemberIdentity viewer) => Details(await MayWriteAsync(await RequireReaderAsync(viewer), viewer));

    public Task<DocumentListing?> GetListingAsync() => Task.FromResult(S.Created ? Listing() : null);

    public async Task<RoomAccess> AuthorizeRoomEntryAsync(MemberIdentity member)
    {
        var access = await RequireReaderAsync(member);

        // A room entry is followed by an open: the content loads meanwhile (beside the WebSocket upgrade of a
        // y-websocket open), not after it. Not awaited; the open awaits it, and a failure is retried there.
        _ = EnsureContentAsync();
        return access.Room;
    }

    public async Task<DocumentOpened> OpenAsync(MemberIdentity member, byte[]? stateVector)
    {
        var access = await RequireReaderAsync(member);
        var canWrite = await MayWriteAsync(access, member);
        await EnsureContentAsync();
        var snapshot = _snapshot;
        var tail = _tail.Select(u => u.Update).ToImmutableArray();
        var serverVector = _stateVector.Encode();
        byte[] update;
        if (stateVector is null || stateVector.Length == 0 || (stateVector.Length == 1 && stateVector[0] == 0))
        {
            update = snapshot;
        }
        else
        {
            try
            {
                if (await TryDiffLiveAsync(stateVector) is { } live)
                {
                    // The live copy holds the snapshot and the whole log: its diff is all the peer lacks.
                    (update, tail, serverVector) = live;
                }
                else
                {
                    update = await yjs.DiffUpdateAsync(snapshot, stateVector);
                }
            }
            catch (InvalidYjsUpdateException exception)
            {
                throw new CoPLiveException(ErrorCodes.InvalidUpdate, $"The state vector does not decode: {exception.Message}");
            }
        }

        StartIdleTimer();
        return new DocumentOpened(Details(canWrite), update, tail, serverVector, _epoch);
    }

    public async Task<DocumentUpdatesCommitted> ApplyUpdatesAsync(
        MemberIdentity member, string? originNodeId, string? originConnectionId, ImmutableArray<byte[]> updates)
    {
        long committed;
        if (updates.IsDefaultOrEmpty)
        {
            await RequireReaderAsync(member);
            await EnsureContentAsync();
            committed = _committedSeq;
        }
        else
        {
            await RequireWriterAsync(member);
            await EnsureContentAsync();
            committed = await AcceptAsync(originConnectionId, updates);
            NoteEdit(member, updates.Length);
        }

        // Asked after the commit: a node whose subscription this activation lacks repairs it on this answer, and a
        // relay it missed meanwhile reaches its peers through the resync.
        var subscribed = originNodeId is null || HoldsLiveSubscription(originNodeId);
        if (!subscribed)
        {
            LogUnsubscribedNodeWrote(logger, Id, originNodeId!, _epoch);
        }

        return new DocumentUpdatesCommitted(committed, _epoch, subscribed);
    }

    public Task RelayAwarenessAsync(DocumentAwarenessRelayed awareness)
    {
        foreach (var subscriber in LiveSubscribers())
        {
            _ = subscriber.Observer.ReceiveAwarenessAsync(awareness);
        }

        return Task.CompletedTask;
    }

    public Task<string> SubscribeAsync(string nodeId, IDocumentObserver observer, TimeSpan lifetime)
    {
        if (!S.Created)
        {
            throw CoPLiveException.NotFound("document", Id);
        }

        _subscribers[nodeId] = new Subscriber(observer, DateTimeOffset.UtcNow + lifetime);
        return Task.FromResult(_epoch);
    }

    public Task<DocumentSubscription> RenewSubscriptionAsync(string nodeId, IDocumentObserver observer, TimeSpan lifetime)
    {
        if (!S.Created)
        {
            throw CoPLiveException.NotFound("document", Id);
        }

        var lapsed = !HoldsLiveSubscription(nodeId);
        if (lapsed)
        {
            LogSubscriptionLapsed(logger, Id, nodeId, _epoch);
        }

        _subscribers[nodeId] = new Subscriber(observer, DateTimeOffset.UtcNow + lifetime);
        return Task.FromResult(new DocumentSubscription(_epoch, lapsed));
    }

    public Task UnsubscribeAsync(string nodeId)
    {
        _subscribers.Remove(nodeId);
        return Task.CompletedTask;
    }

    public async Task<DocumentExport> ExportAsync(MemberIdentity viewer, string format)
    {
        await RequireReaderAsync(viewer);
        var expected = S.Kind == DocumentKind.Text ? "markdown" : "svg";
        if (!string.Equals(format, expected, StringComparison.Ordinal))
        {
            throw CoPLiveException.Invalid($"A {S.Kind.ToString().ToLowerInvariant()} document exports as format '{expected}'.");
        }

        await EnsureContentAsync();
        var current = await CurrentStateAsync();
        var fileName = CoPLiveIds.New(S.Title);
        if (S.Kind == DocumentKind.Text)
        {
            return new DocumentExport("text/markdown; charset=utf-8", fileName + ".md", await yjs.ReadTextAsync(current, DocumentNames.Content));
        }

        return new DocumentExport("image/svg+xml", fileName + ".svg", WhiteboardSvg.Render(await yjs.ReadMapJsonAsync(current, DocumentNames.Elements), S.Title));
    }

    public async Task<DocumentVersion> SaveVersionAsync(MemberIdentity member, string name)
    {
        await RequireWriterAsync(member);
        var text = Common.Limits.RequireText(name, "name", Common.Limits.NameLength);
        await EnsureContentAsync();
        return await SaveVersionCoreAsync(text, "named", member.UserId);
    }

    public async Task<ImmutableArray<DocumentVersion>> ListVersionsAsync(MemberIdentity viewer)
    {
        await RequireReaderAsync(viewer);
        return [.. S.Versions];
    }

    public async Task<DocumentVersionView> GetVersionAsync(MemberIdentity viewer, string versionId)
    {
        await RequireReaderAsync(viewer);
        var (version, bytes) = await LoadVersionAsync(versionId);
        var content = S.Kind == DocumentKind.Text
            ? await yjs.ReadTextAsync(bytes, DocumentNames.Content)
            : await yjs.ReadMapJsonAsync(bytes, DocumentNames.Elements);
        return new DocumentVersionView(version, content, bytes);
    }

    public async Task<long> RestoreVersionAsync(MemberIdentity member, string versionId)
    {
        await RequireWriterAsync(member);
        var (version, bytes) = await LoadVersionAsync(versionId);
        await EnsureContentAsync();
        var current = await CurrentStateAsync();
        var restoring = S.Kind == DocumentKind.Text
            ? await yjs.RestoreTextAsync(current, bytes, DocumentNames.Content)
            : await yjs.RestoreMapAsync(current, bytes, DocumentNames.Elements);
        await SaveVersionCoreAsync($"Before restoring '{version.Name}'", "before-restore", member.UserId);
        LogRestored(logger, Id, versionId, member.UserId);
        return await AcceptAsync(null, [restoring]);
    }

    public async Task SetStageOnlyAsync(string meetupId, bool stageOnly)
    {
        if (!S.Created)
        {
            throw CoPLiveException.NotFound("document", Id);
        }

        var next = stageOnly ? meetupId : (S.StageOnlyMeetupId == meetupId ? null : S.StageOnlyMeetupId);
        if (next != S.StageOnlyMeetupId)
        {
            S.StageOnlyMeetupId = next;
            await state.WriteStateAsync();
            await HandInListingAsync();
        }
    }

    public async Task<string?> MeetupEndedAsync(string meetupId, string meetupTitle)
    {
        if (!S.Created)
        {
            return null;
        }

        // Edits stored by an activation that ended before its version (a killed process) are in the stored log.
        await EnsureContentAsync();
        if (_lastSeq > S.LastVersionSeq)
        {
            return (await SaveVersionCoreAsync($"End of meetup '{meetupTitle}'", "meetup-ended", null)).Id;
        }

        return S.Versions.Count > 0 ? S.Versions[^1].Id : null;
    }

    public async Task<DocumentDetails> SetAudienceAsync(MemberIdentity caller, Audience? audience)
    {
        var access = await RequireReaderAsync(caller);
        if (caller.UserId != S.CreatedBy && access.Role != CommunityRole.Coordinator)
        {
            throw CoPLiveException.Forbidden("Only the document's creator or a coordinator may change its audience.");
        }

        var kept = await ItemAccess.ValidateAudienceAsync(Community, caller, audience);

        // The list never shows the document to an organization that may not read it: it learns the audience both may
        // read before the document stores the new one (a failure there refuses the change), and the new one after.
        var both = ItemAccess.SharedAudience(S.Audience, kept);
        await GrainFactory.GetDocumentList(S.CommunityId).PutAsync(Listing() with { Audience = both is null ? null : new Audience([.. both]) });
        S.Audience = kept;
        await state.WriteStateAsync();
        await HandInListingAsync();
        await Community.RecordAudienceAsync(caller, new RoomId(RoomKind.Document, Id).ToString(), kept is null ? null : new Audience([.. kept]));
        if (kept is not null)
        {
            await RevokeAsync(new RoomRevocation([], [], ErrorCodes.Forbidden, "The document's audience changed; you are no longer in it.", [.. kept]));
        }

        return await GetAsync(caller);
    }

    public async Task RevokeAsync(RoomRevocation revocation)
    {
        var revoked = new DocumentAccessRevoked(Id, revocation);
        foreach (var subscriber in LiveSubscribers())
        {
            _ = subscriber.Observer.RevokeAccessAsync(revoked);
        }

        await GrainFactory.GetRoomPresence(new RoomId(RoomKind.Document, Id)).RevokeAsync(revocation);
    }

    public Task<long> GetStoredBytesAsync() => store.StoredBytesAsync(Id, CancellationToken.None);

    public async Task<ImmutableArray<ActivityEvent>> ReplayActivityAsync()
    {
        if (!S.Created)
        {
            return [];
        }

        await EndOrphanedEditSessionsOnceAsync();
        var sessions = await store.LoadEditSessionsAsync(Id, CancellationToken.None);
        return [.. sessions.Where(s => s.Ended).OrderBy(s => s.LastAt).Select(SessionEvent)];
    }

    /// <summary>
    /// The hot path. The C# checks per update, then, one batch at a time (<see cref="_checkGate"/>), the size check,
    /// one V8 call that applies the batch to the document's live copy, and synchronously from there the append to the
    /// log, the relay and the hand-over to the commit loop: the live copy and the log take the batches in the same
    /// order, and the interleaving calls of other connections never see a half-applied batch. Batches that arrive
    /// while others wait for their commit go into the same commit.
    /// </summary>
    private async Task<long> AcceptAsync(string? originConnectionId, ImmutableArray<byte[]> updates)
    {
        long bytes = 0;
        for (var i = 0; i < updates.Length; i++)
        {
            var update = updates[i] ?? throw new CoPLiveException(ErrorCodes.InvalidUpdate, $"Update {i} is missing.");
            if (update.Length > Limits.MaxUpdateBytes)
            {
                throw new CoPLiveException(ErrorCodes.TooLarge, $"Update {i} has {update.Length} bytes; an update may have at most {Limits.MaxUpdateBytes}.");
            }

            try
            {
                YjsUpdateDecoder.Validate(update);
            }
            catch (InvalidYjsUpdateException exception)
            {
                throw new CoPLiveException(ErrorCodes.InvalidUpdate, $"Update {i} is not a well-formed Yjs update: {exception.Message}");
            }

            bytes += update.Length;
        }

        TaskCompletionSource committed;
        long last;
        await _checkGate.WaitAsync();
        try
        {
            if (_snapshot.Length + _tailBytes + bytes > Limits.MaxDocumentBytes)
            {
                throw new CoPLiveException(ErrorCodes.TooLarge, $"The document would grow past {Limits.MaxDocumentBytes} bytes.");
            }

            var effect = await ApplyToLiveAsync(updates);
            last = Append(originConnectionId, updates, bytes, effect);
            committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _commitWaiters.Add(committed);
            _committing ??= CommitLoopAsync();
        }
        finally
        {
            _checkGate.Release();
        }

        await committed.Task;
        return last;
    }

    /// <summary>
    /// The C# decoder checks the encoding; Yjs itself must also be able to apply what it reads (the decoder does not
    /// check meaning). One V8 call per batch, never per update, applies the batch to the document's live copy, which
    /// is (re)opened from the snapshot and the log when it is not live. A batch that Yjs refuses changes nothing here
    /// (the live copy is closed and reopened from the log, which does not have the batch, on the next write).
    /// Returns the batch's effect as one update, to relay in its place, or null if the batch is relayed as it came
    /// (see <see cref="YjsLiveApplied.Effect"/>).
    /// </summary>
    private async Task<byte[]?> ApplyToLiveAsync(ImmutableArray<byte[]> updates)
    {
        var batch = new ReadOnlyMemory<byte>[updates.Length];
        for (var i = 0; i < updates.Length; i++)
        {
            batch[i] = updates[i];
        }

        try
        {
            if (!_liveUnavailable)
            {
                _live ??= yjs.OpenLive();
                if (await _live.TryApplyForEffectAsync(batch, state: null) is { Applied: true } applied)
                {
                    return applied.Effect;
                }

                try
                {
                    var started = Stopwatch.GetTimestamp();
                    var stored = new List<ReadOnlyMemory<byte>>(_tail.Count + 1) { _snapshot };
                    stored.AddRange(_tail.Select(u => (ReadOnlyMemory<byte>)u.Update));
                    var opened = await _live.TryApplyForEffectAsync(batch, stored);
                    LogLiveOpened(logger, Id, _snapshot.Length, _tail.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    return opened.Effect;
                }
                catch (ArgumentException exception)
                {
                    // Stored before the live check existed and not applicable by Yjs: keep the document writable and
                    // check each batch on its own, as before, for this activation.
                    LogLiveUnavailable(logger, exception, Id);
                    _liveUnavailable = true;
                }
            }

            await yjs.MergeUpdatesAsync(batch);
            return null;
        }
        catch (InvalidYjsUpdateException exception)
        {
            throw new CoPLiveException(ErrorCodes.InvalidUpdate, $"Update {exception.UpdateIndex ?? 0} cannot be applied by Yjs: {exception.Message}");
        }
    }

    /// <summary>
    /// Appends a checked batch to the log and relays it (as its <paramref name="effect"/>, one update, when that is known;
    /// nothing if that is empty); synchronous. Returns the log position of its last update.
    /// </summary>
    /// <remarks>
    /// The log keeps the updates as they came; the relay carries one update per batch where it can, so that each peer
    /// receives and applies one message instead of one per update (the batch's sender is left out either way).
    /// </remarks>
    private long Append(string? originConnectionId, ImmutableArray<byte[]> updates, long bytes, byte[]? effect)
    {
        if (_toCommit.Count == 0)
        {
            _toCommitFirstSeq = _lastSeq + 1;
        }

        foreach (var update in updates)
        {
            YjsUpdateDecoder.Decode(update, _stateVector);
            _tail.Add(new StoredUpdate(++_lastSeq, update));
            _toCommit.Add(update);
        }

        _tailBytes += bytes;
        _lastUpdateAt = DateTimeOffset.UtcNow;
        var last = _lastSeq;
        if (effect is not null && effect.AsSpan().SequenceEqual(EmptyUpdate))
        {
            return last;
        }

        var relayed = new DocumentUpdatesRelayed(Id, originConnectionId, effect is null ? updates : [effect]);
        foreach (var subscriber in LiveSubscribers())
        {
            // One-way: the call returns at once and a slow or dead node never holds up the document.
            _ = subscriber.Observer.ReceiveUpdatesAsync(relayed);
        }

        return last;
    }

    /// <summary>Commits what waits, one transaction at a time; what arrives meanwhile goes in the next one.</summary>
    private async Task CommitLoopAsync()
    {
        await Task.Yield();
        try
        {
            while (_toCommit.Count > 0)
            {
                var updates = _toCommit;
                var waiters = _commitWaiters;
                var first = _toCommitFirstSeq;
                _toCommit = [];
                _commitWaiters = [];
                try
                {
                    await store.AppendAsync(Id, first, updates, CancellationToken.None);
                    _committedSeq = first + updates.Count - 1;
                    waiters.ForEach(w => w.TrySetResult());
                }
                catch (Exception exception)
                {
                    // What was relayed but not stored must not stay in memory as if it were: the next activation
                    // reloads the log; the callers were not acknowledged, and their clients send the updates again.
                    LogCommitFailed(logger, exception, Id, first, updates.Count);
                    waiters.ForEach(w => w.TrySetException(new CoPLiveException("internal-error", "The document could not store the update; send it again.")));
                    _commitFailed = true;
                    DeactivateOnIdle();
                }
            }
        }
        finally
        {
            _committing = null;
        }

        MaybeCompact(idle: false);
    }

    private void MaybeCompact(bool idle)
    {
        var committedInTail = _committedSeq - _snapshotSeq;
        if (_compacting is not null || committedInTail <= 0)
        {
            return;
        }

        if (idle || (committedInTail >= Limits.CompactAfterUpdates && _tailBytes >= Math.Max(_snapshot.Length, 64 * 1024)))
        {
            _compacting = CompactAsync();
        }
    }

    /// <summary>
    /// Makes a new snapshot of the snapshot and the committed log (V8, off the hot path), stores it, and drops that
    /// log. When the whole log is committed and the document is live, the snapshot is the live copy's encoding (no
    /// replay); otherwise the snapshot and the committed log are applied into a fresh <c>Y.Doc</c>.
    /// </summary>
    private async Task CompactAsync()
    {
        await Task.Yield();
        try
        {
            var through = _committedSeq;
            var count = _tail.TakeWhile(u => u.Seq <= through).Count();
            var merged = await TryEncodeLiveAsync(through);
            if (merged is null)
            {
                var inputs = new List<ReadOnlyMemory<byte>>(count + 1) { _snapshot };
                inputs.AddRange(_tail.Take(count).Select(u => (ReadOnlyMemory<byte>)u.Update));
                merged = await yjs.MergeUpdatesAsync(inputs);
            }

            // The snapshot's state vector is stored beside it, so that an activation need not decode the snapshot.
            // Decoding is pure work on the bytes alone, so it runs off the grain's scheduler.
            var snapshot = merged;
            var vector = await Task.Run(() =>
            {
                var decoded = new YjsStateVector();
                YjsUpdateDecoder.Decode(snapshot, decoded);
                return decoded.Encode();
            });
            await store.SaveSnapshotAsync(Id, through, merged, vector, CancellationToken.None);
            var dropped = _tail.TakeWhile(u => u.Seq <= through).ToList();
            _tail.RemoveRange(0, dropped.Count);
            _tailBytes -= dropped.Sum(u => (long)u.Update.Length);
            _snapshot = merged;
            _snapshotSeq = through;
            LogCompacted(logger, Id, count, merged.Length);
        }
        catch (Exception exception)
        {
            LogCompactionFailed(logger, exception, Id);
        }
        finally
        {
            _compacting = null;
        }
    }

    /// <summary>
    /// The snapshot, the log and the state vector in memory, loaded on the first call that reads or writes the content
    /// (an open, an edit, an export, a version, a restore, a meetup's end), once per activation; a failed load is tried
    /// again by the next such call. Calls that interleave await the same load.
    /// </summary>
    private Task EnsureContentAsync()
    {
        if (_contentLoad is { IsFaulted: true })
        {
            _contentLoad = null;
        }

        return _contentLoad ??= LoadContentAsync();
    }

    /// <summary>Loads the content; a failure (storage, or a stored update that does not decode) is logged here, once, and thrown to the callers.</summary>
    private async Task LoadContentAsync()
    {
        try
        {
            await LoadContentCoreAsync();
        }
        catch (Exception exception)
        {
            LogContentNotLoaded(logger, exception, Id);
            throw;
        }
    }

    private async Task LoadContentCoreAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var stored = await store.LoadAsync(Id, CancellationToken.None);
        var read = Stopwatch.GetElapsedTime(started);
        _snapshot = stored.Snapshot ?? EmptyUpdate;
        _snapshotSeq = stored.SnapshotSeq;
        _stateVector = SnapshotStateVector(stored);
        _tail.Clear();
        _tailBytes = 0;
        foreach (var update in stored.Tail)
        {
            YjsUpdateDecoder.Decode(update.Update, _stateVector);
            _tail.Add(update);
            _tailBytes += update.Update.Length;
        }

        _lastSeq = _committedSeq = stored.Tail.Count > 0 ? stored.Tail[^1].Seq : _snapshotSeq;
        StartIdleTimer();
        metrics.ContentLoaded(_snapshot.Length + _tailBytes);
        LogLoaded(logger, Id, _snapshot.Length, _tail.Count, read.TotalMilliseconds, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        // Not awaited by the open that waits for this load: the sessions a killed activation left open (sessions come
        // of edits, which load the content first) are ended beside it.
        _ = EndOrphanedEditSessionsOnceAsync();
    }

    /// <summary>
    /// The snapshot's state vector: the one compaction stored beside it, or else (a snapshot stored before that, or a
    /// stored vector that does not decode) from decoding the snapshot.
    /// </summary>
    private YjsStateVector SnapshotStateVector(StoredDocument stored)
    {
        if (stored.SnapshotStateVector is { } encoded)
        {
            try
            {
                return YjsStateVector.Decode(encoded);
            }
            catch (InvalidYjsUpdateException exception)
            {
                LogStoredVectorUnreadable(logger, exception, Id);
            }
        }

        var vector = new YjsStateVector();
        YjsUpdateDecoder.Decode(_snapshot, vector);
        return vector;
    }

    /// <summary>Compacts an idle log and saves a version of a document left alone for a while.</summary>
    private void StartIdleTimer() =>
        _idleTimer ??= this.RegisterGrainTimer(
            async _ =>
            {
                var quiet = DateTimeOffset.UtcNow - _lastUpdateAt;
                if (quiet >= Limits.CompactWhenIdle)
                {
                    MaybeCompact(idle: true);
                }

                if (quiet >= Limits.IdleVersionAfter && _lastSeq > S.LastVersionSeq)
                {
                    await SaveVersionCoreAsync("After a pause in editing", "idle", null);
                }

                await EndEditSessionsAsync(all: false);
            },
            Limits.CompactWhenIdle,
            Limits.CompactWhenIdle);

    /// <summary>Counts a member's committed updates into their editing session (a new one after a pause).</summary>
    private void NoteEdit(MemberIdentity member, int updates)
    {
        var now = DateTimeOffset.UtcNow;
        if (!_sessions.TryGetValue(member.UserId, out var session))
        {
            _sessions[member.UserId] = session = new EditSession(member, CoPLiveIds.New("session"), now);
        }

        session.LastAt = now;
        session.Updates += updates;
    }

    /// <summary>
    /// Stores the editing sessions that ended (no update for <see cref="DocumentOptions.EditSessionIdle"/>), or all of
    /// them, and then publishes them; stores the counters of the open sessions that changed since their last save.
    /// </summary>
    private async Task EndEditSessionsAsync(bool all)
    {
        var now = DateTimeOffset.UtcNow;
        var ended = _sessions.Values.Where(s => all || now - s.LastAt >= Limits.EditSessionIdle).ToList();
        var changed = _sessions.Values.Where(s => s.Updates != s.SavedUpdates && !ended.Contains(s)).Select(s => (Session: s, Saved: s.ToStored(ended: false))).ToList();
        if (ended.Count == 0 && changed.Count == 0)
        {
            return;
        }

        // An update that arrives while this is saved starts a new session: the ended ones are out of the map first.
        ended.ForEach(s => _sessions.Remove(s.Member.UserId));
        List<StoredEditSession> endedStored = [.. ended.Select(s => s.ToStored(ended: true))];
        try
        {
            await store.SaveEditSessionsAsync(Id, [.. endedStored, .. changed.Select(c => c.Saved)], CancellationToken.None);
        }
        catch
        {
            ended.ForEach(s => _sessions.TryAdd(s.Member.UserId, s));
            throw;
        }

        changed.ForEach(c => c.Session.SavedUpdates = c.Saved.Updates);
        foreach (var session in endedStored)
        {
            await this.PublishActivityAsync(SessionEvent(session), logger);
        }
    }

    /// <summary>Ends the sessions a previous activation left open, once per activation: at the content's load, or before the analytics replay reads them.</summary>
    private Task EndOrphanedEditSessionsOnceAsync() => _orphansEnded ??= EndOrphanedEditSessionsAsync();

    /// <summary>
    /// Ends the sessions a previous activation left open (a killed process): they hold the counters of their last save.
    /// Never throws: a failure is logged and the rows stay open for the next activation.
    /// </summary>
    private async Task EndOrphanedEditSessionsAsync()
    {
        try
        {
            // This runs beside the first calls, so this activation may already have saved sessions of its own as
            // open: those are not orphans.
            var orphaned = (await store.LoadEditSessionsAsync(Id, CancellationToken.None))
                .Where(s => !s.Ended && !_sessions.Values.Any(own => own.Id == s.SessionId))
                .Select(s => s with { Ended = true })
                .ToList();
            if (orphaned.Count == 0)
            {
                return;
            }

            await store.SaveEditSessionsAsync(Id, orphaned, CancellationToken.None);
            foreach (var session in orphaned)
            {
                await this.PublishActivityAsync(SessionEvent(session), logger);
            }

            LogOrphanedSessionsEnded(logger, Id, orphaned.Count);
        }
        catch (Exception exception)
        {
            LogOrphanedSessionsNotEnded(logger, exception, Id);
        }
    }

    private ActivityEvent SessionEvent(StoredEditSession session) => new(
        ActivityTypes.DocumentEditSession,
        S.CommunityId,
        session.UserId,
        session.OrganizationId,
        "document",
        Id,
        session.SessionId,
        SubjectUserId: null,
        SubjectOrganizationId: null,
        CrossOrganization: false,
        session.Updates.ToString(CultureInfo.InvariantCulture),
        session.LastAt);

    /// <summary>
    /// The live copy's encoding if it is live and holds exactly the log through <paramref name="through"/> (null
    /// given: the whole log); null otherwise. Taken between batches, so that no batch is half in the live copy.
    /// </summary>
    private async Task<byte[]?> TryEncodeLiveAsync(long? through)
    {
        if (_live is null)
        {
            return null;
        }

        await _checkGate.WaitAsync();
        try
        {
            return _live is { } live && (through is null || through == _lastSeq) ? await live.TryEncodeStateAsync() : null;
        }
        finally
        {
            _checkGate.Release();
        }
    }

    /// <summary>
    /// The live copy's answer to a peer's state vector, with the server's state vector at that moment and no separate
    /// log (the diff holds it); null if the document is not live. Taken between batches.
    /// </summary>
    private async Task<(byte[] Update, ImmutableArray<byte[]> Tail, byte[] ServerVector)?> TryDiffLiveAsync(byte[] stateVector)
    {
        if (_live is null)
        {
            return null;
        }

        await _checkGate.WaitAsync();
        try
        {
            return _live is { } live && await live.TryDiffAsync(stateVector) is { } diff ? (diff, [], _stateVector.Encode()) : null;
        }
        finally
        {
            _checkGate.Release();
        }
    }

    /// <summary>The whole current document (snapshot and log) as one update.</summary>
    private async Task<byte[]> CurrentStateAsync()
    {
        if (_tail.Count == 0)
        {
            return _snapshot;
        }

        if (await TryEncodeLiveAsync(through: null) is { } live)
        {
            return live;
        }

        var inputs = new List<ReadOnlyMemory<byte>>(_tail.Count + 1) { _snapshot };
        inputs.AddRange(_tail.Select(u => (ReadOnlyMemory<byte>)u.Update));
        return await yjs.MergeUpdatesAsync(inputs);
    }

    private async Task<DocumentVersion> SaveVersionCoreAsync(string name, string reason, string? userId)
    {
        var seq = _lastSeq;
        var current = await CurrentStateAsync();
        var version = new DocumentVersion(CoPLiveIds.New("v"), name, reason, userId, DateTimeOffset.UtcNow, current.Length);
        await store.SaveVersionAsync(Id, version.Id, current, CancellationToken.None);
        S.Versions.Add(version);
        S.LastVersionSeq = Math.Max(S.LastVersionSeq, seq);
        await state.WriteStateAsync();
        LogVersionSaved(logger, Id, version.Id, reason);
        return version;
    }

    private async Task<(DocumentVersion Version, byte[] State)> LoadVersionAsync(string versionId)
    {
        var version = S.Versions.Find(v => v.Id == versionId) ?? throw CoPLiveException.NotFound("version", versionId ?? "");
        var bytes = await store.LoadVersionAsync(Id, version.Id, CancellationToken.None)
            ?? throw CoPLiveException.NotFound("version", versionId);
        return (version, bytes);
    }

    /// <summary>Whether the node's subscription is here and has not expired.</summary>
    private bool HoldsLiveSubscription(string nodeId) =>
        _subscribers.TryGetValue(nodeId, out var subscriber) && subscriber.ExpiresAt >= DateTimeOffset.UtcNow;

    private IEnumerable<Subscriber> LiveSubscribers()
    {
        var now = DateTimeOffset.UtcNow;
        List<string>? expired = null;
        foreach (var (nodeId, subscriber) in _subscribers)
        {
            if (subscriber.ExpiresAt < now)
            {
                (expired ??= []).Add(nodeId);
            }
        }

        expired?.ForEach(n => _subscribers.Remove(n));
        return [.. _subscribers.Values];
    }

    /// <summary>The caller's access if they may read: a member of the community and in the audience; not-found otherwise.</summary>
    private async Task<MemberAccess> RequireReaderAsync(MemberIdentity member)
    {
        if (!S.Created)
        {
            throw CoPLiveException.NotFound("document", Id);
        }

        return await ItemAccess.RequireParticipantAsync(Community, S.Audience, member, "document", Id);
    }

    private async Task RequireWriterAsync(MemberIdentity member)
    {
        var access = await RequireReaderAsync(member);
        if (access.Role == CommunityRole.Guest)
        {
            throw CoPLiveException.Forbidden("Guests may read documents, not change them.");
        }

        if (!await MayWriteAsync(access, member))
        {
            throw CoPLiveException.Forbidden("The meetup's host made this document stage only: only the host and speakers may change it.");
        }
    }

    private async Task<bool> MayWriteAsync(MemberAccess access, MemberIdentity member) =>
        access.Role != CommunityRole.Guest
        && (S.StageOnlyMeetupId is not { } meetupId || await GrainFactory.GetMeetup(meetupId).IsOnStageAsync(member.UserId));

    private DocumentListing Listing() => new(
        Id,
        S.CommunityId,
        S.Title,
        S.Kind,
        S.Audience is null ? null : new Audience([.. S.Audience]),
        S.CreatedBy,
        S.CreatedAt,
        S.StageOnlyMeetupId);

    /// <summary>
    /// Hands the listing to the community's document list. The document is already stored: a failing list is logged
    /// and takes the listing with the document's next change, never the caller's failure.
    /// </summary>
    private async Task HandInListingAsync()
    {
        try
        {
            await GrainFactory.GetDocumentList(S.CommunityId).PutAsync(Listing());
        }
        catch (Exception exception)
        {
            LogListFailed(logger, exception, Id, S.CommunityId);
        }
    }

    private DocumentDetails Details(bool canWrite) => Listing().WithAccess(canWrite);

    /// <summary>A member's editing session: their committed updates since they began, until a pause ends it.</summary>
    private sealed class EditSession(MemberIdentity member, string id, DateTimeOffset firstAt)
    {
        public MemberIdentity Member { get; } = member;

        public string Id { get; } = id;

        public DateTimeOffset FirstAt { get; } = firstAt;

        public DateTimeOffset LastAt { get; set; }

        public int Updates { get; set; }

        /// <summary>The updates the store holds for this open session (its last save).</summary>
        public int SavedUpdates { get; set; }

        public StoredEditSession ToStored(bool ended) => new(Id, Member.UserId, Member.OrganizationId, Updates, FirstAt, LastAt, ended);
    }

    /// <summary>A gateway node's subscription and when it lapses unless renewed.</summary>
    private sealed record Subscriber(IDocumentObserver Observer, DateTimeOffset ExpiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} ({Kind}) created in community {CommunityId} by {UserId}")]
    private static partial void LogCreated(ILogger logger, string documentId, string communityId, DocumentKind kind, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Document {DocumentId}: committing {Count} updates from {FirstSeq} failed; the activation will reload from storage")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string documentId, long firstSeq, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: the version of its last edits could not be saved as its activation ended; the next activation saves it after a pause")]
    private static partial void LogIdleVersionNotSaved(ILogger logger, Exception exception, string documentId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Document {DocumentId}: deactivated ({ReasonCode}: {Description}); the next open loads it from storage")]
    private static partial void LogDeactivated(ILogger logger, string documentId, DeactivationReasonCode reasonCode, string description);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Document {DocumentId}: compacted {Count} updates into a snapshot of {Bytes} bytes")]
    private static partial void LogCompacted(ILogger logger, string documentId, int count, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: compaction failed; the log stays as it is")]
    private static partial void LogCompactionFailed(ILogger logger, Exception exception, string documentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: version {VersionId} saved ({Reason})")]
    private static partial void LogVersionSaved(ILogger logger, string documentId, string versionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: the editing sessions could not be stored at deactivation; the next activation ends them")]
    private static partial void LogSessionsNotSaved(ILogger logger, Exception exception, string documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: the editing sessions a previous activation left open could not be ended; the next activation tries again")]
    private static partial void LogOrphanedSessionsNotEnded(ILogger logger, Exception exception, string documentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: ended {Count} editing sessions a previous activation left open")]
    private static partial void LogOrphanedSessionsEnded(ILogger logger, string documentId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: community {CommunityId}'s document list did not take its listing; it takes it with the document's next change")]
    private static partial void LogListFailed(ILogger logger, Exception exception, string documentId, string communityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: its content could not be loaded from storage; the next open or edit tries again")]
    private static partial void LogContentNotLoaded(ILogger logger, Exception exception, string documentId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Document {DocumentId}: loaded a snapshot of {SnapshotBytes} bytes and {TailCount} logged updates (read {ReadMilliseconds} ms, in all {ElapsedMilliseconds} ms)")]
    private static partial void LogLoaded(ILogger logger, string documentId, int snapshotBytes, int tailCount, double readMilliseconds, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Document {DocumentId}: live copy opened from a snapshot of {SnapshotBytes} bytes and {TailCount} logged updates in {ElapsedMilliseconds} ms")]
    private static partial void LogLiveOpened(ILogger logger, string documentId, int snapshotBytes, int tailCount, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: its stored state does not apply in Yjs, so its batches are checked on their own for this activation")]
    private static partial void LogLiveUnavailable(ILogger logger, Exception exception, string documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId}: the state vector stored with its snapshot does not decode; the snapshot is decoded instead")]
    private static partial void LogStoredVectorUnreadable(ILogger logger, Exception exception, string documentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: activated on silo {Silo} with epoch {Epoch}")]
    private static partial void LogActivated(ILogger logger, string documentId, string silo, string epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: gateway node {NodeId} renewed a lapsed subscription (epoch {Epoch}); it resyncs its peers")]
    private static partial void LogSubscriptionLapsed(ILogger logger, string documentId, string nodeId, string epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: updates came through gateway node {NodeId}, which holds no live subscription (epoch {Epoch}); it is told to repair")]
    private static partial void LogUnsubscribedNodeWrote(ILogger logger, string documentId, string nodeId, string epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId}: version {VersionId} restored by {UserId}")]
    private static partial void LogRestored(ILogger logger, string documentId, string versionId, string userId);
}
