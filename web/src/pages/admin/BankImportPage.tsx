// SPDX-License-Identifier: MIT
// Bringing a Markdown question list into the bank: upload or paste it, see what would be
// added (and what is skipped, and why), then confirm.
import { useState } from 'preact/hooks';
import { api, failureOf, type Failure, type Schemas } from '../../api';
import { Banner, FailureBanner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { TextArea, TextField, errorFor } from '../../ui/Field';
import { plural } from '../../ui/format';
import { Page } from '../../ui/Page';

type Imported = Schemas['BankImported'];

export default function BankImportPage() {
  const [markdown, setMarkdown] = useState('');
  const [source, setSource] = useState('');
  const [competency, setCompetency] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [preview, setPreview] = useState<Imported | null>(null);
  const [done, setDone] = useState<Imported | null>(null);
  const send = async (dry: boolean) => {
    if (busy) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/api/v1/bank/imports', {
      body: { markdown, source: source.trim() || null, competency: competency.trim() || null, dry_run: dry },
    });
    setBusy(false);
    if (!data) {
      setFailure(failureOf(error, response));
      return;
    }
    setFailure(null);
    if (dry) {
      setPreview(data);
      setDone(null);
    } else {
      setPreview(null);
      setDone(data);
      setMarkdown('');
    }
  };
  const onFile = async (e: Event) => {
    const f = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!f) return;
    setMarkdown(await f.text());
    if (!source) setSource(f.name);
  };
  return (
    <Page title="Import questions">
      <p class="muted">
        A Markdown list of interview questions, as people keep them on GitHub. Imported questions have no guidance until
        someone writes it; the same question is never added twice.
      </p>
      {done && (
        <Banner kind="success">
          {plural(done.added, 'question')} added
          {done.skipped.length ? `, ${done.skipped.length} skipped` : ''}.
        </Banner>
      )}
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <FailureBanner failure={failure} unlessField />
        <div class="field">
          <label for="md-file">Markdown file</label>
          <input id="md-file" type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" onChange={onFile} />
        </div>
        <TextArea label="Or paste the list" rows={10} value={markdown} onValue={setMarkdown} error={errorFor(failure, 'markdown')} />
        <TextField label="Source (optional)" value={source} onValue={setSource} hint="Recorded with each question." error={errorFor(failure, 'source')} />
        <TextField
          label="Competency (optional)"
          value={competency}
          onValue={setCompetency}
          hint="An existing competency id; by default the questions go to 'imported'."
          error={errorFor(failure, 'competency')}
        />
        <div>
          <Button kind="primary" type="submit" busy={busy} disabled={!markdown.trim()}>
            Show what would be imported
          </Button>
        </div>
      </form>
      {preview && (
        <section class="card preview" aria-labelledby="preview-h">
          <h2 id="preview-h" tabIndex={-1}>
            {plural(preview.added, 'question')} would be added
          </h2>
          {preview.questions.length > 0 && (
            <div class="table-wrap" tabIndex={0} role="region" aria-label="Questions that would be added">
              <table class="data">
                <caption class="sr-only">Questions that would be added</caption>
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      Line
                    </th>
                    <th scope="col">Question</th>
                    <th scope="col">Section</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.questions.map((q) => (
                    <tr key={q.id}>
                      <td class="num">{q.line}</td>
                      <td>{q.text}</td>
                      <td>{q.topic ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.skipped.length > 0 && (
            <>
              <h3>Skipped</h3>
              <ul>
                {preview.skipped.map((s, i) => (
                  <li key={i}>
                    line {s.line}: {s.text} <span class="muted">({s.reason})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div class="form-row">
            <Button kind="primary" busy={busy} disabled={preview.added === 0} onClick={() => send(false)}>
              Import {plural(preview.added, 'question')}
            </Button>
            <Button onClick={() => setPreview(null)}>Cancel</Button>
          </div>
        </section>
      )}
    </Page>
  );
}
