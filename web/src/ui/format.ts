// SPDX-License-Identifier: MIT
// Dates, numbers and names as people read them. The formatters are made once: each
// toLocaleString() call builds one of its own, which a table of thousands of cells feels.

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const NUMBER = new Intl.NumberFormat();

/** "7 Dec 2026, 14:05" in the reader's time zone; "" for nothing. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return TIME.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return DATE.format(d);
}

/** A number with at most digits decimals, trailing zeros dropped. */
export function formatNumber(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return NUMBER.format(Number(n.toFixed(digits)));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${NUMBER.format(n)} ${n === 1 ? one : many}`;
}

const RATING_WORDS = ['', 'strong no', 'no', 'yes', 'strong yes'] as const;
/** A 1-4 rating as its word, so that it is never told by colour alone. */
export function ratingWord(r: number | null | undefined): string {
  return r && r >= 1 && r <= 4 ? (RATING_WORDS[Math.round(r)] ?? '') : 'not rated';
}
