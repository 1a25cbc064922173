// SPDX-License-Identifier: MIT
// A new screening: against a role, or a job description pasted or read from a text file,
// whose criteria are shown before anything runs; resumes dropped as many files or a whole
// folder, each uploaded with its own progress; blind mode; then the job starts.
import { useRef, useState } from 'preact/hooks';
import { api, failureOf, upload, type Failure, type Schemas } from '../../api';
import { navigate } from '../../router';
import { Banner, FailureBanner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { Criteria } from '../../ui/Criteria';
import { Checkbox, SelectField, TextArea, errorFor } from '../../ui/Field';
import { plural } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useLoad } from '../../ui/useLoad';
import '../../ui/hiring.css';

interface Item {
  key: string;
  file: File;
  progress: number;
  id?: number;
  error?: string;
}

const PARALLEL = 3;

export default function NewScreeningPage() {
  const roles = useLoad((signal) => api.GET('/api/v1/roles', { signal }), []);
  const [against, setAgainst] = useState<'job' | 'role'>('job');
  const [role, setRole] = useState('');
  const [job, setJob] = useState('');
  const [criteria, setCriteria] = useState<Schemas['Role'] | null>(null);
  const [reading, setReading] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const [blind, setBlind] = useState(false);
  const [busy, setBusy] = useState(false);
  const itemsRef = useRef<Item[]>([]);
  itemsRef.current = items;

  const read = async () => {
    setReading(true);
    setCriteria(null);
    if (against === 'job') {
      const { data, error, response } = await api.POST('/api/v1/jobs/read', { body: { job } });
      setReading(false);
      if (!data) return setFailure(failureOf(error, response));
      setFailure(null);
      setCriteria(data);
    } else {
      const { data, error, response } = await api.GET('/api/v1/roles/{id}', { params: { path: { id: role } } });
      setReading(false);
      if (!data) return setFailure(failureOf(error, response));
      setFailure(null);
      setCriteria(data);
    }
  };

  const patch = (key: string, p: Partial<Item>) => setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...p } : x)));

  const send = async (it: Item) => {
    const form = new FormData();
    form.append('file', it.file, it.file.name);
    try {
      const r = await upload('/api/v1/resumes', form, (f) => patch(it.key, { progress: f }));
      const body = r.body as Schemas['UploadedResumes'] | Schemas['Problem'] | null;
      if (r.status === 201 && body && 'items' in body) {
        const u = body.items[0];
        patch(it.key, { progress: 1, id: u?.id, error: u?.error ?? undefined });
      } else {
        patch(it.key, { progress: 1, error: body && 'detail' in body ? (body.detail ?? body.title) : `the server answered ${r.status}` });
      }
    } catch (e) {
      patch(it.key, { error: e instanceof Error ? e.message : String(e) });
    }
  };

  const add = async (files: File[]) => {
    const fresh = files.map((file, i) => ({ key: `${Date.now()}-${i}-${file.name}`, file, progress: 0 }));
    setItems((xs) => [...xs, ...fresh]);
    let next = 0;
    const worker = async () => {
      while (next < fresh.length) {
        const it = fresh[next++];
        if (it) await send(it);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, fresh.length) }, worker));
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const dt = e.dataTransfer;
    if (!dt) return;
    // folders: walk the entries; plain files otherwise
    const entries = [...dt.items].map((i) => i.webkitGetAsEntry?.()).filter((x): x is FileSystemEntry => !!x);
    if (!entries.some((x) => x.isDirectory)) return add([...dt.files]);
    const files: File[] = [];
    const walk = async (entry: FileSystemEntry, depth: number): Promise<void> => {
      if (entry.isFile) {
        files.push(await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej)));
      } else if (entry.isDirectory && depth < 8) {
        const reader = (entry as FileSystemDirectoryEntry).createReader();
        for (let round = 0; round < 1000; round++) {
          const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
          if (!batch.length) break;
          for (const b of batch) await walk(b, depth + 1);
        }
      }
    };
    for (const x of entries) await walk(x, 0);
    await add(files);
  };

  const ids = items.filter((x) => x.id && !x.error).map((x) => x.id as number);
  const uploading = items.some((x) => x.progress < 1 && !x.error);
  const start = async () => {
    if (busy) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/api/v1/screenings', {
      body: { ...(against === 'job' ? { job } : { role }), resumes: ids, blind },
    });
    setBusy(false);
    if (!data) return setFailure(failureOf(error, response));
    navigate(`/screenings/${data.id}`);
  };

  return (
    <Page title="New screening">
      <FailureBanner failure={failure} unlessField />
      <section aria-labelledby="against-h">
        <h2 id="against-h">1. What to screen for</h2>
        <SelectField
          label="Screen against"
          value={against}
          onValue={(v) => {
            setAgainst(v);
            setCriteria(null);
          }}
          options={[
            { value: 'job', label: 'A job description' },
            { value: 'role', label: 'A role profile' },
          ]}
        />
        {against === 'role' ? (
          <SelectField
            label="Role"
            value={role}
            onValue={(v) => {
              setRole(v);
              setCriteria(null);
            }}
            options={[{ value: '', label: 'Choose a role' }, ...(roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))]}
            error={errorFor(failure, 'role')}
          />
        ) : (
          <>
            <TextArea
              label="Job description"
              rows={10}
              maxLength={65536}
              value={job}
              onValue={(v) => {
                setJob(v);
                setCriteria(null);
              }}
              hint="Paste it, or read it from a text file below. Requirements and nice-to-haves are told apart by their headings."
              error={errorFor(failure, 'job')}
            />
            <div class="field">
              <label for="job-file">Read the job description from a text file</label>
              <input
                id="job-file"
                type="file"
                accept=".txt,.md,text/plain,text/markdown"
                onChange={async (e) => {
                  const f = (e.currentTarget as HTMLInputElement).files?.[0];
                  if (f) {
                    setJob(await f.text());
                    setCriteria(null);
                  }
                }}
              />
            </div>
          </>
        )}
        <Button busy={reading} disabled={against === 'job' ? !job.trim() : !role} onClick={read}>
          Show the criteria
        </Button>
        {criteria && (
          <div class="card" aria-live="polite">
            <h3>The criteria read</h3>
            <Criteria role={criteria} />
          </div>
        )}
      </section>
      <section aria-labelledby="files-h">
        <h2 id="files-h">2. Resumes</h2>
        <div
          class={over ? 'dropzone over' : 'dropzone'}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <p>Drop resume files or a whole folder here (PDF, DOCX, HTML, Markdown, text, JSON Resume), or choose them:</p>
          <div class="form-row">
            <div class="field">
              <label for="resume-files">Resume files</label>
              <input id="resume-files" type="file" multiple onChange={(e) => add([...((e.currentTarget as HTMLInputElement).files ?? [])])} />
            </div>
            <div class="field">
              <label for="resume-folder">A folder of resumes</label>
              <input
                id="resume-folder"
                type="file"
                multiple
                {...{ webkitdirectory: true }}
                onChange={(e) => add([...((e.currentTarget as HTMLInputElement).files ?? [])])}
              />
            </div>
          </div>
        </div>
        {items.length > 0 && (
          <>
            <p role="status" aria-live="polite">
              {plural(items.filter((x) => x.progress >= 1 || x.error).length, 'file')} of {items.length} uploaded; {plural(ids.length, 'resume')} ready
              {items.some((x) => x.error) ? `, ${items.filter((x) => x.error).length} not readable` : ''}.
            </p>
            <ul class="file-list" aria-label="Uploads">
              {items.map((x) => (
                <li key={x.key}>
                  <span>{x.file.webkitRelativePath || x.file.name}</span>
                  {x.error ? (
                    <span class="error">{x.error}</span>
                  ) : x.progress >= 1 && x.id ? (
                    <span class="badge badge-success">✓ uploaded</span>
                  ) : (
                    <progress max={1} value={x.progress} aria-label={`Upload of ${x.file.name}`} />
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="run-h">
        <h2 id="run-h">3. Screen</h2>
        <Checkbox
          label="Blind: hide names, contact details, photos and other personal lines from the ranking"
          checked={blind}
          onChecked={setBlind}
        />
        {!criteria && <Banner kind="info">Look at the criteria first: “Show the criteria” above.</Banner>}
        <Button kind="primary" busy={busy} disabled={!criteria || !ids.length || uploading} onClick={start}>
          Screen {plural(ids.length, 'resume')}
        </Button>
      </section>
    </Page>
  );
}
