// The demo of <crm-reject-lead>: the element with a guarded context over the REST client, against the
// msw mock host of the REST contract in a service worker (no server). Controls pick the user, the
// language, the lead, the ownership mode and the plugin config, and can make the next reject fail.
import {http, HttpResponse} from 'msw';
import {setupWorker} from 'msw/browser';
import {createGuardedContext, validateManifest} from '@crmkit/sdk';
import {createRestHostApi} from '@crmkit/rest-client';
import {createMockHost} from '@crmkit/rest-client/msw';
import '../src/index.js';
import type {CrmRejectLead} from '../src/index.js';

const host = createMockHost();
const worker = setupWorker(...host.handlers);
const controls = document.querySelector<HTMLFormElement>('#controls')!;
const mount = document.querySelector<HTMLElement>('#mount')!;
const log = document.querySelector<HTMLElement>('#log')!;
const field = <T extends HTMLElement>(name: string) => controls.elements.namedItem(name) as T;

function write(line: string): void {
  log.textContent = `${new Date().toLocaleTimeString()} ${line}\n${log.textContent}`;
}

async function loadManifest() {
  const text = await (await fetch(new URL('../plugin.json', import.meta.url))).text();
  const result = validateManifest(text, {file: 'plugin.json'});
  if (!result.manifest) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.manifest;
}

function fillLeads(): void {
  const select = field<HTMLSelectElement>('lead');
  const current = select.value;
  select.replaceChildren(
    ...[...host.state.leads.values()]
      .filter((l) => l.status === 'Qualified' || l.status === 'Rejected')
      .map((l) => new Option(`${l.id} ${l.firstName} ${l.lastName} (${l.status})`, l.id)),
  );
  if (current) select.value = current;
}

const manifest = await loadManifest();
await worker.start({
  quiet: true,
  onUnhandledRequest: 'bypass',
  serviceWorker: {url: '/mockServiceWorker.js'},
});

/** Mounts a fresh element for the current controls (as a host does when the Reject action is used). */
async function render(): Promise<void> {
  host.state.ownershipMode = field<HTMLSelectElement>('mode').value as 'user' | 'mixed' | 'book';
  const token = field<HTMLSelectElement>('user').value;
  const locale = field<HTMLSelectElement>('locale').value;
  document.documentElement.lang = locale;
  const user = await createRestHostApi({token, locale}).getCurrentUser();
  const context = createGuardedContext(createRestHostApi({token, locale}), manifest, user, {
    locale,
    config: {reassignOwnerDefault: field<HTMLInputElement>('reassignDefault').checked},
    onNotify: (n) => write(`notify ${n.kind}: ${n.message}`),
  });
  const el = document.createElement('crm-reject-lead') as CrmRejectLead;
  el.leadId = field<HTMLSelectElement>('lead').value;
  el.context = context;
  el.addEventListener('crm-lead-rejected', (event) => {
    const {detail: lead, assignment} = event;
    write(
      `crm-lead-rejected ${lead.id}: ${lead.status}, code ${lead.rejection?.code}` +
        (assignment ? `, new owner ${lead.ownerName ?? assignment.ownerId}` : ''),
    );
    fillLeads();
  });
  el.addEventListener('crm-reject-cancel', (event) => {
    write(`crm-reject-cancel ${event.leadId}`);
    void render();
  });
  mount.replaceChildren(el);
}

controls.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement;
  if (target.name === 'failNext') {
    if (target.checked) {
      worker.use(
        http.post(
          '*/api/leads/:id/reject',
          () => {
            target.checked = false;
            write('network failure simulated');
            return HttpResponse.error();
          },
          {once: true},
        ),
      );
    } else worker.resetHandlers();
    return;
  }
  void render();
});
document.querySelector('#reset')!.addEventListener('click', () => {
  host.reset();
  fillLeads();
  write('data reset');
  void render();
});

fillLeads();
field<HTMLSelectElement>('lead').value = 'L-1001';
await render();
document.body.dataset['ready'] = 'true';
