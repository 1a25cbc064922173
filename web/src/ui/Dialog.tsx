// SPDX-License-Identifier: MIT
// A modal dialog on the native <dialog> element: the browser traps focus, Escape closes it
// (unless the dialog must be answered), and focus returns where it was.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export function Dialog(props: {
  open: boolean;
  title: string;
  onClose?: () => void;
  children?: ComponentChildren;
  /** Escape does not close it (the sign-in dialog must be answered) */
  required?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        if (!props.required) props.onClose?.();
      }}
    >
      {props.open && (
        <>
          <h2 id={`${id}-title`}>{props.title}</h2>
          {props.children}
        </>
      )}
    </dialog>
  );
}

/** Asks a question with two answers; confirm runs on the first. */
export function Confirm(props: {
  open: boolean;
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog open={props.open} title={props.title} onClose={props.onCancel}>
      <div class="dialog-body">{props.children}</div>
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          class={props.danger ? 'btn btn-danger' : 'btn btn-primary'}
          disabled={props.busy}
          aria-busy={props.busy ? 'true' : undefined}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
