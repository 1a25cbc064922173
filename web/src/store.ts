// SPDX-License-Identifier: MIT
// A value that components can watch: the little state the app shares (the session, the
// location, the connection). The server is the source of truth for everything else.
import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';

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

/**
 * The store's value, re-rendering the component when it changes. The subscription is made
 * as the render is committed, and a change that came between the render and the subscription
 * (a fast answer while the browser was busy) re-renders at once: without that check such a
 * change was missed, and the page waited on it forever.
 */
export function useStore<T>(store: Store<T>): T {
  const [, force] = useReducer((n: number, step: number) => n + step, 0);
  const value = store.get();
  const rendered = useRef(value);
  rendered.current = value;
  useLayoutEffect(() => {
    const unsubscribe = store.subscribe(() => force(1));
    if (!Object.is(store.get(), rendered.current)) force(1);
    return unsubscribe;
  }, [store]);
  return value;
}
