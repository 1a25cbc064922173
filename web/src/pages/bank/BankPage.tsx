// SPDX-License-Identifier: MIT
// The question bank: results as the user types in the search box at the top (`/` focuses
// it from anywhere), filtered by competency, category, level and minutes. Every filter is
// in the address, so a search can be shared and survives a reload. A keystroke's request
// cancels the one before it, and the last results stay on screen until the new ones come;
// the arrow keys move from the search box through the results and Enter opens one.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, failureOf, type Failure } from '../../api';
import { Link, setQuery, useQuery } from '../../router';
import { Empty, FailureBanner } from '../../ui/Banner';
import { SelectField } from '../../ui/Field';
import { Inline } from '../../ui/Markdown';
import { Page } from '../../ui/Page';
import { CATEGORIES, categoryLabel, LEVELS, type Category, type Level } from '../../ui/questions';
import { useLoad } from '../../ui/useLoad';
import './bank.css';
import { plural } from '../../ui/format';

const PAGE = 25;
const MINUTES = [5, 10, 15, 20, 30, 45, 60] as const;

type Hits = NonNullable<Awaited<ReturnType<typeof searchOnce>>['data']>;
type Filters = {
  q: string;
  competency: string;
  category: Category | undefined;
  level: Level | undefined;
  minutes: number;
  limit: number;
};

function searchOnce(f: Filters, signal: AbortSignal) {
  return api.GET('/api/v1/questions', {
    params: {
      query: {
        q: f.q ? prefixed(f.q) : undefined,
        competency: f.competency || undefined,
        category: f.category,
        level: f.level,
        minutes: f.minutes || undefined,
        limit: f.limit,
      },
    },
    signal,
  });
}

/**
 * The results for f, as fast as a keystroke can have them: the request starts from a layout
 * effect (not after the next paint, as useLoad's effect would), with no timer to fold
 * keystrokes (a search answers in a few milliseconds, and a timer only adds its own delay to
 * every keystroke), the one before is aborted, and the last results stay until the new ones
 * arrive. `shown` is the search the results are for.
 */
function useSearch(f: Filters) {
  const [state, setState] = useState<{ data?: Hits; shown?: string; failure: Failure | null }>({ failure: null });
  const ctl = useRef<AbortController | null>(null);
  const key = JSON.stringify(f);
  useLayoutEffect(() => {
    ctl.current?.abort();
    const mine = new AbortController();
    ctl.current = mine;
    searchOnce(f, mine.signal).then(
      (a) => {
        if (mine.signal.aborted) return;
        if (a.data) setState({ data: a.data, shown: key, failure: null });
        else setState((s) => ({ ...s, shown: key, failure: failureOf(a.error, a.response) }));
      },
      (err: unknown) => {
        if (mine.signal.aborted) return;
        setState((s) => ({ ...s, failure: { status: 0, detail: err instanceof Error ? err.message : String(err) } }));
      },
    );
  }, [key]);
  useEffect(() => () => ctl.current?.abort(), []);
  return { ...state, loading: state.shown !== key };
}

/**
 * While typing, the last word is a prefix once it has four letters ("composite inde" finds
 * "composite index"); shorter, it is left out while earlier words are there (alone, it is
 * searched as a word), since three letters ("con", "mes") match most of a large bank and
 * cost a quarter of a second to rank there, for results that help nobody.
 */
function prefixed(q: string): string {
  if (/[\s"*]$/.test(q) || (q.match(/"/g)?.length ?? 0) % 2) return q;
  const m = /^(.*?)(\S+)$/.exec(q);
  const head = (m?.[1] ?? '').trim();
  const last = m?.[2] ?? q;
  if (last.length >= 4) return `${q}*`;
  return head || q;
}

function isCategory(v: string | null): v is Category {
  return CATEGORIES.some((c) => c.value === v);
}
function isLevel(v: string | null): v is Level {
  return LEVELS.some((l) => l.value === v);
}

