using System.Collections.Immutable;
using CoPLive.Identity;
using CoPLive.Rooms;
using Orleans.Concurrency;

namespace CoPLive.Documents;

/// <summary>
/// A co-edited Yjs document of a community (a text or a whiteboard); keyed by the document id. It owns the
/// document's metadata and audience, its durable update log and compacted snapshot, its versions, and decides who
/// may read (community membership and the audience) and write (no guests; only the stage when "stage only").
/// Accepted updates are relayed at once to the gateway nodes that subscribed and acknowledged once committed.
/// </summary>
[Alias("CoPLive.IDocumentGrain")]
public interface IDocumentGrain : IGrainWithStringKey
{
    /// <summary>Creates the document in a community; guests may not.</summary>
    [Alias("Create")]
    Task<DocumentDetails> CreateAsync(string communityId, NewDocument document, MemberIdentity creator);

    /// <summary>The document's metadata; not-found for anyone outside the community or the audience.</summary>
    [Alias("Get")]
    Task<DocumentDetails> GetAsync(MemberIdentity viewer);

    /// <summary>
    /// The document for its community's list (<see cref="IDocumentListGrain"/>), whoever asks: the list decides who
    /// sees it. Null if the document does not exist. Interleaves, so a list that builds itself never waits on a
    /// document that waits on the list.
    /// </summary>
    [AlwaysInterleave, Alias("GetListing")]
    Task<DocumentListing?> GetListingAsync();

    /// <summary>Checks that <paramref name="member"/> may be in the document's room ("document:{id}") for presence.</summary>
    [Alias("AuthorizeRoomEntry")]
    Task<RoomAccess> AuthorizeRoomEntryAsync(MemberIdentity member);

    /// <summary>
    /// Opens the document for a reader: what it lacks for <paramref name="stateVector"/> (empty or null: the whole
    /// document), the updates not yet compacted, and the server's state vector.
    /// </summary>
    [Alias("Open")]
    Task<DocumentOpened> OpenAsync(MemberIdentity member, byte[]? stateVector);

    /// <summary>
    /// Applies updates from one connection of gateway node <paramref name="originNodeId"/> (null: not through a node):
    /// checks the writer, the bytes (invalid-update), the sizes (too-large), relays them at once to the subscribed
    /// nodes, and returns once they are committed to storage (group commit: all that arrive while a write is in flight
    /// go in the next transaction). Answers with the log position of the last one, the activation's epoch, and whether
    /// the origin node holds a live subscription (if not, it repairs it at once).
    /// Interleaves: one batch at a time passes the check and changes the in-memory log (a gate in the grain), and the
    /// gate is released before the commit is awaited, so concurrent batches commit together.
    /// </summary>
    [AlwaysInterleave, Alias("ApplyNodeUpdates")]
    Task<DocumentUpdatesCommitted> ApplyUpdatesAsync(MemberIdentity member, string? originNodeId, string? originConnectionId, ImmutableArray<byte[]> updates);

    /// <summary>
    /// Relays one tick of a node's coalesced awareness to every subscribed node. One-way and interleaving:
    /// awareness is ephemeral, touches no state but the subscriber list, and must never wait behind a write.
    /// </summary>
    [OneWay, AlwaysInterleave, Alias("RelayAwareness")]
    Task RelayAwarenessAsync(DocumentAwarenessRelayed awareness);

    /// <summary>Subscribes a gateway node's observer for <paramref name="lifetime"/> (renew before it ends); returns the activation's epoch.</summary>
    [Alias("Subscribe")]
    Task<string> SubscribeAsync(string nodeId, IDocumentObserver observer, TimeSpan lifetime);

    /// <summary>
    /// Renews a gateway node's subscription, as <see cref="SubscribeAsync"/> does, and says whether it had lapsed (this
    /// activation held no live subscription of the node: it expired, or the grain was activated anew). Either way the
    /// grain relayed nothing to the node meanwhile, and the node resyncs its local peers.
    /// </summary>
    [Alias("RenewSubscription")]
    Task<DocumentSubscription> RenewSubscriptionAsync(string nodeId, IDocumentObserver observer, TimeSpan lifetime);

    /// <summary>Ends a node's subscription (its last local connection closed).</summary>
    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(string nodeId);

    /// <summary>Exports the current document: <c>markdown</c> for a text, <c>svg</c> for a whiteboard.</summary>
    [Alias("Export")]
    Task<DocumentExport> ExportAsync(MemberIdentity viewer, string format);

    /// <summary>Saves the current state as a named version (writers only).</summary>
    [Alias("SaveVersion")]
    Task<DocumentVersion> SaveVersionAsync(MemberIdentity member, string name);

    /// <summary>The document's versions, oldest first.</summary>
    [Alias("ListVersions")]
    Task<ImmutableArray<DocumentVersion>> ListVersionsAsync(MemberIdentity viewer);

    /// <summary>One version, read-only.</summary>
    [Alias("GetVersion")]
    Task<DocumentVersionView> GetVersionAsync(MemberIdentity viewer, string versionId);

    /// <summary>
    /// Restores a version as a new change that everyone receives (never a rewind of others' clients); the state before
    /// it is saved as a version first. Writers only. Returns the log position of the restoring update.
    /// </summary>
    [Alias("RestoreVersion")]
    Task<long> RestoreVersionAsync(MemberIdentity member, string versionId);

    /// <summary>From a meetup that links this document: only its stage (host and speakers) may write while <paramref name="stageOnly"/>.</summary>
    [Alias("SetStageOnly")]
    Task SetStageOnlyAsync(string meetupId, bool stageOnly);

    /// <summary>
    /// From a meetup that links this document, when it ends: saves a version (if anything changed since the last) and
    /// returns the id of the version that holds the document as it is at the end (null while it has none).
    /// </summary>
    [Alias("MeetupEnded")]
    Task<string?> MeetupEndedAsync(string meetupId, string meetupTitle);

    /// <summary>
    /// From the community: these members' access ended (removed, left, organization withdrawn). Their open sessions on
    /// every node end at once, and they leave the document's room.
    /// </summary>
    /// <summary>
    /// The document's creator or a coordinator changes its audience (null: the whole community); open sessions and
    /// presence outside it end at once, as for a removed member.
    /// </summary>
    [Alias("SetAudience")]
    Task<DocumentDetails> SetAudienceAsync(MemberIdentity caller, Communities.Audience? audience);

    [Alias("Revoke")]
    Task RevokeAsync(RoomRevocation revocation);

    /// <summary>Bytes the document holds in storage (snapshot and log), for operators and the benchmark.</summary>
    [Alias("GetStoredBytes")]
    Task<long> GetStoredBytesAsync();

    /// <summary>
    /// The document's ended editing sessions as the <c>document-edit-session</c> events they were published as (stored
    /// beside the document), oldest first; empty if the document does not exist. For the community's analytics rebuild only.
    /// </summary>
    [Alias("ReplayActivity")]
    Task<ImmutableArray<Activity.ActivityEvent>> ReplayActivityAsync();
}
