// SPDX-License-Identifier: MIT
// The 1-4 scale as people use it in a scorecard: four choices, each a number and a word
// (never colour alone), and the anchor text of the role for the value pointed at, focused or
// chosen, shown in full beside the choices (not in a tooltip) and read out with each choice.
import { useId, useState } from 'preact/hooks';
import type { Schemas } from '../api';
import { ratingWord } from './format';

export type Anchors = Schemas['Anchors'];

const VALUES = [1, 2, 3, 4] as const;

function anchorOf(anchors: Anchors | null | undefined, v: number): string {
  const a = anchors?.[String(v) as '1' | '2' | '3' | '4'];
  return a ?? 'The role gives no anchor for this value.';
}

/** A rating badge: colour, number and word. */
export function RatingBadge(props: { value: number | null | undefined }) {
  const v = props.value;
  if (!v) return <span class="rating rating-none">not rated</span>;
  return (
    <span class={`rating rating-${Math.round(v)}`}>
      {Number(v.toFixed(2))} {ratingWord(v)}
    </span>
  );
}

/** Radio choices 1-4, after "not asked" when clearable (so arrows go up the scale from it). */
export function RatingInput(props: {
  legend: string;
  value: number | null;
  onValue: (v: number | null) => void;
  anchors?: Anchors | null | undefined;
  clearLabel?: string;
  disabled?: boolean;
  error?: string | undefined;
}) {
  const id = useId();
  const [pointed, setPointed] = useState<number | null>(null);
  const shown = pointed ?? props.value;
  return (
    <fieldset class="scale" role="radiogroup" aria-labelledby={`${id}-legend`} aria-describedby={props.error ? `${id}-err` : undefined}>
      <legend id={`${id}-legend`}>{props.legend}</legend>
      <div class="scale-options" onMouseLeave={() => setPointed(null)}>
        {props.clearLabel && (
          <span class="scale-option r0">
            <input
              type="radio"
              id={`${id}-0`}
              name={id}
              checked={props.value === null}
              disabled={props.disabled}
              onChange={() => props.onValue(null)}
            />
            <label for={`${id}-0`}>{props.clearLabel}</label>
          </span>
        )}
        {VALUES.map((v) => (
          <span class={`scale-option r${v}`} key={v} onMouseEnter={() => setPointed(v)}>
            <input
              type="radio"
              id={`${id}-${v}`}
              name={id}
              checked={props.value === v}
              disabled={props.disabled}
              aria-describedby={`${id}-a${v}`}
              onChange={() => props.onValue(v)}
              onFocus={() => setPointed(v)}
              onBlur={() => setPointed(null)}
            />
            <label for={`${id}-${v}`}>
              <strong>{v}</strong> {ratingWord(v)}
            </label>
            <span id={`${id}-a${v}`} class="sr-only">
              {anchorOf(props.anchors, v)}
            </span>
          </span>
        ))}
      </div>
      <p class="anchor-text" aria-hidden="true">
        {shown ? (
          <>
            <strong>
              {shown} {ratingWord(shown)}:
            </strong>{' '}
            {anchorOf(props.anchors, shown)}
          </>
        ) : (
          <span class="muted">Point at a value to read what it means for this role.</span>
        )}
      </p>
      {props.error && (
        <p class="error" id={`${id}-err`}>
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

/** The mean of the ratings given, rounded to the nearest with a half rounded down (as the
 * server derives a competency's rating: core/scorecard.c); null when none. */
export function deriveRating(ratings: (number | null | undefined)[]): number | null {
  const given = ratings.filter((r): r is number => typeof r === 'number' && r >= 1 && r <= 4);
  if (!given.length) return null;
  const sum = given.reduce((a, b) => a + b, 0);
  // ceil(mean - 1/2) in whole numbers: a tie does not lift the rating
  return Math.ceil((2 * sum - given.length) / (2 * given.length));
}

export const RECOMMENDATIONS = [
  { value: 'strong-no', label: 'Strong no' },
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
  { value: 'strong-yes', label: 'Strong yes' },
] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number]['value'];
