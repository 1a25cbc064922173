// SPDX-License-Identifier: MIT
// Messages about the page as a whole: errors (announced at once), notices and successes
// (announced politely). Field errors stay next to their fields.
import type { ComponentChildren } from 'preact';
import type { Failure } from '../api';

export function Banner(props: { kind: 'error' | 'info' | 'success' | 'warning'; children?: ComponentChildren }) {
  return (
    <div class={`banner banner-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

const ROLE_HINT: Record<number, string> = {
  403: 'Your role may not do this. ',
  404: '',
};

/** A failure that names no field, as a banner; nothing when there is none. */
export function FailureBanner(props: { failure: Failure | null | undefined; unlessField?: boolean }) {
  const f = props.failure;
  if (!f || (props.unlessField && f.field && f.field !== 'body')) return null;
  return (
    <Banner kind="error">
      {ROLE_HINT[f.status] ?? ''}
      {f.detail}
    </Banner>
  );
}

export function Empty(props: { children?: ComponentChildren }) {
  return <p class="empty">{props.children}</p>;
}

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status">
      {props.label ?? 'Loading…'}
    </p>
  );
}
