// SPDX-License-Identifier: MIT
// A value that components can watch: the little state the app shares (the session, the
// location, the connection). The server is the source of truth for everything else.
import { useEffect, useReducer } from 'preact/hooks';

export interface Store<T> {
  get(): T;
  set(value: T): void;
  subscribe(fn: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const subs = new Set<() => void>();
  return {
    get: () => value,
    set(next: T) {
      if (Object.is(next, value)) return;
      value = next;
      for (const fn of [...subs]) fn();
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

/** The store's value, re-rendering the component when it changes. */
export function useStore<T>(store: Store<T>): T {
  const [, force] = useReducer((n: number, step: number) => n + step, 0);
  useEffect(() => store.subscribe(() => force(1)), [store]);
  return store.get();
}
