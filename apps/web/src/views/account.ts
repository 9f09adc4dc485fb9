import { html } from 'lit-html';
import { api } from '../api';
import { go } from '../router';
import { session } from '../session';
import { formValues, problemText, type View } from './view';

export const loginView: View = (ctx) => {
  const submit = async (event: Event) => {
    const { email = '', password = '' } = formValues(event);
    try {
      session.start(await api.login(email, password), email);
      ctx.flash({ kind: 'ok', text: `Signed in as ${email}.` });
      go('/');
    } catch (error) {
      ctx.flash({ kind: 'error', text: `Sign-in failed: ${problemText(error)}` });
      ctx.refresh();
    }
  };
  return html`<h1>Sign in</h1>
    <form class="stacked" @submit=${submit}>
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="username" required />
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required />
      <button type="submit">Sign in</button>
    </form>
    <p>No account yet? <a href="#/register">Create one</a>.</p>`;
};

export const registerView: View = (ctx) => {
  const submit = async (event: Event) => {
    const { email = '', password = '', displayName = '' } = formValues(event);
    try {
      await api.register(email, password, displayName);
      session.start(await api.login(email, password), email);
      ctx.flash({ kind: 'ok', text: `Welcome, ${displayName}. You are signed in.` });
      go('/');
    } catch (error) {
      ctx.flash({ kind: 'error', text: `Registration failed: ${problemText(error)}` });
      ctx.refresh();
    }
  };
  return html`<h1>Create an account</h1>
    <form class="stacked" @submit=${submit}>
      <label for="displayName">Name</label>
      <input id="displayName" name="displayName" autocomplete="name" required maxlength="80" />
      <label for="email">Email</label>
      <input id="email" name="email" type="email" autocomplete="username" required />
      <label for="password">Password (at least 10 characters)</label>
      <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required />
      <button type="submit">Create account</button>
    </form>`;
};
