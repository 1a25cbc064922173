// SPDX-License-Identifier: MIT
// Form fields with their label, a hint, and the server's error for that field next to it
// (problem+json names the field; the page passes the failure down).
import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';
import type { Failure } from '../api';

/** The error for field name, when failure names it. */
export function errorFor(failure: Failure | null | undefined, ...names: string[]): string | undefined {
  if (!failure?.field) return undefined;
  const f = failure.field;
  return names.some((n) => f === n || f.startsWith(`${n}.`) || f.startsWith(`${n}[`))
    ? failure.detail
    : undefined;
}

interface Common {
  label: string;
  hint?: ComponentChildren;
  error?: string | undefined;
}

function Frame(props: Common & { id: string; children: ComponentChildren }) {
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

function described(id: string, p: Common): string | undefined {
  const ids = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField(
  props: Common & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'label'> & { value: string; onValue: (v: string) => void },
) {
  const { label, hint, error, onValue, ...rest } = props;
  const id = useId();
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(id, props)}
        {...rest}
        onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value)}
      />
    </Frame>
  );
}

export function TextArea(
  props: Common & Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'label'> & { value: string; onValue: (v: string) => void },
) {
  const { label, hint, error, onValue, ...rest } = props;
  const id = useId();
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(id, props)}
        {...rest}
        onInput={(e) => onValue((e.currentTarget as HTMLTextAreaElement).value)}
      />
    </Frame>
  );
}

export function SelectField<T extends string>(
  props: Common & {
    value: T;
    onValue: (v: T) => void;
    options: readonly { value: T; label: string }[];
    disabled?: boolean;
    required?: boolean;
  },
) {
  const id = useId();
  return (
    <Frame id={id} label={props.label} hint={props.hint} error={props.error}>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described(id, props)}
        onChange={(e) => props.onValue((e.currentTarget as HTMLSelectElement).value as T)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function Checkbox(props: { label: string; checked: boolean; onChecked: (v: boolean) => void; hint?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div class="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChecked((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}
