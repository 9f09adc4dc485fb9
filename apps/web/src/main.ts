import { html, render, type TemplateResult } from 'lit-html';
import { api } from './api';
import { cart } from './cart';
import { currentRoute, go } from './router';
import { session } from './session';
import { loginView, registerView } from './views/account';
import { adminImageView } from './views/admin-image';
import { cartView } from './views/checkout';
import { consoleView } from './views/console';
import { stopFeed } from './views/console-feed';
import { adminOrdersView, orderView, ordersView } from './views/orders';
import { catalogueView, productView } from './views/shop';
import { problemText, type Flash, type View, type ViewContext } from './views/view';

const VIEWS: Readonly<Record<string, View>> = {
  catalogue: catalogueView,
  product: productView,
  login: loginView,
  register: registerView,
  cart: cartView,
  orders: ordersView,
  order: orderView,
  'admin-orders': adminOrdersView,
  'admin-image': adminImageView,
  console: consoleView,
  'not-found': () => html`<h1>Page not found</h1><p><a href="#/">Back to the catalogue</a></p>`,
};

const root = document.getElementById('app') as HTMLElement;
// lit-html renders next to existing children; the static "Loading…" text must go.
root.replaceChildren();
let flash: Flash | undefined;

async function logout(): Promise<void> {
  const refreshToken = session.tokens?.refreshToken;
  // Revoke on the server first (access token denylisted, refresh family revoked), then forget locally.
  if (refreshToken) await api.logout(refreshToken).catch(() => undefined);
  session.end();
  cart.clear();
  flash = { kind: 'ok', text: 'Signed out.' };
  go('/');
}

function navigation(): TemplateResult {
  return html`<nav aria-label="Main">
    <a href="#/">Catalogue</a>
    <a href="#/cart">Cart (${cart.count})</a>
    ${session.signedIn ? html`<a href="#/orders">My orders</a>` : ''}
    ${session.isAdmin ? html`<a href="#/admin/orders">All orders</a><a href="#/admin/image">Image import</a><a href="#/console">Security console</a>` : ''}
    <span class="who">
      ${session.signedIn
        ? html`<span>${session.email ?? 'signed in'}</span> <button type="button" @click=${logout}>Sign out</button>`
        : html`<a href="#/login">Sign in</a> <a href="#/register">Register</a>`}
    </span>
  </nav>`;
}

function layout(content: TemplateResult, message: Flash | undefined): TemplateResult {
  return html`<header><p class="brand">Hardened Shop</p>${navigation()}</header>
    <main id="main">
      ${message ? html`<p class="flash ${message.kind}" role=${message.kind === 'error' ? 'alert' : 'status'}>${message.text}</p>` : ''}
      ${content}
    </main>
    <footer><p>A training shop: every value from the API is rendered as text, tokens live in memory only.</p></footer>`;
}

let generation = 0;

async function show(): Promise<void> {
  const mine = ++generation;
  const route = currentRoute();
  // A message is shown once, by the next rendering (after an action or a go()).
  const message = flash;
  flash = undefined;
  if (route.name !== 'console') stopFeed(); // leaving the console closes its event stream
  const ctx: ViewContext = {
    params: route.params,
    refresh: () => void show(),
    flash: (message) => (flash = message),
  };
  let content: TemplateResult;
  try {
    content = await (VIEWS[route.name] ?? VIEWS['not-found'])(ctx);
  } catch (error) {
    content = html`<h1>Something went wrong</h1><p class="error" role="alert">${problemText(error)}</p>`;
  }
  // A slower, older navigation must not paint over a newer one.
  if (mine !== generation) return;
  render(layout(content, message), root);
  document.body.dataset['ready'] = route.name;
  // For the page-load measurement in the browser tests (and anyone's DevTools).
  performance.mark(`rendered:${route.name}`);
}

window.addEventListener('hashchange', () => void show());
void show();
