// SPDX-License-Identifier: MIT
// Moving an application to another stage of its opening, with the reason asked for (kept in
// the application's history): the board opens it from a card's "Move to" button (keyboard)
// or from a drop on a lane (mouse), which chooses the stage beforehand.
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import { FailureBanner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { SelectField, TextArea, errorFor } from '../../ui/Field';

export type Application = Schemas['Application'];
export type OpeningStage = Schemas['OpeningStage'];

/** Asks where to and why; onMoved gets the application as it is now. */
export function MoveApplicationDialog(props: {
  application: Application | null;
  stages: readonly OpeningStage[];
  to?: string | null;
  onMoved: (a: Schemas['ApplicationWithHistory']) => void;
  onCancel: () => void;
}) {
  const a = props.application;
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [forId, setForId] = useState(0);
  if (a && forId !== a.id) {
    // a new application to move: start from its next stage, or where it was dropped
    setForId(a.id);
    const i = props.stages.findIndex((s) => s.name === a.stage);
    const next = props.stages[Math.min(i + 1, props.stages.length - 1)]?.name ?? '';
    setTo(props.to ?? (next === a.stage ? (props.stages[0]?.name ?? '') : next));
    setReason('');
    setFailure(null);
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!a || busy) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/api/v1/applications/{id}/stage', {
      params: { path: { id: a.id } },
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
  const options = props.stages.filter((s) => s.name !== a?.stage).map((s) => ({ value: s.name, label: s.name.charAt(0).toUpperCase() + s.name.slice(1) }));
  return (
    <Dialog open={a !== null} title={`Move ${a?.name ?? ''}`} onClose={props.onCancel}>
      <form class="form" onSubmit={submit}>
        <FailureBanner failure={failure} unlessField />
        <p>
          Now: {a?.stage ?? ''} <span class="muted">({a?.opening_title ?? ''})</span>
        </p>
        <SelectField label="Move to" value={to} onValue={setTo} options={options} error={errorFor(failure, 'stage')} />
        <TextArea label="Reason" rows={3} maxLength={1000} value={reason} onValue={setReason} hint="Kept in the application's history." error={errorFor(failure, 'reason')} />
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
