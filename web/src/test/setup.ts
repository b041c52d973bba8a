/**
 * Set-up of the component tests (web/src/**\/*.test.tsx, in happy-dom): what Mantine asks of a browser
 * that happy-dom does not have, and a clean document after each test.
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

if (typeof window !== 'undefined') {
  // Mantine reads the colour scheme and breakpoints through matchMedia.
  if (!window.matchMedia)
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (query: string) => ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }),
    });
  // ScrollArea and Combobox measure themselves.
  class NoResizeObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  if (!('ResizeObserver' in window))
    Object.defineProperty(window, 'ResizeObserver', { configurable: true, value: NoResizeObserver });
  globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;
  // Combobox scrolls the selected option into view.
  Element.prototype.scrollIntoView ??= () => undefined;
}

afterEach(() => cleanup());
