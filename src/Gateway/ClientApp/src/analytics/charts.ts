// Hand-made SVG charts for the analytics page: a stacked bar chart (levels per week, first-time and returning
// attendees per meetup) and a heat table for the organization-to-organization flow. Each chart is an image
// with a text alternative (role="img", aria-label, a <title> per bar); the same figures are in a table beside it.
import { h, type Child } from "../view";

const svgNs = "http://www.w3.org/2000/svg";

function s(tag: string, attributes: Record<string, string | number>, ...children: Array<SVGElement | string>): SVGElement {
  const element = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, String(value));
  }
  for (const child of children) {
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

export interface Series { key: string; label: string; className: string }

export interface StackedBar { label: string; values: Record<string, number> }

/** Vertical stacked bars, one per item, with a legend; it scales to its container's width (viewBox). */
export function stackedBars(description: string, series: Series[], bars: StackedBar[]): HTMLElement {
  const width = 640;
  const height = 220;
  const left = 36;
  const bottom = 36;
  const top = 8;
  const plot = height - bottom - top;
  const total = (bar: StackedBar) => series.reduce((sum, one) => sum + (bar.values[one.key] ?? 0), 0);
  const max = Math.max(1, ...bars.map(total));
  const step = (width - left) / Math.max(1, bars.length);
  const barWidth = Math.max(4, Math.min(48, step * 0.7));
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": description, preserveAspectRatio: "xMidYMid meet" });
  for (const tick of [0, Math.ceil(max / 2), max]) {
    const y = top + plot - (tick / max) * plot;
    svg.append(s("line", { x1: left, x2: width, y1: y, y2: y, class: "grid" }), s("text", { x: left - 6, y: y + 4, class: "axis", "text-anchor": "end" }, String(tick)));
  }
  bars.forEach((bar, index) => {
    const x = left + index * step + (step - barWidth) / 2;
    let y = top + plot;
    const group = s("g", { class: "bar", "data-label": bar.label });
    group.append(s("title", {}, `${bar.label}: ${series.map((one) => `${one.label} ${bar.values[one.key] ?? 0}`).join(", ")}`));
    for (const one of series) {
      const value = bar.values[one.key] ?? 0;
      if (value === 0) {
        continue;
      }
      const barHeight = (value / max) * plot;
      y -= barHeight;
      group.append(s("rect", { x, y, width: barWidth, height: barHeight, class: one.className, "data-series": one.key, "data-value": value }));
    }
    svg.append(group);
    if (bars.length <= 12 || index % Math.ceil(bars.length / 12) === 0) {
      svg.append(s("text", { x: x + barWidth / 2, y: height - bottom + 16, class: "axis", "text-anchor": "middle" }, shorten(bar.label)));
    }
  });
  return h("figure", { class: "chart-figure" }, svg as unknown as Child, legend(series));
}

function legend(series: Series[]): HTMLElement {
  return h("ul", { class: "legend", "aria-hidden": "true" }, series.map((one) => h("li", null, h("span", { class: `swatch ${one.className}` }), one.label)));
}

function shorten(label: string): string {
  return label.length > 12 ? `${label.slice(0, 11)}…` : label;
}

/** A horizontal bar of parts (levels of one organization) with its figures in words for screen readers. */
export function partsBar(description: string, series: Series[], values: Record<string, number>): HTMLElement {
  const total = series.reduce((sum, one) => sum + (values[one.key] ?? 0), 0);
  return h(
    "span",
    { class: "parts-bar", role: "img", "aria-label": description },
    series.map((one) => {
      const value = values[one.key] ?? 0;
      return value === 0 ? null : h("span", { class: one.className, style: `flex-grow: ${total === 0 ? 0 : value}`, title: `${one.label} ${value}` });
    }),
  );
}

export interface HeatCell { answers: number; acceptedAnswers: number }

/**
 * The organization-to-organization flow as a heat table: a row per answering organization, a column per asking
 * organization; each cell shows answers and accepted answers, shaded by the number of answers. The diagonal is help
 * inside an organization.
 */
export function heatTable(caption: string, organizations: string[], name: (organizationId: string) => Child, cell: (from: string, to: string) => HeatCell | null): HTMLElement {
  const max = Math.max(1, ...organizations.flatMap((from) => organizations.map((to) => cell(from, to)?.answers ?? 0)));
  return h(
    "div",
    { class: "table-scroll", tabindex: "0", role: "region", "aria-label": caption },
    h(
      "table",
      { class: "heat" },
      h("caption", null, caption),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Answers from (rows) to askers of (columns)")), organizations.map((to) => h("th", { scope: "col" }, "to ", name(to))))),
      h(
        "tbody",
        null,
        organizations.map((from) =>
          h(
            "tr",
            null,
            h("th", { scope: "row" }, "from ", name(from)),
            organizations.map((to) => {
              const value = cell(from, to);
              const answers = value?.answers ?? 0;
              return h(
                "td",
                {
                  class: from === to ? "same" : "cross",
                  style: `--heat: ${(answers / max).toFixed(2)}`,
                  "data-from": from,
                  "data-to": to,
                  "data-answers": answers,
                  "data-accepted": value?.acceptedAnswers ?? 0,
                },
                answers === 0 && !value?.acceptedAnswers ? h("span", { class: "muted" }, "·") : `${answers} answered, ${value?.acceptedAnswers ?? 0} accepted`,
              );
            }),
          ),
        ),
      ),
    ),
  );
}
