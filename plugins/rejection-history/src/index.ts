// The plugin's entry (plugin.json's "entry" is its build, dist/index.js): importing it defines every
// element the manifest declares.
import {CrmRejectionHistory} from './crm-rejection-history.js';

customElements.define('crm-rejection-history', CrmRejectionHistory);

export {CrmRejectionHistory};
