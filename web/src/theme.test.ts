import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, theme } from './theme.ts';

const AA = 4.5;

describe('theme colours read at WCAG AA', () => {
  const palettes = Object.entries(theme.colors ?? {});

  it('covers every palette Mantine has for the light scheme', () => {
    expect(palettes.map(([name]) => name).sort()).toEqual(
      Object.keys(DEFAULT_THEME.colors)
        .filter((n) => n !== 'dark')
        .sort(),
    );
  });

  it.each(palettes)('%s: white on filled, colour as text, light variant text', (_name, p) => {
    const shades = p as readonly string[];
    for (const i of [6, 7, 8, 9]) {
      expect(contrastRatio('#ffffff', shades[i] as string)).toBeGreaterThanOrEqual(AA);
      expect(contrastRatio(DEFAULT_THEME.colors.gray[0], shades[i] as string)).toBeGreaterThanOrEqual(AA);
    }
    expect(contrastRatio(shades[9] as string, shades[1] as string)).toBeGreaterThanOrEqual(AA);
    expect(contrastRatio(shades[9] as string, shades[2] as string)).toBeGreaterThanOrEqual(AA);
    expect(shades.slice(0, 6)).toEqual(DEFAULT_THEME.colors[_name]?.slice(0, 6));
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#12b886', '#ffffff')).toBeCloseTo(2.55, 2); // Mantine's teal 6: the failure we fixed
  });
});
