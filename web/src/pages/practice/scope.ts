// SPDX-License-Identifier: MIT
// A practice scope (role, level, stage) as it travels in the address, and to the API.
import type { Level, Stage } from '../../ui/questions';
import { LEVELS, STAGES } from '../../ui/questions';

export interface Scope {
  role?: string;
  level?: Level;
  stage?: Stage;
}

export function scopeOf(q: URLSearchParams): Scope {
  const s: Scope = {};
  const role = q.get('role');
  const level = LEVELS.find((l) => l.value === q.get('level'))?.value;
  const stage = STAGES.find((x) => x.value === q.get('stage'))?.value;
  if (role) s.role = role;
  if (level) s.level = level;
  if (stage) s.stage = stage;
  return s;
}

export function scopeQuery(s: Scope): string {
  const q = new URLSearchParams();
  if (s.role) q.set('role', s.role);
  if (s.level) q.set('level', s.level);
  if (s.stage) q.set('stage', s.stage);
  const t = q.toString();
  return t ? `?${t}` : '';
}

/** The Anki deck of a scope, as a link the browser downloads (a GET: the cookie suffices). */
export function deckHref(s: Scope, format: 'apkg' | 'csv'): string {
  const q = new URLSearchParams(scopeQuery(s).slice(1));
  q.set('format', format);
  return `/api/v1/practice/export?${q.toString()}`;
}
