// The copies of documents kept on this device (y-indexeddb, one database per person and document:
// coplive:{userId}:{documentId}, and the document's details in localStorage under the same name, so that the page
// opens offline), deleted when that person signs out, so a shared computer keeps nobody's documents.
import type { DocumentDetails } from "./contracts";

/** What the names of one person's local copies start with (live-document.ts names each copy). */
export const localStorePrefix = (userId: string) => `coplive:${userId}:`;

/** Deletes every local copy of <paramref name="userId"/>'s documents; resolves when they are gone (or after a bound, if a tab still holds one open). */
export async function forgetLocalCopies(userId: string): Promise<void> {
  const prefix = localStorePrefix(userId);
  for (const key of Object.keys(localStorage).filter((k) => k.startsWith(prefix))) {
    localStorage.removeItem(key);
  }
  if (!indexedDB.databases) {
    return;
  }
  const names = (await indexedDB.databases()).map((d) => d.name).filter((name): name is string => !!name?.startsWith(prefix));
  await Promise.all(names.map(deleteDatabase));
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Blocked: a copy still open in another tab of this person; it is deleted once that tab closes it.
    request.onblocked = () => setTimeout(resolve, 2000);
  });
}

const detailsKey = (userId: string, documentId: string) => `${localStorePrefix(userId)}${documentId}:details`;

/** Keeps a document's details (title, kind, whether one may write) for opening it offline. */
export function keepDetails(userId: string, details: DocumentDetails): void {
  try {
    localStorage.setItem(detailsKey(userId, details.id), JSON.stringify(details));
  } catch {
    // Storage full or refused: the page then needs the network to open, as before.
  }
}

/** The details kept when the document was last opened online, if any. */
export function keptDetails(userId: string, documentId: string): DocumentDetails | null {
  const text = localStorage.getItem(detailsKey(userId, documentId));
  return text ? (JSON.parse(text) as DocumentDetails) : null;
}
