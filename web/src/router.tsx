// SPDX-License-Identifier: MIT
// Routes as data, the location in the address bar, and links that change it without a
// reload. Deep links survive a reload: the server answers every non-API path with the app.
import type { ComponentChildren, ComponentType, JSX } from 'preact';
import type { Role } from './session';
import { createStore, useStore } from './store';

export interface PageProps {
  params: Record<string, string>;
}

export interface RouteDef {
  /** '/bank/:id': segments starting with ':' are parameters */
  path: string;
  title: string;
  load: () => Promise<{ default: ComponentType<PageProps> }>;
  /** who may open it; everyone signed in when left out */
  roles?: readonly Role[];
  /** a link in the main navigation, in order */
  nav?: { label: string; order: number };
  /** shown without signing in */
  public?: boolean;
}

function here(): string {
  return window.location.pathname + window.location.search;
}

export const location = createStore(here());
window.addEventListener('popstate', () => location.set(here()));

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === here()) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  location.set(here());
  if (!opts.replace) window.scrollTo(0, 0);
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const loc = useStore(location);
  const q = loc.indexOf('?');
  return {
    path: q < 0 ? loc : loc.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : loc.slice(q + 1)),
  };
}

export function useQuery(): URLSearchParams {
  return useLocation().query;
}

/** Replaces the query of the current page (filters, search terms), keeping the path. */
export function setQuery(values: Record<string, string | null | undefined>): void {
  const { pathname, search } = window.location;
  const q = new URLSearchParams(search);
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  navigate(pathname + (s ? `?${s}` : ''), { replace: true });
}

/** The parameters of path under pattern, or null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split('/');
  const xs = path.replace(/\/+$/, '').split('/');
  if (pattern === '/' && (path === '/' || path === '')) return {};
  if (ps.length !== xs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i] ?? '';
    const x = xs[i] ?? '';
    if (p.startsWith(':')) {
      if (!x) return null;
      params[p.slice(1)] = decodeURIComponent(x);
    } else if (p !== x) {
      return null;
    }
  }
  return params;
}

type LinkProps = JSX.AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  children?: ComponentChildren;
};

/** An ordinary link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
