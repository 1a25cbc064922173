// SPDX-License-Identifier: MIT
// Buttons. A busy button is disabled and says so, so a second click cannot submit twice.
import type { ComponentChildren, JSX } from 'preact';

type Props = JSX.ButtonHTMLAttributes<HTMLButtonElement> & {
  busy?: boolean;
  kind?: 'primary' | 'secondary' | 'danger' | 'link';
  children?: ComponentChildren;
  type?: 'button' | 'submit' | 'reset';
  disabled?: boolean;
};

export function Button({ busy, kind = 'secondary', children, type = 'button', disabled, ...rest }: Props) {
  return (
    <button
      type={type}
      class={`btn btn-${kind}`}
      disabled={disabled || busy}
      aria-busy={busy ? 'true' : undefined}
      {...rest}
    >
      {children}
    </button>
  );
}
