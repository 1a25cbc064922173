// SPDX-License-Identifier: MIT
// A small Markdown subset (paragraphs, lists, **bold**, *emphasis*, `code`, code blocks)
// rendered as elements built from text: whatever a question or a note contains, it is never
// parsed as HTML.
import type { ComponentChildren } from 'preact';

const INLINE = /(\*\*[^*]+\*\*|`[^`]+`|\*[^*\s][^*]*\*)/g;

/** Inline Markdown as elements; mark turns **bold** into <mark> (search snippets). */
export function Inline(props: { text: string; mark?: boolean }) {
  const parts = props.text.split(INLINE);
  return (
    <>
      {parts.map((p, i) => {
        if (p.startsWith('**') && p.endsWith('**') && p.length > 4) {
          const inner = p.slice(2, -2);
          return props.mark ? <mark key={i}>{inner}</mark> : <strong key={i}>{inner}</strong>;
        }
        if (p.startsWith('`') && p.endsWith('`') && p.length > 2) return <code key={i}>{p.slice(1, -1)}</code>;
        if (p.startsWith('*') && p.endsWith('*') && p.length > 2) return <em key={i}>{p.slice(1, -1)}</em>;
        return p;
      })}
    </>
  );
}

export function Markdown(props: { text: string | null | undefined }) {
  const text = (props.text ?? '').replace(/\r\n?/g, '\n');
  const out: ComponentChildren[] = [];
  const lines = text.split('\n');
  let i = 0;
  let key = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (!line.trim()) {
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').startsWith('```')) code.push(lines[i++] ?? '');
      i++;
      out.push(
        <pre key={key++}>
          <code>{code.join('\n')}</code>
        </pre>,
      );
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim()) {
        const l = lines[i] ?? '';
        if (/^\s*([-*]|\d+\.)\s+/.test(l)) items.push(l.replace(/^\s*([-*]|\d+\.)\s+/, ''));
        else items[items.length - 1] += ` ${l.trim()}`;
        i++;
      }
      const lis = items.map((it, k) => (
        <li key={k}>
          <Inline text={it} />
        </li>
      ));
      out.push(ordered ? <ol key={key++}>{lis}</ol> : <ul key={key++}>{lis}</ul>);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() && !(lines[i] ?? '').startsWith('```')) para.push((lines[i++] ?? '').trim());
    out.push(
      <p key={key++}>
        <Inline text={para.join(' ')} />
      </p>,
    );
  }
  return <div class="md">{out}</div>;
}
