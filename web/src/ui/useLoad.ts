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

/** Runs fetch(signal) whenever deps change; the previous run is aborted. */
export function useLoad<T>(fetch: (signal: AbortSignal) => Promise<Answer<T>>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const run = useRef(0);
  useEffect(() => {
    const ctl = new AbortController();
    const mine = ++run.current;
    setLoading(true);
    fetch(ctl.signal).then(
      (a) => {
        if (mine !== run.current) return;
        if (a.data !== undefined) {
          setData(a.data);
          setFailure(null);
        } else {
          setFailure(failureOf(a.error, a.response));
        }
        setLoading(false);
      },
      (err: unknown) => {
        if (ctl.signal.aborted || mine !== run.current) return;
        setFailure({ status: 0, detail: err instanceof Error ? err.message : String(err) });
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, failure, loading, reload };
}
