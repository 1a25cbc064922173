// SPDX-License-Identifier: MIT
// A page's frame: its heading (focused after navigation, so screen readers hear where they
// are), optional actions beside it, and the content.
import type { ComponentChildren } from 'preact';

export function Page(props: { title: string; actions?: ComponentChildren; children?: ComponentChildren; wide?: boolean }) {
  return (
    <div class={props.wide ? 'page page-wide' : 'page'}>
      <div class="page-head">
        <h1 tabIndex={-1} id="page-title">
          {props.title}
        </h1>
        {props.actions && <div class="page-actions">{props.actions}</div>}
      </div>
      {props.children}
    </div>
  );
}
