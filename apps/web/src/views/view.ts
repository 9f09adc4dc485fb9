import { html, type TemplateResult } from 'lit-html';
import { ApiError } from '../api';

export type Flash = { readonly kind: 'ok' | 'error'; readonly text: string };

/** What every view gets: its route parameters and ways to re-draw or leave a message. */
export interface ViewContext {
  readonly params: Readonly<Record<string, string>>;
  /** Re-runs the current view (after an action changed what it shows). */
  refresh(): void;
  /** A message shown above the next rendering (role=alert for errors). */
  flash(message: Flash): void;
}

export type View = (ctx: ViewContext) => Promise<TemplateResult> | TemplateResult;

/** A failed call as the user should see it: the stable code and the gateway's own words, always as text. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    const { status, code, detail, title } = error.problem;
    return `${detail ?? title} (${status} ${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

export function formValues(event: Event): Record<string, string> {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  return Object.fromEntries([...new FormData(form)].map(([key, value]) => [key, String(value)]));
}

export const signInFirst = html`<h1>Please sign in</h1>
  <p>This page needs an account. <a href="#/login">Sign in</a> or <a href="#/register">create one</a>.</p>`;
