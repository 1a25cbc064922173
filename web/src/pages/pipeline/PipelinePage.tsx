// SPDX-License-Identifier: MIT
// The pipeline of one opening: a lane per stage of that opening, with the count the server
// gives for each. An application moves by drag and drop, or by keyboard with the "Move to"
// button on each card; either way the move asks for its reason. The opening chosen is in
// the address (?opening=), so a reload or a shared link shows the same board.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Link, setQuery, useQuery } from '../../router';
import { Banner, Empty, FailureBanner, Loading } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { formatNumber } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import { MoveApplicationDialog, type Application } from './MoveApplication';
import '../../ui/hiring.css';

const BOARD_LIMIT = 500;

/** A stage's name as a heading: 'phone screen' -> 'Phone screen'. */
export function stageTitle(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export default function PipelinePage() {
  const query = useQuery();
  const [tick, setTick] = useState(0);
  const [moving, setMoving] = useState<{ a: Application; to: string | null } | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [notice, setNotice] = useState('');
  const openings = useLoad((signal) => api.GET('/api/v1/openings', { signal, params: { query: { limit: 100 } } }), []);
  const list = openings.data?.items ?? [];
  // the opening in the address, else the first open one, else the first
  const asked = Number(query.get('opening'));
  const chosen = list.find((o) => o.id === asked) ?? list.find((o) => o.status === 'open') ?? list[0];
  const id = chosen?.id ?? 0;
  const q = filter.trim();
  const board = useLoad(
    (signal) =>
      api.GET('/api/v1/openings/{id}/applications', {
        signal,
        params: { path: { id }, query: { limit: BOARD_LIMIT, ...(q ? { q } : {}) } },
      }),
    [id, q, tick],
  );
  const items = id && board.data ? board.data.items.filter((a) => a.opening === id) : [];
  const counts = new Map((board.data?.counts ?? []).map((c) => [c.stage, c.count]));
  const byId = new Map(items.map((a) => [a.id, a]));
  const stages = chosen?.stages ?? [];
  return (
    <Page
      title="Pipeline"
      wide
      actions={
        <>
          {chosen && <Link href={`/openings/${chosen.id}`}>Opening details</Link>} <Link href="/screenings/new">New screening</Link>
        </>
      }
    >
      {notice && <Banner kind="success">{notice}</Banner>}
      <FailureBanner failure={openings.failure ?? board.failure} />
      {!openings.data ? (
        !openings.failure && <Loading />
      ) : !chosen ? (
        <Empty>
          No openings yet. <Link href="/openings">Add an opening</Link> to start a pipeline.
        </Empty>
      ) : (
        <>
          <div class="form-row filters">
            <SelectField
              label="Opening"
              value={String(id)}
              onValue={(v) => {
                setNotice('');
                setQuery({ opening: v });
              }}
              options={list.map((o) => ({ value: String(o.id), label: `${o.title} (${o.status})` }))}
            />
            <TextField label="Show only applicants whose name or email contains" type="search" value={filter} onValue={setFilter} />
          </div>
          {board.data && board.data.total > items.length && (
            <Banner kind="warning">
              The board shows the first {items.length} of {board.data.total} applications: search to find the others.
            </Banner>
          )}
          {!board.data ? (
            !board.failure && <Loading />
          ) : (
            <div class="board" aria-label={`Stages of ${chosen.title}`}>
              {stages.map((s, i) => {
                const here = items.filter((a) => a.stage === s.name);
                const lane = `lane-${i}`;
                return (
                  <section
                    key={s.name}
                    class={over === s.name ? 'lane drop-target' : 'lane'}
                    aria-labelledby={lane}
                    onDragOver={(e) => {
                      e.preventDefault();
                      setOver(s.name);
                    }}
                    onDragLeave={() => setOver(null)}
                    onDrop={(e) => {
                      e.preventDefault();
                      setOver(null);
                      const a = byId.get(Number(e.dataTransfer?.getData('text/plain')));
                      if (a && a.stage !== s.name) setMoving({ a, to: s.name });
                    }}
                  >
                    <h2 id={lane}>
                      <span>{stageTitle(s.name)}</span> <span class="badge">{counts.get(s.name) ?? here.length}</span>
                      <span class="sr-only"> applications</span>
                    </h2>
                    <ul>
                      {here.map((a) => (
                        <li key={a.id} class="cand-card" draggable onDragStart={(e) => e.dataTransfer?.setData('text/plain', String(a.id))}>
                          <Link href={`/candidates/${a.candidate}`}>{a.name}</Link>
                          <div class="muted">
                            {a.score !== null ? `score ${formatNumber(a.score, 0)} · ` : ''}
                            {a.source}
                          </div>
                          <div class="actions">
                            <Button kind="link" onClick={() => setMoving({ a, to: null })}>
                              Move to…<span class="sr-only"> another stage: {a.name}</span>
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
        </>
      )}
      <MoveApplicationDialog
        application={moving?.a ?? null}
        stages={stages}
        to={moving?.to ?? null}
        onCancel={() => setMoving(null)}
        onMoved={(x) => {
          setMoving(null);
          setNotice(`${x.name} moved to ${stageTitle(x.stage)}.`);
          setTick((t) => t + 1);
        }}
      />
    </Page>
  );
}
