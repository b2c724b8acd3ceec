// Organization names, looked up once per id (GET /api/organizations/{id}) and shown instead of ids when known.
import { get } from "./api";
import type { Organization } from "./contracts";

const names = new Map<string, string>();
const asked = new Set<string>();
const listeners = new Set<() => void>();

export function organizationName(id: string): string {
  if (!asked.has(id)) {
    asked.add(id);
    get<Organization>(`/api/organizations/${encodeURIComponent(id)}`)
      .then((organization) => {
        if (organization.name !== id) {
          names.set(id, organization.name);
          listeners.forEach((listener) => listener());
        }
      })
      .catch(() => asked.delete(id));
  }
  return names.get(id) ?? id;
}

/** Called when a name arrives, so a screen can show it. */
export function onOrganizationNames(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
