// SPDX-License-Identifier: MIT
// The adverse-impact report for admins: at one decision point, each self-identified group's
// selection rate, its impact ratio against the most selected group, the four-fifths flag and
// Fisher's test, with small groups counted but not shown (docs/FAIRNESS.md). Aggregates only:
// no person is named anywhere on the page.
import { api, type Schemas } from '../../api';
import { setQuery, useQuery } from '../../router';
import { Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Bars } from '../../ui/Charts';
import { SelectField } from '../../ui/Field';
import { formatNumber } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

type Stage = 'screened' | 'interviewing' | 'offer' | 'hired';
const STAGES: { value: Stage; label: string }[] = [
  { value: 'screened', label: 'Screened (of those who applied)' },
  { value: 'interviewing', label: 'Interviewing (of those screened)' },
  { value: 'offer', label: 'Offer (of those interviewed)' },
  { value: 'hired', label: 'Hired (of those offered)' },
];

function label(s: string): string {
  return s.replace(/_/g, ' ');
}

function Table(props: { t: Schemas['FairnessTable'] }) {
  const t = props.t;
  const name = label(t.category);
  return (
    <section aria-labelledby={`cat-${t.category}`}>
      <h2 id={`cat-${t.category}`}>{name}</h2>
      {!t.groups.length ? (
        <Empty>No group large enough to show.</Empty>
      ) : (
        <>
          <div class="table-wrap" tabIndex={0} role="region" aria-label={`Selection by ${name}`}>
            <table class="data">
              <caption class="sr-only">Selection rates by {name}</caption>
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col" class="num">
                    Entered
                  </th>
                  <th scope="col" class="num">
                    Passed
                  </th>
                  <th scope="col" class="num">
                    Selection rate
                  </th>
                  <th scope="col" class="num">
                    Impact ratio
                  </th>
                  <th scope="col">Under four fifths</th>
                  <th scope="col" class="num">
                    Fisher p
                  </th>
                </tr>
              </thead>
              <tbody>
                {t.groups.map((g) => (
                  <tr key={g.group}>
                    <td>
                      {label(g.group)}
                      {g.reference ? ' (reference)' : ''}
                    </td>
                    <td class="num">{g.entered}</td>
                    <td class="num">{g.passed}</td>
                    <td class="num">{formatNumber(g.rate * 100, 1)}%</td>
                    <td class="num">{g.impact_ratio === null ? '–' : formatNumber(g.impact_ratio, 2)}</td>
                    <td>{g.four_fifths ? 'yes' : 'no'}</td>
                    <td class="num">{g.p_value === null ? '–' : formatNumber(g.p_value, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Bars
            title={`Selection rate by ${name} (%)`}
            max={100}
            unit="%"
            bars={t.groups.map((g) => ({ label: label(g.group), value: g.rate * 100, note: g.four_fifths ? '(under four fifths)' : undefined }))}
          />
        </>
      )}
      <p class="muted">
        {t.suppressed.groups ? `${t.suppressed.groups} smaller group(s), ${t.suppressed.entered} people, not shown. ` : ''}
        Not reported (preferred not to say, or no answer): {t.not_reported.entered} entered, {t.not_reported.passed} passed.
      </p>
    </section>
  );
}

export default function FairnessPage() {
  const stage = (useQuery().get('stage') as Stage | null) ?? 'screened';
  const r = useLoad((signal) => api.GET('/api/v1/fairness/report', { signal, params: { query: { stage } } }), [stage]);
  // (the route also answers CSV and HTML; without format it is always JSON)
  const d = typeof r.data === 'string' ? undefined : r.data;
  return (
    <Page title="Fairness" wide>
      <SelectField label="Decision point" value={stage} onValue={(v) => setQuery({ stage: v })} options={STAGES} />
      <FailureBanner failure={r.failure} />
      {!d ? (
        !r.failure && <Loading />
      ) : !d.applications ? (
        <Empty>No application has reached this decision point yet.</Empty>
      ) : (
        <>
          <p>
            {d.applications} applications counted; groups of fewer than {d.min_group} people are not shown.
          </p>
          {[...d.categories, ...d.intersections].map((t) => (
            <Table key={t.category} t={t} />
          ))}
          <ul>
            {d.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
