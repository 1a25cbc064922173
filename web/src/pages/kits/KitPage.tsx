// SPDX-License-Identifier: MIT
// A stored kit, to read and to print.
import { api } from '../../api';
import type { PageProps } from '../../router';
import { Link } from '../../router';
import { FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { KitView } from './KitView';
import './kits.css';

export default function KitPage({ params }: PageProps) {
  const id = Number(params.id);
  const res = useKit(id);
  const kit = res.data;
  return (
    <Page
      title={kit ? `Interview kit: ${kit.role_title}` : 'Interview kit'}
      actions={
        <>
          <Link href="/kits/new" class="btn btn-secondary">
            New kit
          </Link>
          {kit && (
            <Button kind="primary" onClick={() => window.print()}>
              Print
            </Button>
          )}
        </>
      }
    >
      <FailureBanner failure={res.failure} />
      {!kit && !res.failure && <Loading />}
      {kit && (
        <>
          <p class="no-print">
            Kit {kit.id}
            {kit.candidate ? `, for ${kit.candidate}` : ''}: stored, so later kits for the same
            candidate leave its questions out.
          </p>
          <KitView kit={kit} />
        </>
      )}
    </Page>
  );
}

function useKit(id: number) {
  return useLoad((signal) => api.GET('/api/v1/kits/{id}', { params: { path: { id } }, signal }), [id]);
}

