import {Context} from '@microsoft/fast-element/context.js';
import type {PluginHostConnection} from './plugin-host-connection.js';

/**
 * The context key under which `<crm-plugin-host>` answers `context-request` events (the W3C web
 * components community context protocol, FAST 3's `Context`). A descendant requests it with
 * `Context.dispatch(element, pluginHostContext, callback, true)`; the nearest host calls `callback`
 * with its current {@link PluginHostConnection} and again after every change, passing a `dispose`
 * function that ends the subscription. Registered by name, so two copies of this package still meet.
 */
export const pluginHostContext = Context.for<PluginHostConnection>('crmkit:plugin-host');
