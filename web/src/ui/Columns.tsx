// SPDX-License-Identifier: MIT
// Two small SVG charts for series over days: columns (a count per day, each written above
// its column) and dots (a yes or no per day: a filled dot or an empty ring, so shape says it
// as well as colour). Each carries a title for screen readers, and the page says the same in
// words beside it.

export interface Column {
  /** under the column ("Mon 7") */
  label: string;
  value: number;
}

export function Columns(props: { title: string; columns: readonly Column[]; summary: string }) {
  const n = props.columns.length || 1;
  const max = Math.max(1, ...props.columns.map((c) => c.value));
  const w = 600 / n;
  const h = 150;
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 600 ${h + 36}`} width="100%" role="img" aria-label={`${props.title}: ${props.summary}`}>
        {props.columns.map((c, i) => {
          const ch = (c.value / max) * (h - 20);
          const x = i * w;
          return (
            <g key={c.label}>
              <rect x={x + w * 0.15} y={h - ch} width={w * 0.7} height={Math.max(ch, 1)} class="chart-bar" rx="2" />
              <text x={x + w / 2} y={h - ch - 4} text-anchor="middle" class="chart-value">
                {String(c.value)}
              </text>
              <text x={x + w / 2} y={h + 16} text-anchor="middle" class="chart-label chart-small">
                {c.label}
              </text>
            </g>
          );
        })}
      </svg>
      <p class="chart-summary">{props.summary}</p>
    </figure>
  );
}

export function Dots(props: { title: string; days: readonly { label: string; on: boolean }[]; summary: string }) {
  const n = props.days.length || 1;
  const w = 600 / n;
  const r = Math.min(8, w * 0.35);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox="0 0 600 28" width="100%" role="img" aria-label={`${props.title}: ${props.summary}`}>
        {props.days.map((d, i) => (
          <circle
            key={d.label}
            cx={i * w + w / 2}
            cy="14"
            r={r}
            class={d.on ? 'dot dot-on' : 'dot dot-off'}
          >
            <title>{`${d.label}: ${d.on ? 'practised' : 'no practice'}`}</title>
          </circle>
        ))}
      </svg>
      <p class="chart-summary">{props.summary}</p>
    </figure>
  );
}
