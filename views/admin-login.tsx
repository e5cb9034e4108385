import { Layout } from './layout.tsx';

type FieldProps = {
  id: string;
  name: string;
  label: string;
  type: 'text' | 'email' | 'password';
  value?: string;
  error?: string | undefined;
  hint?: string;
  autocomplete: string;
  required?: boolean;
};

/** A labelled input whose error is announced with it (aria-describedby) and marked invalid. */
export function Field({ id, name, label, type, value, error, hint, autocomplete, required = true }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
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
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

export type LoginPageProps = {
  email: string;
  next: string;
  /** one message for the whole form: which part was wrong is not revealed */
  message?: string | undefined;
  errors?: { email?: string | undefined; password?: string | undefined };
};

export function LoginPage({ email, next, message, errors = {} }: LoginPageProps) {
  return (
    <Layout title="Organizer sign-in · Buddydesk" variant="admin">
      <main class="narrow">
        <h1>Organizer sign-in</h1>
        {message && (
          <div class="banner error" role="alert" id="login-message">
            {message}
          </div>
        )}
        <form method="post" action="/admin/login" class="card">
          {next && <input type="hidden" name="next" value={next} />}
          <Field id="login-email" name="email" label="E-mail" type="email" value={email} error={errors.email} autocomplete="username" />
          <Field
            id="login-password"
            name="password"
            label="Password"
            type="password"
            error={errors.password}
            autocomplete="current-password"
          />
          <div class="actions">
            <button type="submit">Sign in</button>
          </div>
        </form>
      </main>
    </Layout>
  );
}

export type SetupPageProps = {
  token: string;
  values: { name: string; email: string };
  errors?: Partial<Record<'name' | 'email' | 'password' | 'passwordConfirm' | 'form', string>>;
  minPasswordLength: number;
};

export function SetupPage({ token, values, errors = {}, minPasswordLength }: SetupPageProps) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title="Create the organizer account · Buddydesk" variant="admin">
      <main class="narrow">
        <h1>Create the organizer account</h1>
        <p>This link works once. The account you create here can sign in to the organizer console.</p>
        {hasErrors && (
          <div class="banner error" role="alert">
            {errors.form ?? 'Please fix the fields marked below. Nothing was saved yet.'}
          </div>
        )}
        <form method="post" action={`/admin/setup/${encodeURIComponent(token)}`} class="card">
          <Field id="setup-name" name="name" label="Your name" type="text" value={values.name} error={errors.name} autocomplete="name" />
          <Field id="setup-email" name="email" label="E-mail" type="email" value={values.email} error={errors.email} autocomplete="username" />
          <Field
            id="setup-password"
            name="password"
            label="Password"
            type="password"
            hint={`At least ${minPasswordLength} characters.`}
            error={errors.password}
            autocomplete="new-password"
          />
          <Field
            id="setup-password-confirm"
            name="passwordConfirm"
            label="Password again"
            type="password"
            error={errors.passwordConfirm}
            autocomplete="new-password"
          />
          <div class="actions">
            <button type="submit">Create account and sign in</button>
          </div>
        </form>
      </main>
    </Layout>
  );
}
