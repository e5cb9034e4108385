/** A labelled input whose hint and error are announced with it (aria-describedby) and marked invalid. */
export type FieldProps = {
  id: string;
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'time' | 'url';
  autocomplete?: string;
  required?: boolean;
  min?: number;
  max?: number;
};

export function Field({ id, name, label, value, error, hint, type = 'text', autocomplete, required = false, min, max }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const number = type === 'number';
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <span class="hint" id={hintId}>
          {hint}
        </span>
      )}
      <input
        id={id}
        name={name}
        type={type}
        // a password is never sent back into the page
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        min={min}
        max={max}
        step={number ? 1 : undefined}
        inputmode={number ? 'numeric' : undefined}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The "yes, I mean it" checkbox (name=confirm, value=yes) in front of an action that cannot be undone, its error announced with it. */
export function ConfirmField({ id, label, error }: { id: string; label: string; error?: string | undefined }) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div class="field">
      <label class="choice" for={id}>
        <input id={id} type="checkbox" name="confirm" value="yes" aria-invalid={error ? 'true' : undefined} aria-describedby={errorId} />
        {label}
      </label>
      {error ? (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
