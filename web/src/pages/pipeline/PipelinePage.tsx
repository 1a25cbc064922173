// SPDX-License-Identifier: MIT
// The pipeline: a board with a lane per stage and its count. A candidate moves by drag and
// drop, or by keyboard with the "Move to" button on each card; either way the move asks for
// its reason. (Per opening once openings land; until then, by the candidates' stages.)
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api';
import { Link } from '../../router';
import { Banner, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { MoveDialog, STAGES, stageLabel, type Stage } from '../../ui/MoveStage';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

type Candidate = Schemas['Candidate'];

export default function PipelinePage() {
  const [tick, setTick] = useState(0);
  const [moving, setMoving] = useState<{ c: Candidate; to: Stage | null } | null>(null);
  const [over, setOver] = useState<Stage | null>(null);
  const [filter, setFilter] = useState('');
  const [notice, setNotice] = useState('');
  const list = useLoad((signal) => api.GET('/api/v1/candidates', { signal, params: { query: { limit: 500 } } }), [tick]);
  const f = filter.trim().toLowerCase();
  const items = (list.data?.items ?? []).filter(
    (c) => !c.erased_at && (!f || c.name.toLowerCase().includes(f) || (c.email ?? '').includes(f)),
  );
  const byId = new Map(items.map((c) => [c.id, c]));
  return (
    <Page title="Pipeline" wide actions={<Link href="/screenings/new">New screening</Link>}>
      {notice && <Banner kind="success">{notice}</Banner>}
      <FailureBanner failure={list.failure} />
      <div class="filters">
        <TextField label="Show only candidates whose name or email contains" type="search" value={filter} onValue={setFilter} />
      </div>
      {list.data && list.data.total > list.data.items.length && (
        <Banner kind="warning">The board shows the first {list.data.items.length} of {list.data.total} candidates: search to find the others.</Banner>
      )}
      {!list.data ? (
        !list.failure && <Loading />
      ) : (
        <div class="board" aria-label="Stages">
          {STAGES.map((s) => {
            const here = items.filter((c) => c.stage === s.value);
            return (
              <section
                key={s.value}
                class={over === s.value ? 'lane drop-target' : 'lane'}
                aria-labelledby={`lane-${s.value}`}
                onDragOver={(e) => {
                  e.preventDefault();
                  setOver(s.value);
                }}
                onDragLeave={() => setOver(null)}
                onDrop={(e) => {
                  e.preventDefault();
                  setOver(null);
                  const c = byId.get(Number(e.dataTransfer?.getData('text/plain')));
                  if (c && c.stage !== s.value) setMoving({ c, to: s.value });
                }}
              >
                <h2 id={`lane-${s.value}`}>
                  <span>{s.label}</span> <span class="badge">{here.length}</span>
                </h2>
                <ul>
                  {here.map((c) => (
                    <li
                      key={c.id}
                      class="cand-card"
                      draggable
                      onDragStart={(e) => e.dataTransfer?.setData('text/plain', String(c.id))}
                    >
                      <Link href={`/candidates/${c.id}`}>{c.name}</Link>
                      {c.role && <div class="muted">{c.role}</div>}
                      <div class="actions">
                        <Button kind="link" onClick={() => setMoving({ c, to: null })}>
                          Move to…<span class="sr-only"> another stage: {c.name}</span>
                        </Button>
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
      <MoveDialog
        candidate={moving?.c ?? null}
        to={moving?.to ?? null}
        onCancel={() => setMoving(null)}
        onMoved={(x) => {
          setMoving(null);
          setNotice(`${x.name} moved to ${stageLabel(x.stage)}.`);
          setTick((t) => t + 1);
        }}
      />
    </Page>
  );
}
