// SPDX-License-Identifier: MIT
// What the bank, kit and practice pages say about questions: names of categories, levels
// and stages as people read them, and a question's points grouped under their headings,
// each point's Markdown rendered from text (its bold key concepts stay bold).
import type { Schemas } from '../api';
import { Inline } from './Markdown';

export type Category = Schemas['Category'];
export type Level = Schemas['Level'];
export type Stage = Schemas['Stage'];
export type Point = Schemas['Point'];

export const CATEGORIES: readonly { value: Category; label: string }[] = [
  { value: 'screening', label: 'Screening' },
  { value: 'technical', label: 'Technical' },
  { value: 'system-design', label: 'System design' },
  { value: 'coding', label: 'Coding' },
  { value: 'troubleshooting', label: 'Troubleshooting' },
  { value: 'behavioral', label: 'Behavioural' },
  { value: 'past-project', label: 'Past project' },
];

export const LEVELS: readonly { value: Level; label: string }[] = [
  { value: 'junior', label: 'Junior' },
  { value: 'mid', label: 'Mid' },
  { value: 'senior', label: 'Senior' },
  { value: 'architect', label: 'Architect' },
];

export const STAGES: readonly { value: Stage; label: string; minutes: number }[] = [
  { value: 'screen', label: 'Screen', minutes: 30 },
  { value: 'technical', label: 'Technical', minutes: 60 },
  { value: 'system-design', label: 'System design', minutes: 60 },
  { value: 'behavioral', label: 'Behavioural', minutes: 45 },
  { value: 'onsite', label: 'Onsite', minutes: 180 },
];

export function categoryLabel(c: string): string {
  return CATEGORIES.find((x) => x.value === c)?.label ?? c;
}

export function stageLabel(s: string): string {
  return STAGES.find((x) => x.value === s)?.label ?? s;
}

/** Headings of point kinds, in the order a question reads; a kind not listed keeps its name. */
const KINDS: readonly { kind: string; title: string }[] = [
  { kind: 'shows', title: 'A good answer shows' },
  { kind: 'bonus', title: 'Bonus points' },
  { kind: 'pitfall', title: 'Pitfalls' },
  { kind: 'red_flag', title: 'Red flags' },
  { kind: 'follow_up', title: 'Follow-ups' },
  { kind: 'star', title: 'A complete STAR answer' },
  { kind: 'grade', title: 'Grades' },
  { kind: 'by_level', title: 'By level' },
  { kind: 'interviewer_note', title: 'Interviewer notes' },
  { kind: 'note', title: 'Notes' },
];

/** The points grouped by kind: [heading, points] in reading order. */
export function pointGroups(points: readonly Point[]): [string, string, Point[]][] {
  const out: [string, string, Point[]][] = [];
  const seen = new Set<string>();
  for (const k of KINDS) {
    const ps = points.filter((p) => p.kind === k.kind);
    seen.add(k.kind);
    if (ps.length) out.push([k.kind, k.title, ps]);
  }
  for (const p of points) {
    const kind: string = p.kind;
    if (seen.has(kind)) continue;
    seen.add(kind);
    out.push([kind, kind.replace(/_/g, ' '), points.filter((x) => x.kind === kind)]);
  }
  return out;
}

const GRADE_WORDS: Record<number, string> = { 1: 'strong no', 2: 'no', 3: 'yes', 4: 'strong yes' };

/** A question's points under their headings (h-level given, so pages keep their outline). */
export function Points(props: { points: readonly Point[]; level?: 2 | 3 | 4 }) {
  const H = `h${props.level ?? 2}` as 'h2' | 'h3' | 'h4';
  return (
    <>
      {pointGroups(props.points).map(([kind, title, ps]) => (
        <section key={kind} class={`points points-${kind}`}>
          <H>{title}</H>
          <ul>
            {ps.map((p, i) => (
              <li key={i}>
                {p.grade ? `${p.grade} ${GRADE_WORDS[p.grade] ?? ''}: ` : p.level ? `${p.level}: ` : ''}
                <Inline text={p.text} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
