// A fixture helper like @open-wc/testing's `fixture`, without its wait for an animation frame: the
// test runner runs files in parallel pages, and a page in the background gets no animation frames.
import {render} from 'lit';
import type {TemplateResult} from 'lit';

const containers = new Set<HTMLElement>();

/** Renders `template` into a new container in the document and returns its first element. */
export async function mountFixture<T extends Element>(template: TemplateResult): Promise<T> {
  const container = document.createElement('div');
  document.body.append(container);
  containers.add(container);
  render(template, container);
  await new Promise((resolve) => setTimeout(resolve));
  const element = container.firstElementChild;
  if (!element) throw new Error('mountFixture: the template rendered no element');
  return element as T;
}

/** Appends `element` to a new container in the document. */
export function mountElement<T extends Element>(element: T): T {
  const container = document.createElement('div');
  document.body.append(container);
  containers.add(container);
  container.append(element);
  return element;
}

/** Removes everything mounted so far (call it in `afterEach`). */
export function removeFixtures(): void {
  for (const container of containers) container.remove();
  containers.clear();
}
