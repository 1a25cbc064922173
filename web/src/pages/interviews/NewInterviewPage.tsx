// SPDX-License-Identifier: MIT
// Scheduling an interview: the candidate, the stage, the panel (picked from who may
// interview), minutes and time. The server builds the kit for the candidate's role and
// freezes it in the interview.
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import { navigate, useQuery } from '../../router';
import { FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField, TextField, errorFor } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

type Stage = Schemas['Stage'];
const STAGES: { value: Stage; label: string }[] = [
  { value: 'screen', label: 'Screen' },
  { value: 'technical', label: 'Technical' },
  { value: 'system-design', label: 'System design' },
  { value: 'behavioral', label: 'Behavioral' },
  { value: 'onsite', label: 'Onsite' },
];

export default function NewInterviewPage() {
  const q = useQuery();
  const [candidate, setCandidate] = useState(q.get('candidate') ?? '');
  const [stage, setStage] = useState<Stage>('technical');
  const [panel, setPanel] = useState<string[]>([]);
  const [minutes, setMinutes] = useState('45');
  const [at, setAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const people = useLoad((signal) => api.GET('/api/v1/interviewers', { signal }), []);
  const cands = useLoad((signal) => api.GET('/api/v1/candidates', { signal, params: { query: { limit: 500 } } }), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const when = at ? new Date(at) : null;
    const { data, error, response } = await api.POST('/api/v1/interviews', {
      body: {
        candidate: Number(candidate),
        stage,
        interviewers: panel,
        minutes: Number(minutes) || undefined,
        ...(when && !Number.isNaN(when.getTime()) ? { scheduled_at: when.toISOString().replace(/\.\d+Z$/, 'Z') } : {}),
      },
    });
    setBusy(false);
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    navigate(`/candidates/${data.candidate}`);
  };
  const options = (cands.data?.items ?? []).filter((c) => !c.erased_at).map((c) => ({ value: String(c.id), label: c.name }));
  return (
    <Page title="Schedule an interview">
      <FailureBanner failure={failure} unlessField />
      <FailureBanner failure={people.failure ?? cands.failure} />
      {!people.data || !cands.data ? (
        <Loading />
      ) : (
        <form class="form" onSubmit={submit}>
          <SelectField
            label="Candidate"
            value={candidate}
            onValue={setCandidate}
            required
            options={[{ value: '', label: 'Choose a candidate' }, ...options]}
            error={errorFor(failure, 'candidate')}
          />
          <SelectField label="Stage" value={stage} onValue={setStage} options={STAGES} error={errorFor(failure, 'stage')} />
          <fieldset class="scale">
            <legend>Panel</legend>
            {people.data.items.map((p) => {
              const id = `panel-${p.email}`;
              return (
                <div class="field field-check" key={p.email}>
                  <input
                    type="checkbox"
                    id={id}
                    checked={panel.includes(p.email)}
                    onChange={(e) => {
                      const on = (e.currentTarget as HTMLInputElement).checked;
                      setPanel(on ? [...panel, p.email] : panel.filter((x) => x !== p.email));
                    }}
                  />
                  <label for={id}>
                    {p.name ? `${p.name} (${p.email})` : p.email} <span class="muted">{p.role}</span>
                  </label>
                </div>
              );
            })}
            {errorFor(failure, 'interviewers') && <p class="error">{errorFor(failure, 'interviewers')}</p>}
          </fieldset>
          <TextField label="Minutes" type="number" min={5} max={240} value={minutes} onValue={setMinutes} error={errorFor(failure, 'minutes')} />
          <TextField label="When (optional)" type="datetime-local" value={at} onValue={setAt} error={errorFor(failure, 'scheduled_at')} />
          <div>
            <Button kind="primary" type="submit" busy={busy} disabled={!candidate || !panel.length}>
              Schedule
            </Button>
          </div>
        </form>
      )}
    </Page>
  );
}
