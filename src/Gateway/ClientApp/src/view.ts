// A tiny view helper: h("button", { class: "primary", onclick: go }, "Join") builds DOM nodes directly.
// Screens re-render their own parts by replacing children; there is no virtual DOM and no framework.

export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: Event) => void;
export type Props = Record<string, string | number | boolean | Handler | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (typeof value === "function") {
      element.addEventListener(key.replace(/^on/, ""), value);
    } else if (key === "class") {
      element.className = String(value);
    } else if (key === "value" && (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) {
      element.value = String(value);
    } else {
      element.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else {
      parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** Replaces what <paramref name="parent"/> shows. */
export function mount(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let fieldIds = 0;

/** A labelled form field: the label names the control and a hint describes it, for screen readers and tests. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `field-${++fieldIds}`;
  control.id = id;
  const hintElement = hint ? h("small", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintElement) {
    control.setAttribute("aria-describedby", hintElement.id);
  }
  return h("div", { class: "field" }, h("label", { class: "field-label", for: id }, label), control, hintElement);
}

/** The values of a form's named controls. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    values[key] = typeof value === "string" ? value.trim() : "";
  });
  return values;
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A stable colour per organization, so the same organization looks the same everywhere. */
export function organizationHue(organizationId: string): number {
  let hash = 0;
  for (const char of organizationId) {
    hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  }
  return hash % 360;
}

export function orgBadge(organizationId: string, name?: string): HTMLElement {
  return h("span", { class: "org", style: `--org-hue: ${organizationHue(organizationId)}`, "data-org": organizationId }, name ?? organizationId);
}

/** A list of <paramref name="items"/>, or a muted sentence when there are none. */
export function listOr<T>(items: readonly T[], empty: string, props: Props, item: (value: T) => Child): HTMLElement {
  return items.length === 0 ? h("p", { class: "muted" }, empty) : h("ol", props, items.map(item));
}
