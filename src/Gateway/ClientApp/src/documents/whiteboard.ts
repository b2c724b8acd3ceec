// A minimal whiteboard over the Y.Map "elements" (schema in docs/whiteboard.md): pen strokes and sticky notes,
// select, move and delete, undo and redo with Y.UndoManager (only this person's own changes). Everyone's
// changes arrive through the same Yjs document, so the board re-draws whenever the map changes.
import * as Y from "yjs";
import { h } from "../view";

const svgNs = "http://www.w3.org/2000/svg";
type Point = [number, number];
type Tool = "select" | "pen" | "sticky";
interface Element { type: string; points?: Array<Point | { x: number; y: number }>; x?: number; y?: number; width?: number; height?: number; text?: string; color?: string; stroke?: string; strokeWidth?: number; z?: number; fontSize?: number; createdBy?: string }

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, String(value));
  }
  return element;
}

const points = (e: Element): Point[] => (e.points ?? []).map((p) => (Array.isArray(p) ? p : [p.x, p.y]));

/** Mounts the board into <paramref name="host"/>; returns what to call when the page closes. */
export function whiteboard(host: HTMLElement, doc: Y.Doc, options: { canWrite: boolean; userId: string; color: string }): () => void {
  const elements = doc.getMap<Element>("elements");
  const undo = new Y.UndoManager(elements);
  let tool: Tool = options.canWrite ? "pen" : "select";
  let selected: string | null = null;
  let counter = 0;
  const newId = () => `${doc.clientID}-${Date.now().toString(36)}-${++counter}`;

  const board = svg("svg", { viewBox: "0 0 1600 1000", class: "board", role: "img", "aria-label": "Whiteboard", "data-testid": "board", tabindex: 0 });
  const layer = svg("g", {});
  const draft = svg("polyline", { fill: "none", stroke: options.color, "stroke-width": 3, "stroke-linecap": "round", "stroke-linejoin": "round" });
  board.append(svg("rect", { x: 0, y: 0, width: 1600, height: 1000, fill: "transparent", class: "board-bg" }), layer, draft);

  const buttons = new Map<string, HTMLButtonElement>();
  const toolButton = (t: Tool, label: string) => {
    const b = h("button", { type: "button", "aria-pressed": String(tool === t), onclick: () => setTool(t) }, label);
    buttons.set(t, b);
    return b;
  };
  const undoButton = h("button", { type: "button", onclick: () => undo.undo() }, "Undo");
  const redoButton = h("button", { type: "button", onclick: () => undo.redo() }, "Redo");
  const deleteButton = h("button", { type: "button", class: "danger", onclick: () => removeSelected() }, "Delete");
  const toolbar = h(
    "div",
    { class: "board-toolbar", role: "toolbar", "aria-label": "Whiteboard tools" },
    toolButton("select", "Select"),
    options.canWrite ? [toolButton("pen", "Pen"), toolButton("sticky", "Sticky note"), deleteButton, undoButton, redoButton] : null,
  );
  host.replaceChildren(toolbar, h("div", { class: "board-frame" }, board));

  const setTool = (t: Tool) => {
    tool = t;
    buttons.forEach((b, key) => b.setAttribute("aria-pressed", String(key === t)));
  };

  const renderButtons = () => {
    undoButton.disabled = undo.undoStack.length === 0;
    redoButton.disabled = undo.redoStack.length === 0;
    deleteButton.disabled = !selected || !elements.has(selected);
  };

  const render = () => {
    layer.replaceChildren();
    const ordered = [...elements.entries()].sort(([a, x], [b, y]) => (x.z ?? 0) - (y.z ?? 0) || a.localeCompare(b));
    for (const [id, e] of ordered) {
      const node = draw(e);
      if (!node) {
        continue;
      }
      node.setAttribute("data-id", id);
      node.setAttribute("data-type", e.type);
      if (id === selected) {
        node.classList.add("selected");
      }
      layer.append(node);
    }
    renderButtons();
  };

  const draw = (e: Element): SVGElement | null => {
    const stroke = e.stroke ?? (e.type === "sticky" ? undefined : e.color) ?? "#1f2937";
    switch (e.type) {
      case "stroke": {
        const p = points(e);
        return p.length < 2 ? null : svg("polyline", { points: p.map(([x, y]) => `${x},${y}`).join(" "), fill: "none", stroke, "stroke-width": e.strokeWidth ?? 2, "stroke-linecap": "round", "stroke-linejoin": "round" });
      }
      case "sticky": {
        const g = svg("g", {});
        const width = e.width ?? 160;
        const height = e.height ?? 160;
        g.append(svg("rect", { x: e.x ?? 0, y: e.y ?? 0, width, height, fill: e.color ?? "#fde68a", stroke: "#d4b24c", rx: 4 }));
        (e.text ?? "").split("\n").forEach((line, i) => {
          const t = svg("text", { x: (e.x ?? 0) + 10, y: (e.y ?? 0) + 26 + i * 20, "font-size": 16, fill: "#1f2937" });
          t.textContent = line;
          g.append(t);
        });
        return g;
      }
      case "shape":
        return e.width && e.height ? svg("rect", { x: e.x ?? 0, y: e.y ?? 0, width: e.width, height: e.height, fill: "none", stroke, "stroke-width": e.strokeWidth ?? 2 }) : null;
      case "text": {
        const t = svg("text", { x: e.x ?? 0, y: e.y ?? 0, "font-size": e.fontSize ?? 16, fill: e.color ?? "#1f2937" });
        t.textContent = e.text ?? "";
        return t;
      }
      default:
        return null;
    }
  };

  const at = (event: PointerEvent): Point => {
    const matrix = board.getScreenCTM()!.inverse();
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    return [Math.round(p.x), Math.round(p.y)];
  };

  const removeSelected = () => {
    if (selected && elements.has(selected)) {
      doc.transact(() => elements.delete(selected!));
    }
    selected = null;
    render();
  };

  let stroke: Point[] | null = null;
  let drag: { id: string; from: Point; node: SVGElement } | null = null;

  board.addEventListener("pointerdown", (event) => {
    const point = at(event);
    board.setPointerCapture(event.pointerId);
    if (tool === "pen" && options.canWrite) {
      stroke = [point];
      draft.setAttribute("points", `${point[0]},${point[1]}`);
    } else if (tool === "sticky" && options.canWrite) {
      const text = window.prompt("Sticky note text", "") ?? "";
      doc.transact(() => elements.set(newId(), { type: "sticky", x: point[0], y: point[1], text, createdBy: options.userId }));
      setTool("select");
    } else {
      const target = (event.target as SVGElement).closest("[data-id]");
      selected = target?.getAttribute("data-id") ?? null;
      render();
      const node = selected ? layer.querySelector<SVGElement>(`[data-id="${CSS.escape(selected)}"]`) : null;
      drag = selected && node && options.canWrite ? { id: selected, from: point, node } : null;
    }
  });
  board.addEventListener("pointermove", (event) => {
    if (stroke) {
      stroke.push(at(event));
      draft.setAttribute("points", stroke.map(([x, y]) => `${x},${y}`).join(" "));
    } else if (drag) {
      const [x, y] = at(event);
      drag.node.setAttribute("transform", `translate(${x - drag.from[0]} ${y - drag.from[1]})`);
    }
  });
  board.addEventListener("pointerup", (event) => {
    if (stroke) {
      const done = stroke;
      stroke = null;
      draft.setAttribute("points", "");
      if (done.length >= 2) {
        doc.transact(() => elements.set(newId(), { type: "stroke", points: done, stroke: options.color, strokeWidth: 3, createdBy: options.userId }));
      }
    } else if (drag) {
      const [x, y] = at(event);
      const [dx, dy] = [x - drag.from[0], y - drag.from[1]];
      const e = elements.get(drag.id);
      drag = null;
      if (e && (dx !== 0 || dy !== 0)) {
        const moved: Element = e.type === "stroke" ? { ...e, points: points(e).map(([px, py]) => [px + dx, py + dy]) } : { ...e, x: (e.x ?? 0) + dx, y: (e.y ?? 0) + dy };
        doc.transact(() => elements.set(selected!, moved));
      } else {
        render();
      }
    }
  });
  board.addEventListener("keydown", (event) => {
    if ((event.key === "Delete" || event.key === "Backspace") && options.canWrite) {
      removeSelected();
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z") {
      event.preventDefault();
      if (event.shiftKey) {
        undo.redo();
      } else {
        undo.undo();
      }
    }
  });

  elements.observe(render);
  undo.on("stack-item-added", renderButtons);
  undo.on("stack-item-popped", renderButtons);
  render();
  return () => {
    elements.unobserve(render);
    undo.destroy();
  };
}
