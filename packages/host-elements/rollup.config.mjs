import {packageBundle} from '../../scripts/rollup-package.mjs';

export default [packageBundle({dir: import.meta.dirname})];
