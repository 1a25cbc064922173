// SPDX-License-Identifier: MIT
// One question as an interviewer prepares it: the text as put to the candidate, then what a
// good answer shows, the pitfalls and red flags, follow-ups and the STAR outline (and any
// other kind of point the bank has), each rendered from text.
import { api } from '../../api';
import type { PageProps } from '../../router';
import { Link } from '../../router';
import { FailureBanner, Loading } from '../../ui/Banner';
import { Markdown } from '../../ui/Markdown';
import { Page } from '../../ui/Page';
import { categoryLabel, Points } from '../../ui/questions';
import { useLoad } from '../../ui/useLoad';
import './bank.css';

export default function QuestionPage({ params }: PageProps) {
  const id = params.id ?? '';
  const res = useLoad(
    (signal) => api.GET('/api/v1/questions/{id}', { params: { path: { id } }, signal }),
    [id],
  );
  const q = res.data;
  if (!q) {
    return (
      <Page title="Question">
        {res.failure ? <FailureBanner failure={res.failure} /> : <Loading />}
        <p>
          <Link href="/bank">Back to the bank</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page
      title={q.title}
      actions={
        <Link href="/bank" class="btn btn-secondary">
          Back to the bank
        </Link>
      }
    >
      <dl class="facts question-facts">
        <dt>Category</dt>
        <dd>{categoryLabel(q.category)}</dd>
        <dt>Level</dt>
        <dd>{q.level}</dd>
        <dt>Minutes</dt>
        <dd>{q.minutes}</dd>
        <dt>Competencies</dt>
        <dd>{q.competencies.join(', ')}</dd>
        <dt>Id</dt>
        <dd>
          <code>{q.id}</code>
        </dd>
        {q.source && (
          <>
            <dt>Source</dt>
            <dd>{q.source}</dd>
          </>
        )}
      </dl>
      <section class="question-text" aria-labelledby="q-text">
        <h2 id="q-text">The question</h2>
        <Markdown text={q.text} />
      </section>
      <Points points={q.points} />
    </Page>
  );
}
