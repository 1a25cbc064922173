// SPDX-License-Identifier: MIT
// Practice progress: what falls due over the next two weeks, the days practised over the
// last thirty (the streak), retention, and each competency's recent ratings, as charts with
// their numbers written out; and the Anki deck to download.
import { api } from '../../api';
import { Link } from '../../router';
import { Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Bars, Meter } from '../../ui/Charts';
import { Columns, Dots } from '../../ui/Columns';
import { formatNumber, plural } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { deckHref } from './scope';
import './practice.css';

const DAY = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });

function dayLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : DAY.format(d);
}

export default function StatsPage() {
  const res = useLoad((signal) => api.GET('/api/v1/practice/stats', { signal }), []);
  const s = res.data;
  if (!s)
    return (
      <Page title="Practice progress">
        {res.failure ? <FailureBanner failure={res.failure} /> : <Loading />}
      </Page>
    );
  const dueTotal = s.due_ahead.reduce((n, d) => n + d.count, 0);
  const practised = s.recent_days.filter((d) => d.practised).length;
  const minutes = Math.round(s.seconds / 60);
  return (
    <Page
      title="Practice progress"
      actions={
        <Link href="/practice" class="btn btn-primary">
          Practise
        </Link>
      }
    >
      <dl class="practice-figures">
        <div>
          <dt>Due today</dt>
          <dd>{s.due_today}</dd>
        </div>
        <div>
          <dt>Streak</dt>
          <dd>{plural(s.streak, 'day')}</dd>
        </div>
        <div>
          <dt>Retention</dt>
          <dd>
            {s.retention === null ? (
              '–'
            ) : (
              <Meter value={s.retention} max={1} label={`${formatNumber(s.retention * 100, 0)}%`} />
            )}
          </dd>
        </div>
        <div>
          <dt>Questions practised</dt>
          <dd>{s.cards}</dd>
        </div>
        <div>
          <dt>Answers</dt>
          <dd>{s.answers}</dd>
        </div>
        <div>
          <dt>Time spent</dt>
          <dd>{plural(minutes, 'minute')}</dd>
        </div>
      </dl>
      <p class="hint">
        Retention is the share of reviews (answers after the first to a question) not rated
        “again”.
      </p>
      <div class="practice-charts">
        <Columns
          title="Due over the next 14 days"
          columns={s.due_ahead.map((d) => ({ label: dayLabel(d.day), value: d.count }))}
          summary={`${plural(dueTotal, 'question')} due over the next 14 days, ${s.due_ahead[0]?.count ?? 0} of them today.`}
        />
        <Dots
          title="Days practised, last 30 days"
          days={s.recent_days.map((d) => ({ label: d.day, on: d.practised }))}
          summary={`Practised on ${practised} of the last 30 days; the streak is ${plural(s.streak, 'day')}.`}
        />
      </div>
      <h2>By competency</h2>
      {s.competencies.length === 0 ? (
        <Empty>No answers yet: the competencies you practise appear here.</Empty>
      ) : (
        <>
          <Bars
            title="Your mean rating over the last 30 days (1 again to 4 easy)"
            max={4}
            bars={s.competencies
              .filter((c) => c.recent_rating !== null)
              .map((c) => ({ label: c.competency, value: c.recent_rating ?? 0 }))}
          />
          {/* focusable, so that a keyboard can scroll it on a narrow screen */}
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Practice by competency">
            <table class="data">
              <caption class="sr-only">Practice by competency</caption>
              <thead>
                <tr>
                  <th scope="col">Competency</th>
                  <th scope="col" class="num">Answers</th>
                  <th scope="col" class="num">Questions</th>
                  <th scope="col" class="num">Recent rating</th>
                  <th scope="col" class="num">Recent coverage</th>
                </tr>
              </thead>
              <tbody>
                {s.competencies.map((c) => (
                  <tr key={c.competency}>
                    <td>{c.competency}</td>
                    <td class="num">{c.answers}</td>
                    <td class="num">{c.questions}</td>
                    <td class="num">{formatNumber(c.recent_rating, 2)}</td>
                    <td class="num">
                      {c.recent_coverage === null ? '–' : `${formatNumber(c.recent_coverage * 100, 0)}%`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {s.weakest.length > 0 && (
            <p>
              Weakest lately: {s.weakest.map((w) => w.competency).join(', ')}. Practising them
              next helps most.
            </p>
          )}
        </>
      )}
      <h2>Anki</h2>
      <p>
        Download every question with points as an Anki deck:{' '}
        <a href={deckHref({}, 'apkg')} download="rubric.apkg">
          .apkg package
        </a>{' '}
        or{' '}
        <a href={deckHref({}, 'csv')} download="rubric.csv">
          CSV for Anki's text import
        </a>
        . Importing a newer deck updates the notes rather than adding copies.
      </p>
    </Page>
  );
}
