import type { ReactNode } from 'react';

/**
 * A field's own message line, tied to its control by `aria-describedby`. Always rendered (empty when all is well),
 * so the live region exists before its text appears.
 */
export function FieldMessage({ id, children }: { id: string; children?: ReactNode }) {
  return (
    <p id={id} className="field-error" aria-live="polite">
      {children}
    </p>
  );
}

/** `aria-describedby` from the ids that apply (hint, error). */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return present.length > 0 ? present.join(' ') : undefined;
}

/** Moves the focus to the first control of the named field (after a refused submit). */
export function focusField(field: string) {
  const target = document.querySelector<HTMLElement>(`[data-field="${field}"]`);
  target?.focus();
}
