// The plugin's entry (plugin.json's "entry" is its build, dist/index.js): importing it defines every
// element the manifest declares.
import {__CLASS__} from './__TAG__.js';

customElements.define('__TAG__', __CLASS__);

export {__CLASS__};
