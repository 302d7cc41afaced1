import {formatPointer, parsePointer} from '@crmkit/json-kit';

/** `/elements/*\/tag` for `/elements/0/tag`: the pointer with array indexes generalized. */
export function fieldShape(pointer: string): string {
  return formatPointer(parsePointer(pointer).map((s) => (/^\d+$/.test(s) ? '*' : s)));
}
