// SPDX-License-Identifier: MIT
// The app: who is signed in, which page the address names, and that page loaded on demand
// inside the shell. Each route's code is its own file, fetched the first time it is opened.
import type { ComponentType } from 'preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { matchPath, navigate, useLocation, type PageProps, type RouteDef } from './router';
import { routes } from './routes';
import { hasRole, loadSession, useSession } from './session';
import { Shell } from './Shell';
import { Banner, Loading } from './ui/Banner';
import { Page } from './ui/Page';
import './styles/app.css';

const loaded = new Map<RouteDef, ComponentType<PageProps>>();

function find(path: string): { route: RouteDef; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

function NotFound() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address. Check the link, or go back to the start page.</p>
    </Page>
  );
}

function RoutePage(props: { route: RouteDef; params: Record<string, string> }) {
  const [Comp, setComp] = useState<ComponentType<PageProps> | undefined>(() => loaded.get(props.route));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    document.title = `${props.route.title} · Rubric`;
    const have = loaded.get(props.route);
    if (have) {
      setComp(() => have);
      return;
    }
    setComp(undefined);
    let live = true;
    props.route.load().then(
      (m) => {
        loaded.set(props.route, m.default);
        if (live) setComp(() => m.default);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [props.route]);
  useEffect(() => {
    if (!Comp) return;
    // after a navigation, say where we are: focus the page's heading
    const h = document.getElementById('page-title');
    if (h && document.activeElement?.id !== 'bank-search') h.focus({ preventScroll: true });
  }, [Comp, props.route]);
  if (failed) return <Banner kind="error">This page could not be loaded. Reload to try again.</Banner>;
  if (!Comp) return <Loading />;
  return <Comp params={props.params} />;
}

function App() {
  const user = useSession();
  const { path } = useLocation();
  const hit = find(path);
  useEffect(() => {
    if (user === null && !hit?.route.public) {
      const back = window.location.pathname + window.location.search;
      navigate(`/sign-in${back && back !== '/' ? `?next=${encodeURIComponent(back)}` : ''}`, {
        replace: true,
      });
    }
  }, [user, hit?.route]);
  if (hit?.route.public) return <RoutePage route={hit.route} params={hit.params} />;
  if (user === undefined) return <Loading label="Starting Rubric…" />;
  if (!user) return null;
  return (
    <Shell user={user}>
      {!hit ? (
        <NotFound />
      ) : !hasRole(user, hit.route.roles) ? (
        <Page title={hit.route.title}>
          <Banner kind="error">
            Only {hit.route.roles?.join(' or ')} accounts may open this page; you are signed in as a{' '}
            {user.role}.
          </Banner>
        </Page>
      ) : (
        <RoutePage key={hit.route.path} route={hit.route} params={hit.params} />
      )}
    </Shell>
  );
}

const root = document.getElementById('app');
if (root) {
  render(<App />, root);
  void loadSession();
}
