import {isObject} from '../../internal/is-object.js';

/** The tags the manifest's elements declare, in order, each once (a repeated tag is checkTags' finding). */
export function declaredTags(elements: unknown): string[] {
  if (!Array.isArray(elements)) return [];
  const tags = new Set<string>();
  for (const element of elements) {
    if (isObject(element) && typeof element['tag'] === 'string') tags.add(element['tag']);
  }
  return [...tags];
}
