// SPDX-License-Identifier: MIT
// Moving a candidate to another stage, with the reason asked for (it is kept in their
// history): the "Move to" dialog the pipeline board and the candidate page share, and the
// stages in their order.
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../api';
import { FailureBanner } from './Banner';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { SelectField, TextArea, errorFor } from './Field';

export type Stage = Schemas['CandidateStage'];

export const STAGES: readonly { value: Stage; label: string }[] = [
  { value: 'applied', label: 'Applied' },
  { value: 'screened', label: 'Screened' },
  { value: 'interviewing', label: 'Interviewing' },
  { value: 'offer', label: 'Offer' },
  { value: 'hired', label: 'Hired' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'withdrawn', label: 'Withdrawn' },
];

export function stageLabel(s: string): string {
  return STAGES.find((x) => x.value === s)?.label ?? s;
}

/** Asks where to and why; onMoved gets the candidate as it is now. */
export function MoveDialog(props: {
  candidate: { id: number; name: string; stage: Stage } | null;
  to?: Stage | null;
  onMoved: (c: Schemas['CandidateWithResumes']) => void;
  onCancel: () => void;
}) {
  const c = props.candidate;
  const [to, setTo] = useState<Stage>(props.to ?? 'screened');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [forId, setForId] = useState(0);
  if (c && forId !== c.id) {
    // a new candidate to move: start from their next stage, or where they were dropped
    setForId(c.id);
    const i = STAGES.findIndex((s) => s.value === c.stage);
    setTo(props.to ?? STAGES[Math.min(i + 1, STAGES.length - 1)]?.value ?? 'screened');
    setReason('');
    setFailure(null);
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!c || busy) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/api/v1/candidates/{id}/stage', {
      params: { path: { id: c.id } },
      body: { stage: to, reason: reason.trim() || null },
    });
    setBusy(false);
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    setForId(0);
    props.onMoved(data);
  };
  return (
    <Dialog open={c !== null} title={`Move ${c?.name ?? ''}`} onClose={props.onCancel}>
      <form class="form" onSubmit={submit}>
        <FailureBanner failure={failure} unlessField />
        <p>Now: {stageLabel(c?.stage ?? '')}</p>
        <SelectField label="Move to" value={to} onValue={setTo} options={STAGES.filter((s) => s.value !== c?.stage)} error={errorFor(failure, 'stage')} />
        <TextArea label="Reason" rows={3} maxLength={1000} value={reason} onValue={setReason} hint="Kept in the candidate's history." error={errorFor(failure, 'reason')} />
        <div class="dialog-actions">
          <Button onClick={props.onCancel}>Cancel</Button>
          <Button kind="primary" type="submit" busy={busy}>
            Move
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
