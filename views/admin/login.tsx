// Signing in, and creating the first organizer account from the one-time setup link.
import { Field } from '../field.tsx';
import { Layout } from '../layout.tsx';

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
          <Field required id="login-email" name="email" label="E-mail" type="email" value={email} error={errors.email} autocomplete="username" />
          <Field
            required
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
          <Field required id="setup-name" name="name" label="Your name" type="text" value={values.name} error={errors.name} autocomplete="name" />
          <Field required id="setup-email" name="email" label="E-mail" type="email" value={values.email} error={errors.email} autocomplete="username" />
          <Field
            required
            id="setup-password"
            name="password"
            label="Password"
            type="password"
            hint={`At least ${minPasswordLength} characters.`}
            error={errors.password}
            autocomplete="new-password"
          />
          <Field
            required
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
