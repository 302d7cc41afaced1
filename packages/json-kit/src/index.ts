// Public API of @crmkit/json-kit: JSON with positions for crmkit's checkers.
export {createJsonLocator} from './create-json-locator.js';
export {createLineIndex} from './create-line-index.js';
export {findExcessNesting, MAX_JSON_DEPTH} from './find-excess-nesting.js';
export {parsePointer} from './parse-pointer.js';
export {formatPointer} from './format-pointer.js';
export {pointerToPath} from './pointer-to-path.js';
export {editDistance} from './edit-distance.js';
export {didYouMean, typoTolerance} from './did-you-mean.js';
export {locateFindings} from './locate-findings.js';

export type {JsonLocator, JsonSyntaxError, LocateOptions} from './create-json-locator.js';
export type {LineIndex} from './create-line-index.js';
export type {ExcessNesting} from './find-excess-nesting.js';
export type {TextPosition} from './text-position.js';
export type {DidYouMeanOptions} from './did-you-mean.js';
export type {Finding, FindingDraft, Severity} from './finding.js';
