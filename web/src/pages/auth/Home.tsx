// SPDX-License-Identifier: MIT
// The start page sends each role to its first screen (docs: shared/UI.md's table).
import { useEffect } from 'preact/hooks';
import { navigate } from '../../router';
import { routes } from '../../routes';
import { useSession, type Role } from '../../session';
import { Page } from '../../ui/Page';

const FIRST: Record<Role, string[]> = {
  recruiter: ['/pipeline', '/candidates', '/screenings/new', '/bank'],
  interviewer: ['/interviews', '/bank'],
  admin: ['/admin/users'],
  candidate: ['/practice', '/account'],
};

export default function Home() {
  const user = useSession();
  useEffect(() => {
    if (!user) return;
    const to = FIRST[user.role].find((p) => routes.some((r) => r.path === p)) ?? '/account';
    navigate(to, { replace: true });
  }, [user]);
  return <Page title="Rubric" />;
}
