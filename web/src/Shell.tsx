// SPDX-License-Identifier: MIT
// The frame around every page: a skip link, the main navigation for the user's role, the
// bank search (`/` focuses it), the account menu, the connection banner, and the sign-in
// dialog that a request meeting an expired session opens (the page beneath keeps what was
// typed, and the request is replayed once signed in).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { connectionLost, onSignInNeeded, retryNow } from './api';
import { Link, navigate, setQuery, useLocation } from './router';
import { routes } from './routes';
import { hasRole, signOut, STAFF, type User } from './session';
import { SignInForm } from './SignInForm';
import { createStore, useStore } from './store';
import { Dialog } from './ui/Dialog';

/** Requests waiting for the user to sign in again; the dialog shows while there are any. */
const waiting = createStore<(() => void)[]>([]);

onSignInNeeded(
  () =>
    new Promise<void>((resolve) => {
      waiting.set([...waiting.get(), resolve]);
    }),
);

function SessionDialog(props: { user: User }) {
  const open = useStore(waiting).length > 0;
  return (
    <Dialog open={open} title="Your session has ended" required>
      <p>Sign in again to carry on. What you typed on this page is kept.</p>
      <SignInForm
        email={props.user.email}
        onDone={() => {
          const replay = waiting.get();
          waiting.set([]);
          for (const r of replay) r();
        }}
      />
    </Dialog>
  );
}

function ConnectionBanner() {
  const lost = useStore(connectionLost);
  if (!lost) return <div class="sr-only" role="status" aria-live="polite" />;
  return (
    <div class="banner banner-warning connection" role="alert">
      The server cannot be reached. Retrying; nothing you typed is lost.{' '}
      <button type="button" class="btn btn-link" onClick={retryNow}>
        Retry now
      </button>
    </div>
  );
}

function isTyping(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable;
}

function BankSearch() {
  const ref = useRef<HTMLInputElement>(null);
  const { path, query } = useLocation();
  const [q, setQ] = useState(path === '/bank' ? (query.get('q') ?? '') : '');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(document.activeElement)) {
        e.preventDefault();
        ref.current?.focus();
        ref.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (path === '/bank') setQ(query.get('q') ?? '');
  }, [path, query.get('q')]);
  const go = (value: string) => {
    setQ(value);
    // on the bank, the filters in the address stay as they are
    if (path === '/bank') {
      setQuery({ q: value });
      return;
    }
    navigate(`/bank${value ? `?q=${encodeURIComponent(value)}` : ''}`);
  };
  return (
    <form
      role="search"
      class="top-search"
      onSubmit={(e) => {
        e.preventDefault();
        go(q);
      }}
    >
      <label for="bank-search" class="sr-only">
        Search the question bank
      </label>
      <input
        ref={ref}
        id="bank-search"
        type="search"
        placeholder="Search questions  /"
        autocomplete="off"
        value={q}
        onInput={(e) => go((e.currentTarget as HTMLInputElement).value)}
        aria-keyshortcuts="/"
      />
    </form>
  );
}

export function Shell(props: { user: User; children?: ComponentChildren }) {
  const { path } = useLocation();
  const [menu, setMenu] = useState(false);
  const nav = routes
    .filter((r) => r.nav && hasRole(props.user, r.roles))
    .sort((a, b) => (a.nav?.order ?? 0) - (b.nav?.order ?? 0));
  const bankVisible = hasRole(props.user, STAFF) && routes.some((r) => r.path === '/bank');
  useEffect(() => setMenu(false), [path]);
  return (
    <>
      <a class="skip" href="#main">
        Skip to main content
      </a>
      <header class="top">
        <Link href="/" class="brand">
          Rubric
        </Link>
        <button
          type="button"
          class="btn btn-secondary menu-toggle"
          aria-expanded={menu ? 'true' : 'false'}
          aria-controls="main-nav"
          onClick={() => setMenu(!menu)}
        >
          Menu
        </button>
        <nav id="main-nav" aria-label="Main" class={menu ? 'nav open' : 'nav'}>
          <ul>
            {nav.map((r) => (
              <li key={r.path}>
                <Link
                  href={r.path}
                  aria-current={path === r.path || path.startsWith(`${r.path}/`) ? 'page' : undefined}
                >
                  {r.nav?.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {bankVisible && <BankSearch />}
        <div class="account">
          <Link href="/account" aria-current={path === '/account' ? 'page' : undefined}>
            <span class="sr-only">Account of </span>
            {props.user.name || props.user.email}
            <span class="role-badge">{props.user.role}</span>
          </Link>
          <button
            type="button"
            class="btn btn-link"
            onClick={() => void signOut()}
          >
            Sign out
          </button>
        </div>
      </header>
      <ConnectionBanner />
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
      <SessionDialog user={props.user} />
    </>
  );
}
