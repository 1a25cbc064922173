// SPDX-License-Identifier: MIT
// Small SVG charts. Every value is also written as text beside its mark, so a chart is
// never read by colour or length alone; the SVG carries a title for screen readers.

export interface Bar {
  label: string;
  value: number;
  note?: string;
}

/**
 * Horizontal bars, one row each, scaled to max (or the largest value). Labels and values are
 * HTML text at the page's own size (an SVG scaled to a phone's width shrank them to 7 px);
 * only the bar itself is drawn, stretched to its column.
 */
export function Bars(props: { title: string; bars: Bar[]; max?: number; unit?: string }) {
  const max = props.max ?? Math.max(1, ...props.bars.map((b) => b.value));
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div class="bars" role="list" aria-label={props.title}>
        {props.bars.map((b) => {
          const w = Math.max(0, Math.min(1, b.value / max)) * 100;
          return (
            <div class="bars-row" role="listitem" key={b.label}>
              <span class="bars-label">{b.label}</span>
              <svg class="bars-track" viewBox="0 0 100 16" preserveAspectRatio="none" aria-hidden="true">
                <rect x="0" y="0" width={w} height="16" class="chart-bar" />
              </svg>
              <span class="bars-value">{`${Number(b.value.toFixed(2))}${props.unit ?? ''}${b.note ? ` ${b.note}` : ''}`}</span>
            </div>
          );
        })}
      </div>
    </figure>
  );
}

/** A bar that fills its cell: a score out of max, the number beside it. */
export function Meter(props: { value: number; max: number; label: string }) {
  const frac = props.max > 0 ? Math.max(0, Math.min(1, props.value / props.max)) : 0;
  return (
    <span class="meter">
      <svg viewBox="0 0 100 10" width="80" height="10" aria-hidden="true">
        <rect x="0" y="0" width="100" height="10" class="meter-track" rx="2" />
        <rect x="0" y="0" width={frac * 100} height="10" class="meter-fill" rx="2" />
      </svg>
      <span class="meter-value">{props.label}</span>
    </span>
  );
}
