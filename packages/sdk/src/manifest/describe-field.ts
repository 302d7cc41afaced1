import {parsePointer, pointerToPath} from '@crmkit/json-kit';

/** `elements[0].tag` for `/elements/0/tag`, `the manifest` for the root: how messages name a field. */
export function describeField(pointer: string): string {
  if (parsePointer(pointer).length === 0) return 'the manifest';
  return pointerToPath(pointer).replace(/^\./, '');
}
