import { type ComponentType, lazy } from 'react';

/**
 * A page loaded when first visited (its own chunk), from a module's named export. The layout's
 * Suspense boundary shows the loading state meanwhile.
 */
export function lazyNamed<M extends Record<K, ComponentType>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy(async () => ({ default: (await load())[name] }));
}
