// `@crmkit/sdk/testing`: test a plugin's element in a browser as a host page mounts it, against the msw
// mock host. Browser-only, and the only part of the sdk that imports other crmkit packages: the host
// elements, the rest client and its mock host, and msw, all optional peer dependencies (they depend on
// the sdk, not the other way round, so they stay imports of the installed packages and are never
// bundled into this one).
export {renderPlugin} from './render-plugin.js';

export type {
  DemoUser,
  RecordedEvent,
  RenderFrameOptions,
  RecordedRequest,
  RenderPluginOptions,
  RenderedPlugin,
} from './render-plugin.js';
