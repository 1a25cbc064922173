// SPDX-License-Identifier: MIT
// One role profile.
import { api } from '../../api';
import type { PageProps } from '../../router';
import { Link } from '../../router';
import { FailureBanner, Loading } from '../../ui/Banner';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { RoleView } from './RoleView';

export default function RolePage({ params }: PageProps) {
  const id = params.id ?? '';
  const role = useLoad((signal) => api.GET('/api/v1/roles/{id}', { signal, params: { path: { id } } }), [id]);
  return (
    <Page title={role.data?.title ?? 'Role profile'} actions={
        <>
          <Link href={`/roles/${encodeURIComponent(id)}/comparison`}>Compare its candidates</Link> · <Link href="/admin/roles">All roles</Link>
        </>
      }
    >
      <FailureBanner failure={role.failure} />
      {role.data ? <RoleView role={role.data} /> : !role.failure && <Loading />}
    </Page>
  );
}
