// SPDX-License-Identifier: MIT
// The server as an admin checks it: version, store, readiness, and the settings in force.
import { api } from '../../api';
import { Banner, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';

export default function StatusPage() {
  const status = useLoad((signal) => api.GET('/api/v1/status', { signal }), []);
  const s = status.data;
  return (
    <Page title="Status" actions={<Button onClick={status.reload} busy={status.loading}>Check again</Button>}>
      <FailureBanner failure={status.failure} />
      {!s ? (
        !status.failure && <Loading />
      ) : (
        <>
          {s.store.ready ? (
            <Banner kind="success">Ready: the store answers.</Banner>
          ) : (
            <Banner kind="error">Not ready: the store does not answer.</Banner>
          )}
          <dl class="facts">
            <dt>Version</dt>
            <dd>{s.version}</dd>
            <dt>Store</dt>
            <dd>
              <code>{s.store.url}</code>
            </dd>
            <dt>Schema version</dt>
            <dd>{s.store.schema}</dd>
            <dt>Questions</dt>
            <dd>{s.store.questions ?? '–'}</dd>
            <dt>Competencies</dt>
            <dd>{s.store.competencies ?? '–'}</dd>
          </dl>
          <h2>Settings</h2>
          <p class="muted">
            From defaults, the config file, <code>RUBRIC_*</code> variables and flags; see <code>rubric serve --help</code>.
          </p>
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Settings in force">
            <table class="data">
              <caption class="sr-only">Settings in force</caption>
              <thead>
                <tr>
                  <th scope="col">Setting</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(s.settings).map(([k, v]) => (
                  <tr key={k}>
                    <td>
                      <code>{k}</code>
                    </td>
                    <td class="wrap-any">{v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}
