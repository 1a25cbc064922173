// SPDX-License-Identifier: MIT
// Practice's start: today's due questions and the streak, a scope (role, level, stage) and a
// Start button; the Anki deck of the same scope to download.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Link, navigate } from '../../router';
import { FailureBanner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/Field';
import { plural } from '../../ui/format';
import { Page } from '../../ui/Page';
import { LEVELS, STAGES, type Level, type Stage } from '../../ui/questions';
import { useLoad } from '../../ui/useLoad';
import { deckHref, scopeQuery, type Scope } from './scope';
import './practice.css';

export default function PracticePage() {
  const stats = useLoad((signal) => api.GET('/api/v1/practice/stats', { signal }), []);
  const roles = useLoad((signal) => api.GET('/api/v1/roles', { params: { query: { limit: 500 } }, signal }), []);
  const [role, setRole] = useState('');
  const [level, setLevel] = useState<Level | ''>('');
  const [stage, setStage] = useState<Stage | ''>('');
  const scope: Scope = {};
  if (role) scope.role = role;
  if (level) scope.level = level;
  if (stage) scope.stage = stage;
  const s = stats.data;

  return (
    <Page
      title="Practice"
      actions={
        <Link href="/practice/stats" class="btn btn-secondary">
          Progress
        </Link>
      }
    >
      <FailureBanner failure={stats.failure ?? roles.failure} />
      {s && (
        <ul class="practice-summary" aria-label="Today">
          <li>
            <strong>{s.due_today}</strong> due today
          </li>
          <li>
            <strong>{plural(s.streak, 'day')}</strong> in a row
          </li>
          <li>
            <strong>{s.cards}</strong> questions practised
          </li>
        </ul>
      )}
      <form
        class="practice-scope"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/practice/session${scopeQuery(scope)}`);
        }}
      >
        <SelectField
          label="Role"
          value={role}
          onValue={setRole}
          hint="Questions of the role's competencies, at its level."
          options={[
            { value: '', label: 'Any role' },
            ...(roles.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title} (${r.level})` })),
          ]}
        />
        <SelectField
          label="Level"
          value={level}
          onValue={setLevel}
          options={[{ value: '', label: role ? "The role's level" : 'Any level' }, ...LEVELS]}
        />
        <SelectField
          label="Stage"
          value={stage}
          onValue={setStage}
          hint="The kinds of question that stage asks."
          options={[{ value: '', label: 'Any stage' }, ...STAGES.map((x) => ({ value: x.value, label: x.label }))]}
        />
        <div class="practice-go">
          <Button type="submit" kind="primary">
            Start
          </Button>
        </div>
      </form>
      <p>
        Due reviews come first, then new questions. Each question has a timer set to the
        minutes an interview gives it; you rate your own answer, and the question comes back
        when you are about to forget it.
      </p>
      <p>
        Practise elsewhere: download these questions as an Anki deck (
        <a href={deckHref(scope, 'apkg')} download="rubric.apkg">
          .apkg package
        </a>{' '}
        or{' '}
        <a href={deckHref(scope, 'csv')} download="rubric.csv">
          CSV
        </a>
        ).
      </p>
    </Page>
  );
}
