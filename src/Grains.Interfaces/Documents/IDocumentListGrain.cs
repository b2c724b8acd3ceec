using System.Collections.Immutable;
using CoPLive.Identity;

namespace CoPLive.Documents;

/// <summary>
/// A community's documents as its list shows them; keyed by the community id. The document grains hand in their
/// listing after each change that shows in a list (creation, audience, stage only), so a list reads this one grain
/// instead of asking every document (and activating every document from storage). Derived data: the document grains
/// are the authority.
/// </summary>
[Alias("CoPLive.IDocumentListGrain")]
public interface IDocumentListGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a document's listing; a listing the list already holds writes nothing.</summary>
    [Alias("Put")]
    Task PutAsync(DocumentListing listing);

    /// <summary>
    /// The documents <paramref name="viewer"/> may see (a member of the community, in each document's audience), by
    /// title, each with whether the viewer may write it; not-found or forbidden outside the community, as the
    /// community answers.
    /// </summary>
    [Alias("List")]
    Task<ImmutableArray<DocumentDetails>> ListAsync(MemberIdentity viewer);

    /// <summary>
    /// Asks every document of the community for its listing again and keeps exactly those: the repair for a list that
    /// a failed hand-in left behind (coordinators; not-found or forbidden as the community answers). Returns how many
    /// documents the list holds after it.
    /// </summary>
    [Alias("Reindex")]
    Task<int> ReindexAsync(MemberIdentity caller);
}
