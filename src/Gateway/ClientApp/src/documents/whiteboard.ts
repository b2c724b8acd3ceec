// The whiteboard over the Y.Map "elements" (schema in docs/whiteboard.md): pen strokes, shapes (rectangle,
// ellipse, diamond; drag to size), text and sticky notes (typed in place), connectors between elements, select,
// move and delete, undo and redo with Y.UndoManager (only this person's own changes). Everyone's changes arrive
// through the same Yjs document, so the board re-draws whenever the map changes. Through y-websocket awareness
// each person publishes where their pointer is on the board (`pointer`, board units, throttled) and, while
// presenting, their viewport (`viewport`); others draw the pointers with name and organization colour and may
// follow a presenter's viewport until they pan or zoom themselves.
import * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { h } from "../view";
import { rovingToolbar } from "./roving-toolbar";

const svgNs = "http://www.w3.org/2000/svg";
/** The board's frame at 100 % zoom, in board units (the frame keeps this aspect ratio). */
const baseWidth = 1600;
const baseHeight = 1000;
const pointerInterval = 50;
type Point = [number, number];
type ShapeKind = "rectangle" | "ellipse" | "diamond";
type Tool = "select" | "hand" | "pen" | ShapeKind | "text" | "sticky" | "connector";
type End = string | { x: number; y: number };
interface BoardElement {
  type: string;
  points?: Array<Point | { x: number; y: number }>;
  shape?: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  text?: string;
  color?: string;
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  z?: number;
  fontSize?: number;
  from?: End;
  to?: End;
  arrow?: boolean;
  createdBy?: string;
}
interface Viewport { x: number; y: number; zoom: number }
interface BoardUser { name: string; color: string; organizationId: string }
interface BoardState { user?: BoardUser; pointer?: { x: number; y: number } | null; viewport?: Viewport | null }

export interface WhiteboardOptions {
  canWrite: boolean;
  /** Whether this person may present their viewport to the others (in a meetup: the host and speakers). */
  canPresent: boolean;
  userId: string;
  /** The organization's colour as #rrggbb (the schema takes only plain colours). */
  color: string;
}

const tools: Array<{ tool: Tool; label: string; key: string; write: boolean }> = [
  { tool: "select", label: "Select", key: "v", write: false },
  { tool: "hand", label: "Hand", key: "h", write: false },
  { tool: "pen", label: "Pen", key: "p", write: true },
  { tool: "rectangle", label: "Rectangle", key: "r", write: true },
  { tool: "ellipse", label: "Ellipse", key: "o", write: true },
  { tool: "diamond", label: "Diamond", key: "d", write: true },
  { tool: "text", label: "Text", key: "t", write: true },
  { tool: "sticky", label: "Sticky note", key: "s", write: true },
  { tool: "connector", label: "Connector", key: "c", write: true },
];

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, String(value));
  }
  return element;
}

const points = (e: BoardElement): Point[] => (e.points ?? []).map((p) => (Array.isArray(p) ? p : [p.x, p.y]));
const plain = (value: unknown): BoardElement => (value instanceof Y.Map ? (value.toJSON() as BoardElement) : (value as BoardElement));
const round = (n: number) => Math.round(n * 100) / 100;

/** A connector's end as the server's SVG export finds it: the centre of the named element's box (160 x 160 by default), or the point. */
function endpoint(end: End | undefined, byId: Map<string, BoardElement>): Point | null {
  if (typeof end === "string") {
    const e = byId.get(end);
    if (!e || typeof e.x !== "number" || typeof e.y !== "number") {
      return null;
    }
    return [e.x + (e.width ?? 160) / 2, e.y + (e.height ?? 160) / 2];
  }
  return end && typeof end.x === "number" && typeof end.y === "number" ? [end.x, end.y] : null;
}

function shapeNode(kind: string, x: number, y: number, width: number, height: number, attributes: Record<string, string | number>): SVGElement {
  if (kind === "ellipse") {
    return svg("ellipse", { cx: x + width / 2, cy: y + height / 2, rx: width / 2, ry: height / 2, ...attributes });
  }
  if (kind === "diamond") {
    return svg("polygon", { points: `${x + width / 2},${y} ${x + width},${y + height / 2} ${x + width / 2},${y + height} ${x},${y + height / 2}`, ...attributes });
  }
  return svg("rect", { x, y, width, height, ...attributes });
}

