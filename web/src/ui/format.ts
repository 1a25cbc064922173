// SPDX-License-Identifier: MIT
// Dates, numbers and names as people read them.

/** "7 Dec 2026, 14:05" in the reader's time zone; "" for nothing. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** A number with at most digits decimals, trailing zeros dropped. */
export function formatNumber(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return Number(n.toFixed(digits)).toLocaleString();
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

const RATING_WORDS = ['', 'strong no', 'no', 'yes', 'strong yes'] as const;
/** A 1-4 rating as its word, so that it is never told by colour alone. */
export function ratingWord(r: number | null | undefined): string {
  return r && r >= 1 && r <= 4 ? (RATING_WORDS[Math.round(r)] ?? '') : 'not rated';
}
