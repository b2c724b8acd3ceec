// A toolbar is one tab stop (WAI-ARIA toolbar pattern, roving tabindex): Tab enters it on the last button used,
// the arrow keys (and Home, End) move between its buttons, Tab leaves it. Buttons added later (presenting) join.

export function rovingToolbar(toolbar: HTMLElement): void {
  let current: HTMLButtonElement | null = null;
  const buttons = () => [...toolbar.querySelectorAll<HTMLButtonElement>("button")].filter((b) => !b.disabled && !b.hidden);
  const sync = () => {
    const all = buttons();
    if (!current || !all.includes(current)) {
      current = all[0] ?? null;
    }
    for (const b of all) {
      b.tabIndex = b === current ? 0 : -1;
    }
  };
  toolbar.addEventListener("focusin", (event) => {
    if (event.target instanceof HTMLButtonElement) {
      current = event.target;
      sync();
    }
  });
  toolbar.addEventListener("keydown", (event) => {
    const all = buttons();
    const at = current ? all.indexOf(current) : -1;
    const next =
      event.key === "ArrowRight" || event.key === "ArrowDown" ? all[(at + 1) % all.length]
      : event.key === "ArrowLeft" || event.key === "ArrowUp" ? all[(at - 1 + all.length) % all.length]
      : event.key === "Home" ? all[0]
      : event.key === "End" ? all[all.length - 1]
      : undefined;
    if (next && event.target instanceof HTMLButtonElement) {
      event.preventDefault();
      next.focus();
    }
  });
  new MutationObserver(sync).observe(toolbar, { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled", "hidden"] });
  sync();
}