/** Mounts the board into <paramref name="host"/>; returns what to call when the page closes. */
export function whiteboard(host: HTMLElement, doc: Y.Doc, awareness: Awareness, options: WhiteboardOptions): () => void {
  const elements = doc.getMap<unknown>("elements");
  const undo = new Y.UndoManager(elements);
  let tool: Tool = options.canWrite ? "pen" : "select";
  let selected: string | null = null;
  let counter = 0;
  let view: Viewport = { x: 0, y: 0, zoom: 1 };
  let presenting = false;
  let following: number | null = null;
  const newId = () => `${doc.clientID}-${Date.now().toString(36)}-${++counter}`;
  const element = (id: string) => (elements.has(id) ? plain(elements.get(id)) : undefined);
  const write = (id: string, e: BoardElement) => doc.transact(() => elements.set(id, e));

  const board = svg("svg", { class: "board", role: "application", "aria-label": "Whiteboard: arrow keys pan, + and - zoom, letters choose tools", "aria-roledescription": "whiteboard", "data-testid": "board", tabindex: 0 });
  const defs = svg("defs", {});
  const marker = svg("marker", { id: `arrow-${doc.clientID}`, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse" });
  marker.append(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "context-stroke" }));
  defs.append(marker);
  const layer = svg("g", { class: "board-elements" });
  const draft = svg("g", { class: "board-draft" });
  const pointers = svg("g", { class: "board-pointers", "aria-hidden": "true" });
  board.append(defs, svg("rect", { x: -50000, y: -50000, width: 100000, height: 100000, fill: "transparent", class: "board-bg" }), layer, draft, pointers);

  const status = h("p", { class: "board-status muted", role: "status", "aria-live": "polite", "data-testid": "board-status" });
  const buttons = new Map<Tool, HTMLButtonElement>();
  const toolButton = (t: (typeof tools)[number]) => {
    const b = h("button", { type: "button", "aria-pressed": String(tool === t.tool), "aria-keyshortcuts": t.key.toUpperCase(), title: `${t.label} (${t.key.toUpperCase()})`, onclick: () => setTool(t.tool) }, t.label);
    buttons.set(t.tool, b);
    return b;
  };
  const action = (label: string, onclick: () => void, extra: Record<string, string> = {}) => h("button", { type: "button", onclick, ...extra }, label);
  const undoButton = action("Undo", () => undo.undo(), { "aria-keyshortcuts": "Control+Z", title: "Undo (Ctrl+Z)" });
  const redoButton = action("Redo", () => undo.redo(), { "aria-keyshortcuts": "Control+Shift+Z", title: "Redo (Ctrl+Shift+Z)" });
  const deleteButton = action("Delete", () => removeSelected(), { class: "danger", "aria-keyshortcuts": "Delete", title: "Delete the selected element (Delete)" });
  const viewButtons = h(
    "div",
    { class: "board-group", role: "group", "aria-label": "View" },
    action("Zoom in", () => zoomAt(centre(), 1.25), { "aria-keyshortcuts": "+", title: "Zoom in (+)" }),
    action("Zoom out", () => zoomAt(centre(), 0.8), { "aria-keyshortcuts": "-", title: "Zoom out (-)" }),
    action("Reset view", () => userSetView({ x: 0, y: 0, zoom: 1 }), { "aria-keyshortcuts": "0", title: "Reset the view (0)" }),
    action("←", () => panBy(-1, 0), { "aria-label": "Pan left" }),
    action("→", () => panBy(1, 0), { "aria-label": "Pan right" }),
    action("↑", () => panBy(0, -1), { "aria-label": "Pan up" }),
    action("↓", () => panBy(0, 1), { "aria-label": "Pan down" }),
  );
  const zoomLabel = h("span", { class: "tag", "data-testid": "zoom" });
  const presentHost = h("div", { class: "board-group", role: "group", "aria-label": "Presenting" });
  const toolbar = h(
    "div",
    { class: "board-toolbar", role: "toolbar", "aria-label": "Whiteboard tools" },
    h("div", { class: "board-group", role: "group", "aria-label": "Tools" }, tools.filter((t) => options.canWrite || !t.write).map(toolButton)),
    options.canWrite ? h("div", { class: "board-group", role: "group", "aria-label": "Edit" }, deleteButton, undoButton, redoButton) : null,
    viewButtons,
    zoomLabel,
    presentHost,
  );
  rovingToolbar(toolbar);
  const frame = h("div", { class: "board-frame" }, board);
  const root = h("div", { class: "whiteboard" }, toolbar, frame, status);
  host.replaceChildren(root);

  const say = (text: string) => (status.textContent = text);

  const setTool = (t: Tool) => {
    tool = t;
    buttons.forEach((b, key) => b.setAttribute("aria-pressed", String(key === t)));
    board.dataset.tool = t;
  };
  setTool(tool);

  // ---- the viewport --------------------------------------------------------------------------------------

  const applyView = () => {
    board.setAttribute("viewBox", `${round(view.x)} ${round(view.y)} ${round(baseWidth / view.zoom)} ${round(baseHeight / view.zoom)}`);
    board.dataset.viewport = `${round(view.x)},${round(view.y)},${round(view.zoom)}`;
    zoomLabel.textContent = `${Math.round(view.zoom * 100)} %`;
    renderPointers();
    if (presenting) {
      awareness.setLocalStateField("viewport", { ...view });
    }
  };
  /** A change of view this person made: it ends following someone. */
  const userSetView = (next: Viewport) => {
    if (following !== null) {
      const name = stateOf(following)?.user?.name ?? "the presenter";
      following = null;
      say(`You stopped following ${name}.`);
      renderPresenters(true);
    }
    view = next;
    applyView();
  };
  const centre = (): Point => [view.x + baseWidth / view.zoom / 2, view.y + baseHeight / view.zoom / 2];
  const zoomAt = ([px, py]: Point, factor: number) => {
    const zoom = Math.min(8, Math.max(0.1, view.zoom * factor));
    userSetView({ x: px - ((px - view.x) * view.zoom) / zoom, y: py - ((py - view.y) * view.zoom) / zoom, zoom });
  };
  const panBy = (dx: number, dy: number) => userSetView({ ...view, x: view.x + (dx * baseWidth) / view.zoom / 8, y: view.y + (dy * baseHeight) / view.zoom / 8 });

  // ---- drawing the elements ------------------------------------------------------------------------------

  const renderButtons = () => {
    undoButton.disabled = undo.undoStack.length === 0;
    redoButton.disabled = undo.redoStack.length === 0;
    deleteButton.disabled = !selected || !elements.has(selected);
  };

  const render = () => {
    const byId = new Map<string, BoardElement>();
    elements.forEach((value, id) => byId.set(id, plain(value)));
    const ordered = [...byId.entries()].sort(([a, x], [b, y]) => (x.z ?? 0) - (y.z ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    layer.replaceChildren();
    for (const [id, e] of ordered) {
      const node = draw(e, byId);
      if (!node) {
        continue;
      }
      node.setAttribute("data-id", id);
      node.setAttribute("data-type", e.type);
      if (e.type === "shape") {
        node.setAttribute("data-shape", e.shape ?? "rectangle");
      }
      if (id === selected) {
        node.classList.add("selected");
      }
      layer.append(node);
    }
    renderButtons();
  };

  const markSelected = () => {
    layer.querySelectorAll(".selected").forEach((node) => node.classList.remove("selected"));
    if (selected) {
      layer.querySelector(`[data-id="${CSS.escape(selected)}"]`)?.classList.add("selected");
    }
    renderButtons();
  };

  const label = (x: number, y: number, text: string, attributes: Record<string, string | number>) => {
    const t = svg("text", { x, y, ...attributes });
    t.textContent = text;
    return t;
  };

  const draw = (e: BoardElement, byId: Map<string, BoardElement>): SVGElement | null => {
    const stroke = e.stroke ?? (e.type === "sticky" ? undefined : e.color) ?? "#1f2937";
    const strokeWidth = e.strokeWidth ?? 2;
    switch (e.type) {
      case "stroke": {
        const p = points(e);
        return p.length < 2 ? null : svg("polyline", { points: p.map(([x, y]) => `${x},${y}`).join(" "), fill: "none", stroke, "stroke-width": strokeWidth, "stroke-linecap": "round", "stroke-linejoin": "round" });
      }
      case "sticky": {
        const g = svg("g", {});
        const [x, y, width, height] = [e.x ?? 0, e.y ?? 0, e.width ?? 160, e.height ?? 160];
        g.append(svg("rect", { x, y, width, height, fill: e.color ?? "#fde68a", stroke: "#d4b24c", rx: 4 }));
        (e.text ?? "").split("\n").forEach((line, i) => g.append(label(x + 10, y + 26 + i * 20, line, { "font-size": 16, fill: "#1f2937" })));
        return g;
      }
      case "shape": {
        if (!(typeof e.width === "number" && e.width > 0 && typeof e.height === "number" && e.height > 0)) {
          return null;
        }
        const [x, y] = [e.x ?? 0, e.y ?? 0];
        const g = svg("g", {});
        g.append(shapeNode(e.shape ?? "rectangle", x, y, e.width, e.height, { fill: e.fill ?? "transparent", stroke, "stroke-width": strokeWidth }));
        if (e.text) {
          g.append(label(x + e.width / 2, y + e.height / 2, e.text, { "font-size": 16, fill: "#1f2937", "text-anchor": "middle", "dominant-baseline": "middle" }));
        }
        return g;
      }
      case "text":
        return label(e.x ?? 0, e.y ?? 0, e.text ?? "", { "font-size": e.fontSize ?? 16, fill: e.color ?? "#1f2937" });
      case "connector": {
        const a = endpoint(e.from, byId);
        const b = endpoint(e.to, byId);
        if (!a || !b) {
          return null;
        }
        const g = svg("g", {});
        // A wide transparent line under the visible one, so a thin connector is easy to select.
        g.append(svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: "transparent", "stroke-width": 12 }));
        const line = svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke, "stroke-width": strokeWidth });
        if (e.arrow !== false) {
          line.setAttribute("marker-end", `url(#${marker.id})`);
        }
        g.append(line);
        return g;
      }
      default:
        return null;
    }
  };

  // ---- editing ------------------------------------------------------------------------------------------

  const at = (event: { clientX: number; clientY: number }): Point => {
    const matrix = board.getScreenCTM()!.inverse();
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    return [Math.round(p.x), Math.round(p.y)];
  };
  const toScreen = ([x, y]: Point): Point => {
    const p = new DOMPoint(x, y).matrixTransform(board.getScreenCTM()!);
    const f = frame.getBoundingClientRect();
    return [p.x - f.left, p.y - f.top];
  };
  const scale = () => board.getScreenCTM()?.a ?? 1;

  const removeSelected = () => {
    if (selected && elements.has(selected)) {
      const id = selected;
      doc.transact(() => elements.delete(id));
    }
    selected = null;
    render();
  };

  /** Text typed in place: an input (or, for a sticky note, a text area) over the board where the text goes. */
  let editor: { input: HTMLInputElement | HTMLTextAreaElement; done: (commit: boolean) => void } | null = null;
  const editText = (where: Point, size: Point | null, initial: string, multiline: boolean, fieldLabel: string, commit: (text: string) => void) => {
    editor?.done(true);
    const [left, top] = toScreen(where);
    const s = scale();
    const input = multiline ? h("textarea", { class: "board-input", "aria-label": fieldLabel, rows: 4 }) : h("input", { class: "board-input", "aria-label": fieldLabel, autocomplete: "off" });
    input.value = initial;
    Object.assign(input.style, { left: `${left}px`, top: `${top}px`, fontSize: `${Math.max(12, 16 * s)}px`, width: `${Math.max(140, (size?.[0] ?? 220) * s)}px` }, size ? { height: `${Math.max(60, size[1] * s)}px` } : {});
    const done = (keep: boolean) => {
      if (editor?.input !== input) {
        return;
      }
      editor = null;
      input.remove();
      if (keep) {
        commit(input.value);
      }
      board.focus({ preventScroll: true });
    };
    input.addEventListener("keydown", (event) => {
      const e = event as KeyboardEvent;
      e.stopPropagation();
      if (e.key === "Escape") {
        done(false);
      } else if (e.key === "Enter" && (!multiline || !e.shiftKey)) {
        e.preventDefault();
        done(true);
      }
    });
    input.addEventListener("blur", () => done(true));
    editor = { input, done };
    frame.append(input);
    input.focus({ preventScroll: true });
  };

  const editElement = (id: string) => {
    const e = element(id);
    if (!e || !options.canWrite) {
      return;
    }
    const update = (text: string) => {
      const now = element(id);
      if (!now) {
        return;
      }
      if (now.type === "text" && text.trim() === "") {
        doc.transact(() => elements.delete(id));
      } else if (text !== (now.text ?? "")) {
        write(id, { ...now, text });
      }
    };
    if (e.type === "sticky") {
      editText([e.x ?? 0, e.y ?? 0], [e.width ?? 160, e.height ?? 160], e.text ?? "", true, "Sticky note text", update);
    } else if (e.type === "text") {
      editText([e.x ?? 0, (e.y ?? 0) - (e.fontSize ?? 16)], null, e.text ?? "", false, "Text", update);
    } else if (e.type === "shape" && e.width && e.height) {
      editText([e.x ?? 0, (e.y ?? 0) + e.height / 2 - 14], [e.width, 28], e.text ?? "", false, "Shape label", update);
    }
  };

  const hit = (event: { clientX: number; clientY: number }, types?: string[]): string | null => {
    const target = document.elementFromPoint(event.clientX, event.clientY)?.closest("[data-id]");
    if (!target || !layer.contains(target)) {
      return null;
    }
    return !types || types.includes(target.getAttribute("data-type") ?? "") ? target.getAttribute("data-id") : null;
  };

  let spaceDown = false;
  let gesture:
    | { kind: "stroke"; points: Point[]; line: SVGPolylineElement }
    | { kind: "shape"; shape: ShapeKind; from: Point; to: Point }
    | { kind: "connector"; from: End; start: Point; to: Point }
    | { kind: "move"; id: string; from: Point; node: SVGElement; moved: boolean }
    | { kind: "pan"; client: Point; start: Viewport; unitsPerPixel: number }
    | null = null;

  const drawShapeDraft = (shape: ShapeKind, [x0, y0]: Point, [x1, y1]: Point) =>
    draft.replaceChildren(shapeNode(shape, Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0), { fill: "none", stroke: options.color, "stroke-width": 2, "stroke-dasharray": "6 4" }));

  // Touch: one finger is a pointer like the mouse; a second finger turns the gesture into a pinch, which zooms
  // around the two fingers' midpoint and pans as it moves (what the first finger had begun is dropped).
  const touches = new Map<number, Point>();
  let pinch: { mid: Point; distance: number } | null = null;
  const touchSpan = () => {
    const [a, b] = [...touches.values()] as [Point, Point];
    return { mid: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] as Point, distance: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1 };
  };
  const touchEnded = (event: PointerEvent) => {
    if (touches.delete(event.pointerId) && touches.size < 2) {
      pinch = null;
    }
  };
  board.addEventListener("pointercancel", touchEnded);

  board.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "touch") {
      touches.set(event.pointerId, [event.clientX, event.clientY]);
      if (touches.size >= 2) {
        board.setPointerCapture(event.pointerId);
        if (gesture) {
          gesture = null;
          draft.replaceChildren();
          render();
        }
        pinch = touches.size === 2 ? touchSpan() : null;
        return;
      }
    }
    if (editor) {
      editor.done(true);
    }
    board.focus({ preventScroll: true });
    const point = at(event);
    board.setPointerCapture(event.pointerId);
    const canWrite = options.canWrite;
    if (tool === "hand" || spaceDown || event.button === 1) {
      gesture = { kind: "pan", client: [event.clientX, event.clientY], start: { ...view }, unitsPerPixel: 1 / scale() };
      board.classList.add("panning");
    } else if (tool === "pen" && canWrite) {
      const line = svg("polyline", { points: `${point[0]},${point[1]}`, fill: "none", stroke: options.color, "stroke-width": 3, "stroke-linecap": "round", "stroke-linejoin": "round" });
      draft.replaceChildren(line);
      gesture = { kind: "stroke", points: [point], line };
    } else if ((tool === "rectangle" || tool === "ellipse" || tool === "diamond") && canWrite) {
      gesture = { kind: "shape", shape: tool, from: point, to: point };
      drawShapeDraft(tool, point, point);
    } else if (tool === "connector" && canWrite) {
      const from = hit(event, ["shape", "sticky", "text"]);
      gesture = { kind: "connector", from: from ?? { x: point[0], y: point[1] }, start: point, to: point };
    } else if (tool === "text" && canWrite) {
      event.preventDefault();
      editText([point[0], point[1] - 12], null, "", false, "Text", (text) => {
        if (text.trim() !== "") {
          const id = newId();
          create(id, { type: "text", x: point[0], y: point[1] + 8, text, fontSize: 20, color: options.color, createdBy: options.userId });
        }
      });
    } else if (tool === "sticky" && canWrite) {
      event.preventDefault();
      editText(point, [160, 160], "", true, "Sticky note text", (text) => {
        if (text.trim() !== "") {
          create(newId(), { type: "sticky", x: point[0], y: point[1], text, createdBy: options.userId });
        }
      });
    } else {
      // Only the classes change (no re-draw), so the nodes under the pointer stay and a double-click registers.
      selected = hit(event);
      markSelected();
      const node = selected ? layer.querySelector<SVGElement>(`[data-id="${CSS.escape(selected)}"]`) : null;
      gesture = selected && node && canWrite ? { kind: "move", id: selected, from: point, node, moved: false } : null;
    }
  });
  const create = (id: string, e: BoardElement) => {
    write(id, e);
    selected = id;
    render();
  };

  board.addEventListener("pointermove", (event) => {
    if (event.pointerType === "touch" && touches.has(event.pointerId)) {
      touches.set(event.pointerId, [event.clientX, event.clientY]);
      if (pinch && touches.size === 2) {
        const next = touchSpan();
        zoomAt(at({ clientX: pinch.mid[0], clientY: pinch.mid[1] }), next.distance / pinch.distance);
        const unitsPerPixel = 1 / scale();
        userSetView({ ...view, x: view.x - (next.mid[0] - pinch.mid[0]) * unitsPerPixel, y: view.y - (next.mid[1] - pinch.mid[1]) * unitsPerPixel });
        pinch = next;
        return;
      }
      if (touches.size > 1) {
        return;
      }
    }
    const point = at(event);
    publishPointer(point);
    if (!gesture) {
      return;
    }
    switch (gesture.kind) {
      case "stroke":
        gesture.points.push(point);
        gesture.line.setAttribute("points", gesture.points.map(([x, y]) => `${x},${y}`).join(" "));
        break;
      case "shape":
        gesture.to = point;
        drawShapeDraft(gesture.shape, gesture.from, point);
        break;
      case "connector":
        gesture.to = point;
        draft.replaceChildren(svg("line", { x1: gesture.start[0], y1: gesture.start[1], x2: point[0], y2: point[1], stroke: options.color, "stroke-width": 2, "stroke-dasharray": "6 4", "marker-end": `url(#${marker.id})` }));
        break;
      case "move":
        gesture.moved = true;
        gesture.node.setAttribute("transform", `translate(${point[0] - gesture.from[0]} ${point[1] - gesture.from[1]})`);
        break;
      case "pan": {
        const { client, start, unitsPerPixel } = gesture;
        userSetView({ ...start, x: start.x - (event.clientX - client[0]) * unitsPerPixel, y: start.y - (event.clientY - client[1]) * unitsPerPixel });
        break;
      }
    }
  });

  board.addEventListener("pointerup", (event) => {
    if (event.pointerType === "touch" && (pinch || touches.size > 1)) {
      touchEnded(event);
      return;
    }
    touchEnded(event);
    const done = gesture;
    gesture = null;
    draft.replaceChildren();
    board.classList.remove("panning");
    if (!done) {
      return;
    }
    const point = at(event);
    switch (done.kind) {
      case "stroke":
        if (done.points.length >= 2) {
          create(newId(), { type: "stroke", points: done.points, stroke: options.color, strokeWidth: 3, createdBy: options.userId });
        }
        break;
      case "shape": {
        let [x, y, width, height] = [Math.min(done.from[0], point[0]), Math.min(done.from[1], point[1]), Math.abs(point[0] - done.from[0]), Math.abs(point[1] - done.from[1])];
        if (width < 5 || height < 5) {
          // A click makes a shape of the usual size where it was clicked.
          [x, y, width, height] = [done.from[0], done.from[1], 140, 90];
        }
        create(newId(), { type: "shape", shape: done.shape, x, y, width, height, stroke: options.color, strokeWidth: 2, createdBy: options.userId });
        setTool("select");
        break;
      }
      case "connector": {
        const to = hit(event, ["shape", "sticky", "text"]) ?? { x: point[0], y: point[1] };
        const same = typeof done.from === "string" ? done.from === to : typeof to !== "string" && Math.hypot(to.x - done.start[0], to.y - done.start[1]) < 5;
        if (!same) {
          // z -1: under the elements it joins (here and in the SVG export), so it never covers their text.
          create(newId(), { type: "connector", z: -1, from: done.from, to, arrow: true, stroke: options.color, strokeWidth: 2, createdBy: options.userId });
        }
        break;
      }
      case "move": {
        const [dx, dy] = [point[0] - done.from[0], point[1] - done.from[1]];
        const e = element(done.id);
        if (e && done.moved && (dx !== 0 || dy !== 0)) {
          write(done.id, moved(e, dx, dy));
        } else {
          done.node.removeAttribute("transform");
        }
        break;
      }
      case "pan":
        break;
    }
  });

  const moved = (e: BoardElement, dx: number, dy: number): BoardElement => {
    if (e.type === "stroke") {
      return { ...e, points: points(e).map(([px, py]) => [px + dx, py + dy]) };
    }
    if (e.type === "connector") {
      const shift = (end: End | undefined) => (end && typeof end !== "string" ? { x: end.x + dx, y: end.y + dy } : end);
      return { ...e, from: shift(e.from), to: shift(e.to) };
    }
    return { ...e, x: (e.x ?? 0) + dx, y: (e.y ?? 0) + dy };
  };

  board.addEventListener("dblclick", (event) => {
    const id = hit(event, ["sticky", "text", "shape"]);
    if (id && tool === "select") {
      selected = id;
      markSelected();
      editElement(id);
    }
  });

  board.addEventListener("pointerleave", () => publishPointer(null));

  board.addEventListener(
    "wheel",
    (event) => {
      // Ctrl+wheel (and a trackpad's pinch) zooms; the plain wheel pans only once the board has focus, so that a
      // page with a board in it (the meetup room) still scrolls past it.
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        zoomAt(at(event), Math.exp(-event.deltaY * 0.002));
      } else if (document.activeElement === board) {
        event.preventDefault();
        const unitsPerPixel = 1 / scale();
        userSetView({ ...view, x: view.x + event.deltaX * unitsPerPixel, y: view.y + event.deltaY * unitsPerPixel });
      }
    },
    { passive: false },
  );

  root.addEventListener("keydown", (event) => {
    const target = event.target as Element;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) {
      return;
    }
    const key = event.key;
    const command = event.ctrlKey || event.metaKey;
    if (command && key.toLowerCase() === "z" && options.canWrite) {
      event.preventDefault();
      if (event.shiftKey) {
        undo.redo();
      } else {
        undo.undo();
      }
      return;
    }
    if (command && key.toLowerCase() === "y" && options.canWrite) {
      event.preventDefault();
      undo.redo();
      return;
    }
    if (command || event.altKey) {
      return;
    }
    const onBoard = target === board;
    if ((key === "Delete" || key === "Backspace") && options.canWrite && onBoard) {
      event.preventDefault();
      removeSelected();
    } else if (key === "Enter" && onBoard && selected) {
      event.preventDefault();
      editElement(selected);
    } else if (key === "Escape") {
      selected = null;
      setTool("select");
      render();
    } else if (key === " " && onBoard) {
      event.preventDefault();
      spaceDown = true;
      board.classList.add("hand");
    } else if (onBoard && key.startsWith("Arrow")) {
      event.preventDefault();
      panBy(key === "ArrowLeft" ? -1 : key === "ArrowRight" ? 1 : 0, key === "ArrowUp" ? -1 : key === "ArrowDown" ? 1 : 0);
    } else if (key === "+" || key === "=") {
      zoomAt(centre(), 1.25);
    } else if (key === "-") {
      zoomAt(centre(), 0.8);
    } else if (key === "0") {
      userSetView({ x: 0, y: 0, zoom: 1 });
    } else {
      const t = tools.find((candidate) => candidate.key === key.toLowerCase() && (options.canWrite || !candidate.write));
      if (t && !event.shiftKey) {
        setTool(t.tool);
      }
    }
  });
  root.addEventListener("keyup", (event) => {
    if (event.key === " ") {
      spaceDown = false;
      board.classList.remove("hand");
    }
  });

  // ---- awareness: pointers, presenting, following ---------------------------------------------------------

  const stateOf = (clientId: number) => awareness.getStates().get(clientId) as BoardState | undefined;
  let pointerTimer: ReturnType<typeof setTimeout> | null = null;
  let lastPointerAt = 0;
  let pendingPointer: { x: number; y: number } | null = null;
  const sendPointer = () => {
    pointerTimer = null;
    lastPointerAt = performance.now();
    awareness.setLocalStateField("pointer", pendingPointer);
  };
  /** Throttled: at most one pointer update each 50 ms, the last position always sent. */
  const publishPointer = (point: Point | null) => {
    pendingPointer = point ? { x: point[0], y: point[1] } : null;
    if (pointerTimer !== null) {
      return;
    }
    const wait = pointerInterval - (performance.now() - lastPointerAt);
    if (wait <= 0) {
      sendPointer();
    } else {
      pointerTimer = setTimeout(sendPointer, wait);
    }
  };

  const renderPointers = () => {
    const parts: SVGElement[] = [];
    // The same size on screen at any zoom and on any screen: undo the board's scale (zoom included).
    const inverse = 1 / (board.getScreenCTM()?.a || view.zoom);
    awareness.getStates().forEach((raw, clientId) => {
      const state = raw as BoardState;
      if (clientId === awareness.clientID || !state.pointer || !state.user) {
        return;
      }
      const g = svg("g", { "data-testid": "remote-pointer", "data-name": state.user.name, "data-client": clientId, transform: `translate(${state.pointer.x} ${state.pointer.y}) scale(${inverse})` });
      const name = `${state.user.name} · ${state.user.organizationId}`;
      g.append(
        svg("path", { d: "M0 0 L0 18 L5 13.5 L8.5 21 L11.5 19.7 L8 12.3 L14 12.3 Z", fill: state.user.color, stroke: "#fff", "stroke-width": 1.2 }),
        svg("rect", { x: 14, y: 16, width: 8 + name.length * 7.2, height: 20, rx: 4, fill: state.user.color }),
        label(18, 30, name, { "font-size": 12, fill: "#fff" }),
      );
      parts.push(g);
    });
    pointers.replaceChildren(...parts);
  };

  let presentersKey = "";
  const renderPresenters = (force = false) => {
    const presenters: Array<{ clientId: number; name: string }> = [];
    awareness.getStates().forEach((raw, clientId) => {
      const state = raw as BoardState;
      if (clientId !== awareness.clientID && state.viewport && state.user) {
        presenters.push({ clientId, name: state.user.name });
      }
    });
    const key = JSON.stringify([presenters, following, presenting]);
    if (key === presentersKey && !force) {
      return;
    }
    presentersKey = key;
    const hadFocus = presentHost.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.focusKey : undefined;
    presentHost.replaceChildren(
      ...(options.canPresent
        ? [h("button", { type: "button", "aria-pressed": String(presenting), "data-focus-key": "present", onclick: () => setPresenting(!presenting) }, presenting ? "Stop presenting" : "Present my view")]
        : []),
      ...presenters.map((p) =>
        h(
          "button",
          { type: "button", "aria-pressed": String(following === p.clientId), "data-focus-key": `follow-${p.clientId}`, onclick: () => setFollowing(following === p.clientId ? null : p.clientId) },
          following === p.clientId ? `Stop following ${p.name}` : `Follow ${p.name}`,
        ),
      ),
    );
    if (hadFocus) {
      presentHost.querySelector<HTMLElement>(`[data-focus-key="${hadFocus}"]`)?.focus();
    }
  };

  const setPresenting = (on: boolean) => {
    presenting = on;
    awareness.setLocalStateField("viewport", on ? { ...view } : null);
    say(on ? "You are presenting: people who follow you see your view." : "You stopped presenting.");
    renderPresenters(true);
  };

  const setFollowing = (clientId: number | null) => {
    following = clientId;
    const presenter = clientId === null ? undefined : stateOf(clientId);
    if (presenter?.viewport) {
      view = { ...presenter.viewport };
      applyView();
    }
    say(clientId === null ? "You stopped following." : `You follow ${presenter?.user?.name ?? "the presenter"}'s view.`);
    renderPresenters(true);
  };

  const onAwareness = () => {
    if (following !== null) {
      const presenter = stateOf(following);
      if (presenter?.viewport) {
        const v = presenter.viewport;
        if (v.x !== view.x || v.y !== view.y || v.zoom !== view.zoom) {
          view = { x: v.x, y: v.y, zoom: v.zoom };
          applyView();
        }
      } else {
        say(`${presenter?.user?.name ?? "The presenter"} stopped presenting.`);
        following = null;
      }
    }
    renderPointers();
    renderPresenters();
  };

  const onElements = () => render();
  elements.observeDeep(onElements);
  awareness.on("change", onAwareness);
  undo.on("stack-item-added", renderButtons);
  undo.on("stack-item-popped", renderButtons);
  applyView();
  render();
  renderPresenters(true);
  return () => {
    if (pointerTimer !== null) {
      clearTimeout(pointerTimer);
    }
    elements.unobserveDeep(onElements);
    awareness.off("change", onAwareness);
    awareness.setLocalStateField("pointer", null);
    awareness.setLocalStateField("viewport", null);
    undo.destroy();
  };
}
