// SPDX-License-Identifier: MIT
// Loading what a page shows: the last good answer stays on screen while a new one is
// fetched (no flash of emptiness), a stale answer never overwrites a newer one, and a
// failure is kept for the page to show.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { failureOf, type Failure } from '../api';

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

export interface Loaded<T> {
  data: T | undefined;
  failure: Failure | null;
  loading: boolean;
  reload: () => void;
}

/** Whether two dependency lists hold the same values. */
function same(a: readonly unknown[] | null, b: readonly unknown[]): boolean {
  return !!a && a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/**
 * Runs fetch(signal) whenever deps change; the previous run is aborted. `loading` is true from
 * the very render in which deps change (not from the effect after it), so a page never takes
 * the answer to the previous deps for the answer to the new ones.
 */
export function useLoad<T>(fetch: (signal: AbortSignal) => Promise<Answer<T>>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [doneFor, setDoneFor] = useState<readonly unknown[] | null>(null);
  const [tick, setTick] = useState(0);
  const run = useRef(0);
  const current = [...deps, tick];
  useEffect(() => {
    const ctl = new AbortController();
    const mine = ++run.current;
    fetch(ctl.signal).then(
      (a) => {
        if (mine !== run.current) return;
        if (a.data !== undefined) {
          setData(a.data);
          setFailure(null);
        } else {
          setFailure(failureOf(a.error, a.response));
        }
        setDoneFor(current);
      },
      (err: unknown) => {
        if (ctl.signal.aborted || mine !== run.current) return;
        setFailure({ status: 0, detail: err instanceof Error ? err.message : String(err) });
        setDoneFor(current);
      },
    );
    return () => ctl.abort();
  }, current);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, failure, loading: !same(doneFor, current), reload };
}
