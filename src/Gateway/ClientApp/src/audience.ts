// The audience picker the threads and documents forms share: one checkbox per admitted organization, none
// ticked meaning the whole community.
import type { Audience, Community } from "./contracts";
import { organizationName } from "./organizations";
import { h } from "./view";

export function audienceFieldset(community: Community, name: string, legend: string): HTMLFieldSetElement {
  return h(
    "fieldset",
    null,
    h("legend", null, `${legend}: leave all unticked for the whole community`),
    community.organizations.map((o) => h("label", { class: "check" }, h("input", { type: "checkbox", name, value: o.organizationId }), organizationName(o.organizationId))),
  );
}

/** The audience ticked in <paramref name="form"/>, or null (the whole community). */
export function chosenAudience(form: HTMLFormElement, name: string): Audience | null {
  const organizations = [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
  return organizations.length > 0 ? { organizations } : null;
}
