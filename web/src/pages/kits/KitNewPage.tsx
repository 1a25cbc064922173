// SPDX-License-Identifier: MIT
// Building a kit: a role, a stage, the minutes and, optionally, who it is for. The kit is
// shown before it is stored (a preview built exactly as the stored one will be), with its
// coverage and each question's alternates; swapping one in rebuilds the same kit (same seed)
// with the swaps applied. Saving stores it (for the candidate, when named) and opens it.
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure } from '../../api';
import { navigate } from '../../router';
import { Banner, FailureBanner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { errorFor, SelectField, TextField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { LEVELS, STAGES, type Level, type Stage } from '../../ui/questions';
import { useLoad } from '../../ui/useLoad';
import { KitView, type Kit } from './KitView';
import './kits.css';

interface Asked {
  role: string;
  stage: Stage;
  level: Level | undefined;
  minutes: number | undefined;
  candidate: string | undefined;
}

interface Swap {
  question: string;
  alternate: string;
}

export default function KitNewPage() {
  const roles = useLoad((signal) => api.GET('/api/v1/roles', { params: { query: { limit: 500 } }, signal }), []);
  const [role, setRole] = useState('');
  const [stage, setStage] = useState<Stage>('technical');
  const [level, setLevel] = useState<Level | ''>('');
  const [minutes, setMinutes] = useState('');
  const [candidate, setCandidate] = useState('');
  const [kit, setKit] = useState<Kit | null>(null);
  const [swaps, setSwaps] = useState<Swap[]>([]);
  const [busy, setBusy] = useState<'' | 'build' | 'swap' | 'save'>('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [said, setSaid] = useState('');

  const roleId = role || roles.data?.items[0]?.id || '';
  /** The form as it is now: what "Build" asks for. */
  const fromForm = (): Asked => ({
    role: roleId,
    stage,
    level: level || undefined,
    minutes: minutes ? Number(minutes) : undefined,
    candidate: candidate.trim() || undefined,
  });
  // swaps and saving repeat what built the kit shown, whatever the form says since
  const [asked, setAsked] = useState<Asked | null>(null);

  const build = async (a: Asked, seed: number | undefined, sw: Swap[], what: 'build' | 'swap') => {
    if (busy) return false;
    setBusy(what);
    setFailure(null);
    const { data, error, response } = await api.POST('/api/v1/kits', {
      body: { ...a, seed, swaps: sw.length ? sw : undefined, save: false },
    });
    setBusy('');
    if (!data) {
      setFailure(failureOf(error, response));
      return false;
    }
    setKit(data);
    setSwaps(sw);
    setAsked(a);
    return true;
  };

  const swap = async (question: string, alternate: string) => {
    if (!kit || !asked) return;
    const title = kit.questions.find((q) => q.id === question)?.alternates.find((a) => a.id === alternate)?.title;
    if (await build(asked, kit.seed, [...swaps, { question, alternate }], 'swap'))
      setSaid(`Swapped in “${title ?? alternate}”.`);
  };

  const save = async () => {
    if (!kit || !asked || busy) return;
    setBusy('save');
    setFailure(null);
    const { data, error, response } = await api.POST('/api/v1/kits', {
      body: { ...asked, seed: kit.seed, swaps: swaps.length ? swaps : undefined, save: true },
    });
    if (!data?.id) {
      setBusy('');
      setFailure(failureOf(error, response));
      return;
    }
    navigate(`/kits/${data.id}`);
  };

  return (
    <Page
      title="New interview kit"
      actions={
        kit && (
          <>
            <Button onClick={() => window.print()}>Print</Button>
            <Button kind="primary" busy={busy === 'save'} disabled={!!busy} onClick={save}>
              {asked?.candidate ? `Save for ${asked.candidate}` : 'Save kit'}
            </Button>
          </>
        )
      }
    >
      <form
        class="kit-form no-print"
        onSubmit={(e) => {
          e.preventDefault();
          setSaid('');
          void build(fromForm(), undefined, [], 'build');
        }}
      >
        <SelectField
          label="Role"
          value={roleId}
          onValue={setRole}
          required
          error={errorFor(failure, 'role')}
          options={(roles.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title} (${r.level})` }))}
        />
        <SelectField
          label="Stage"
          value={stage}
          onValue={setStage}
          error={errorFor(failure, 'stage')}
          options={STAGES.map((s) => ({ value: s.value, label: `${s.label} (${s.minutes} min)` }))}
        />
        <SelectField
          label="Level"
          value={level}
          onValue={setLevel}
          error={errorFor(failure, 'level')}
          options={[{ value: '', label: "The role's level" }, ...LEVELS]}
        />
        <TextField
          label="Minutes"
          type="number"
          min={1}
          max={600}
          inputMode="numeric"
          value={minutes}
          onValue={setMinutes}
          hint="Leave empty for the stage's usual length."
          error={errorFor(failure, 'minutes')}
        />
        <TextField
          label="Candidate (optional)"
          value={candidate}
          onValue={setCandidate}
          maxLength={100}
          hint="Leaves out questions of the candidate's earlier kits."
          error={errorFor(failure, 'candidate')}
        />
        <div class="kit-form-go">
          <Button type="submit" kind={kit ? 'secondary' : 'primary'} busy={busy === 'build'} disabled={!!busy || !roleId}>
            {kit ? 'Build again' : 'Build kit'}
          </Button>
        </div>
      </form>
      {kit && asked && JSON.stringify(asked) !== JSON.stringify(fromForm()) && (
        <p class="hint no-print" role="status">
          The form has changed since this kit was built: build again to use it. Swapping and
          saving keep the kit shown.
        </p>
      )}
      <FailureBanner failure={roles.failure} />
      {failure && !errorFor(failure, 'role', 'stage', 'level', 'minutes', 'candidate') && (
        <FailureBanner failure={failure} />
      )}
      <p class="sr-only" role="status" aria-live="polite">
        {busy === 'swap' ? 'Swapping…' : said}
      </p>
      {said && !busy && <Banner kind="success">{said} The kit is not stored until you save it.</Banner>}
      {kit && <KitView kit={kit} onSwap={swap} busy={!!busy} />}
    </Page>
  );
}