/** Moves focus between the search box and the results with the arrow keys. */
function useResultKeys(list: { current: HTMLOListElement | null }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
      const links = Array.from(list.current?.querySelectorAll<HTMLAnchorElement>('a.result-link') ?? []);
      if (!links.length) return;
      const active = document.activeElement;
      const at = links.findIndex((a) => a === active);
      const search = document.getElementById('bank-search');
      if (at < 0) {
        if (active === search && e.key === 'ArrowDown') {
          e.preventDefault();
          links[0]?.focus();
        }
        return;
      }
      e.preventDefault();
      if (e.key === 'Home') links[0]?.focus();
      else if (e.key === 'End') links[links.length - 1]?.focus();
      else if (e.key === 'ArrowDown') links[Math.min(at + 1, links.length - 1)]?.focus();
      else if (at === 0) search?.focus();
      else links[at - 1]?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [list]);
}

export default function BankPage() {
  const query = useQuery();
  const typed = (query.get('q') ?? '').trim();
  const competency = query.get('competency') ?? '';
  const category = query.get('category');
  const level = query.get('level');
  const minutes = Number(query.get('minutes') ?? '') || 0;
  const [limit, setLimit] = useState(PAGE);
  const list = useRef<HTMLOListElement>(null);
  useResultKeys(list);
  useEffect(() => setLimit(PAGE), [typed, competency, category, level, minutes]);

  const comps = useLoad(
    (signal) => api.GET('/api/v1/competencies', { params: { query: { limit: 500 } }, signal }),
    [],
  );
  const res = useSearch({
    q: typed,
    competency,
    category: isCategory(category) ? category : undefined,
    level: isLevel(level) ? level : undefined,
    minutes,
    limit,
  });
  const q = res.shown ? ((JSON.parse(res.shown) as Filters).q ?? '') : '';
  const items = res.data?.items ?? [];
  const total = res.data?.total ?? 0;
  const stale = res.loading;

  return (
    <Page title="Question bank">
      <p class="hint">
        Type in the search box at the top (press <kbd>/</kbd> from anywhere); the arrow keys move
        through the results and Enter opens one.
      </p>
      <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Competency"
          value={competency}
          onValue={(v) => setQuery({ competency: v })}
          options={[
            { value: '', label: 'Any competency' },
            ...(comps.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.questions})` })),
          ]}
        />
        <SelectField
          label="Category"
          value={isCategory(category) ? category : ''}
          onValue={(v) => setQuery({ category: v })}
          options={[{ value: '', label: 'Any category' }, ...CATEGORIES]}
        />
        <SelectField
          label="Level"
          value={isLevel(level) ? level : ''}
          onValue={(v) => setQuery({ level: v })}
          options={[{ value: '', label: 'Any level' }, ...LEVELS]}
        />
        <SelectField
          label="Minutes"
          value={minutes ? String(minutes) : ''}
          onValue={(v) => setQuery({ minutes: v })}
          options={[
            { value: '', label: 'Any length' },
            ...MINUTES.map((m) => ({ value: String(m), label: `${m} min or less` })),
          ]}
        />
      </form>
      <FailureBanner failure={res.failure} />
      <p class="result-count" role="status" aria-live="polite">
        {res.data
          ? `${plural(total, 'question')}${q ? ` match “${q}”` : ''}${stale ? ' (updating…)' : ''}`
          : 'Loading…'}
      </p>
      {res.data && !items.length ? (
        <Empty>No question matches. Try fewer words, or clear a filter.</Empty>
      ) : (
        <ol class="results" ref={list} aria-busy={stale ? 'true' : 'false'} aria-label="Questions">
          {items.map((h) => (
            <li key={h.id} class="result">
              <Link href={`/bank/${encodeURIComponent(h.id)}`} class="result-link">
                {h.text}
              </Link>
              {h.snippet && (
                <p class="snippet">
                  <Inline text={h.snippet} mark />
                </p>
              )}
              <p class="result-meta">
                <span>{categoryLabel(h.category)}</span>
                <span>{h.level}</span>
                <span>{h.minutes} min</span>
                {h.competency && <span>{h.competency}</span>}
                <span class="muted">{h.id}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
      {items.length < total && items.length < 500 && (
        <button type="button" class="btn btn-secondary" onClick={() => setLimit(Math.min(500, limit + PAGE))}>
          Show {Math.min(PAGE, total - items.length)} more
        </button>
      )}
    </Page>
  );
}
