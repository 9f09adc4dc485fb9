import { html, render, type TemplateResult } from 'lit-html';
import { call } from '../api';
import { session } from '../session';
import { followEvents, type SecurityEvent } from './console-feed';
import { problemText, signInFirst, type View } from './view';

/** GET /api/v1/admin/console/overview */
interface Overview {
  readonly env: string;
  readonly lab: boolean;
  readonly disabledControls: readonly string[];
  readonly edges: ReadonlyArray<{ from: string; to: string; rpcs: readonly string[]; controls: ReadonlyArray<{ control: string; on: boolean }> }>;
  readonly attacks: ReadonlyArray<{ id: string; title: string; controls: readonly string[] }>;
}

interface AttackRun {
  readonly id: string;
  readonly title: string;
  readonly outcome: string;
  readonly evidence: string;
  readonly startedAt: number;
  readonly finishedAt: number;
}

const MAX_SHOWN = 200;
let events: SecurityEvent[] = [];
let lastRun: AttackRun | undefined;
let feedState = 'connecting';

function eventRow(e: SecurityEvent): TemplateResult {
  return html`<tr data-event=${e.securityEvent}>
    <td>${new Date(e.time).toLocaleTimeString('en-GB')}</td>
    <td>${e.service}</td>
    <td class="event-name">${e.securityEvent}</td>
    <td>${e.reason}</td>
    <td>${e.peer ?? ''}</td>
    <td><code>${e.correlationId ?? ''}</code></td>
  </tr>`;
}

function eventsTable(list: readonly SecurityEvent[], caption: string, id: string): TemplateResult {
  return html`<table class="events" id=${id}>
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Time</th><th scope="col">Service</th><th scope="col">Event</th><th scope="col">Reason</th><th scope="col">Peer</th><th scope="col">Trace id</th></tr></thead>
    <tbody>${list.map(eventRow)}</tbody>
  </table>`;
}

function graph(overview: Overview): TemplateResult {
  return html`<table class="graph">
    <caption>The call graph (libs/topology) and the controls on each edge</caption>
    <thead><tr><th scope="col">Caller</th><th scope="col">Callee</th><th scope="col">RPCs</th><th scope="col">Controls</th></tr></thead>
    <tbody>
      ${overview.edges.map(
        (e) => html`<tr>
          <td>${e.from}</td><td>${e.to}</td><td>${e.rpcs.length}</td>
          <td><ul class="controls">${e.controls.map((c) => html`<li class=${c.on ? 'on' : 'off'}>${c.control}: ${c.on ? 'on' : 'OFF (lab)'}</li>`)}</ul></td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function attackPanel(overview: Overview, redraw: () => void): TemplateResult {
  if (!overview.lab) return html`<p>Attacks run from here only in lab mode (<code>SHOP_ENV=lab</code>); this platform runs as <code>${overview.env}</code>.</p>`;
  const run = async (event: Event) => {
    event.preventDefault();
    const id = String(new FormData(event.target as HTMLFormElement).get('attack'));
    lastRun = undefined;
    feedState = `running ${id}…`;
    redraw();
    try {
      lastRun = await call<AttackRun>(`/api/v1/admin/console/attacks/${encodeURIComponent(id)}`, { method: 'POST' });
      feedState = 'live';
    } catch (error) {
      feedState = `attack failed: ${problemText(error)}`;
    }
    redraw();
  };
  // Events that arrived while the attack ran (and shortly after: the feed lags by a poll).
  const caused = lastRun ? events.filter((e) => e.time >= (lastRun as AttackRun).startedAt - 50) : [];
  return html`<form class="inline" @submit=${run}>
      <label for="attack">Attack</label>
      <select id="attack" name="attack">${overview.attacks.map((a) => html`<option value=${a.id}>${a.title} [${a.controls.join(', ') || 'always on'}]</option>`)}</select>
      <button type="submit">Run</button>
    </form>
    <div class="side-by-side">
      <section aria-labelledby="verdict-heading">
        <h3 id="verdict-heading">Verdict</h3>
        ${lastRun
          ? html`<p class="verdict ${lastRun.outcome}" data-outcome=${lastRun.outcome}>${lastRun.title}: <strong>${lastRun.outcome}</strong></p><p>${lastRun.evidence}</p>`
          : html`<p>No attack run yet.</p>`}
      </section>
      <section aria-labelledby="caused-heading">
        <h3 id="caused-heading">Events since it started</h3>
        ${eventsTable(caused, `${caused.length} events`, 'caused-events')}
      </section>
    </div>`;
}

export const consoleView: View = async () => {
  if (!session.signedIn) return signInFirst;
  // The server decides: a customer gets the 403 problem, shown as the page.
  const overview = await call<Overview>('/api/v1/admin/console/overview');
  const host = document.createElement('div');
  const redraw = () =>
    render(
      html`${overview.lab ? html`<p class="lab-banner" role="note">LAB MODE: switched off: ${overview.disabledControls.join(', ') || 'nothing'}</p>` : ''}
        <section aria-labelledby="graph-heading"><h2 id="graph-heading">Call graph</h2>${graph(overview)}</section>
        <section aria-labelledby="attack-heading"><h2 id="attack-heading">Run an attack</h2>${attackPanel(overview, redraw)}</section>
        <section aria-labelledby="feed-heading">
          <h2 id="feed-heading">Live security events</h2>
          <p class="feed-state" role="status">Feed: ${feedState}</p>
          ${eventsTable(events.slice(0, MAX_SHOWN), `The latest ${Math.min(events.length, MAX_SHOWN)} events, newest first`, 'live-events')}
        </section>`,
      host,
    );
  events = [];
  feedState = 'connecting';
  void followEvents(
    (event) => {
      events = [event, ...events].slice(0, MAX_SHOWN * 2);
      redraw();
    },
    (state) => {
      feedState = state;
      redraw();
    },
  ).catch((error: unknown) => {
    if ((error as Error).name !== 'AbortError') {
      feedState = `lost: ${problemText(error)}`;
      redraw();
    }
  });
  redraw();
  return html`<h1>Security console</h1>${host}`;
};
