// Runs in Chromium (bundled by run-bench.mjs): how long the host elements take to render the actions
// of many plugins, and to open and close a plugin's dialog, with FAST's normal (animation-frame)
// rendering. Prints one JSON line of figures.
import {Updates} from '@microsoft/fast-element';
import {PluginRegistry} from '@crmkit/sdk';
import type {CurrentUser, HostApi, PluginManifest} from '@crmkit/sdk';
import '../src/define.js';

const user: CurrentUser = {id: 'max', name: 'Max', locale: 'en', privileges: ['leads.read']};
const host = {} as HostApi; // no host call is made: the bench only mounts and unmounts

function manifest(i: number): PluginManifest {
  const tag = `crm-bench-${i}`;
  return {
    id: `dev.bench.plugin-${i}`,
    name: `plugin-${i}`,
    version: '1.0.0',
    sdk: '^0.1.0',
    displayName: {en: `Plugin ${i}`},
    entry: 'index.js',
    elements: [{tag, extensionPoint: 'lead.detail.actions'}],
    actions: [
      {
        id: 'open',
        extensionPoint: 'lead.detail.actions',
        label: {en: `Action ${i}`, de: `Aktion ${i}`},
        opens: tag,
        requires: ['leads.read'],
      },
    ],
    permissions: ['leads.read'],
  };
}

const frame = () => Updates.next();

async function main(): Promise<void> {
  const plugins = 50;
  const registry = new PluginRegistry();
  for (let i = 0; i < plugins; i++) {
    customElements.define(
      `crm-bench-${i}`,
      class extends HTMLElement {
        connectedCallback() {
          (this.shadowRoot ?? this.attachShadow({mode: 'open'})).innerHTML = '<p>bench</p>';
        }
      },
    );
    registry.register({manifest: manifest(i), entryUrl: `https://bench.test/${i}/index.js`});
  }
  const pluginHost = document.createElement('crm-plugin-host');
  const point = document.createElement('crm-extension-point');
  point.setAttribute('name', 'lead.detail.actions');
  point.setAttribute('record-id', 'L-1');
  pluginHost.append(point);
  document.body.append(pluginHost);

  let started = performance.now();
  pluginHost.host = host;
  pluginHost.user = user;
  pluginHost.registry = registry;
  await frame();
  const renderMs = performance.now() - started;
  const rendered = point.shadowRoot!.querySelectorAll('button[part="action"]').length;

  const cycles = 1000;
  started = performance.now();
  for (let i = 0; i < cycles; i++) {
    point.open(`dev.bench.plugin-${i % plugins}/open`);
    point.close();
  }
  const cycleMs = (performance.now() - started) / cycles;

  const switches = 200;
  started = performance.now();
  for (let i = 0; i < switches; i++) {
    pluginHost.locale = i % 2 ? 'en' : 'de';
    Updates.process(); // the DOM work a frame would do, without waiting for the frame
  }
  const relocalizeMs = (performance.now() - started) / switches;
  const firstLabel = point.shadowRoot!.querySelector('button[part="action"]')!.textContent!.trim();
  if (firstLabel !== 'Action 0') throw new Error(`language switch not rendered: "${firstLabel}"`);

  console.log(
    JSON.stringify({
      plugins,
      actionsRendered: rendered,
      renderActionsMs: Number(renderMs.toFixed(2)),
      openCloseCycles: cycles,
      openCloseMsPerCycle: Number(cycleMs.toFixed(3)),
      openClosePerSecond: Math.round(1000 / cycleMs),
      relocalizeMsPerSwitch: Number(relocalizeMs.toFixed(2)),
    }),
  );
}

main().catch((error) => console.log(JSON.stringify({error: String(error?.stack ?? error)})));
