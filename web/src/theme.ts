import {
  createTheme,
  DEFAULT_THEME,
  Drawer,
  darken,
  luminance,
  type MantineColorsTuple,
  Modal,
  Notification,
  TableScrollContainer,
  toRgba,
} from '@mantine/core';

/** WCAG 2.1 contrast ratio of two opaque colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** AA for normal text; a little above it so that rounding in a browser never drops below. */
export const TEXT_CONTRAST = 4.6;

/** The lightest surface text sits on besides white (Mantine's gray 0: table heads, cards, hovers). */
const LIGHT_SURFACE = DEFAULT_THEME.colors.gray[0];

const hex = (color: string) => {
  const { r, g, b } = toRgba(color);
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
};

function darkenUntil(color: string, against: string[]): string {
  let c = color;
  for (let i = 0; i < 40 && against.some((bg) => contrastRatio(c, bg) < TEXT_CONTRAST); i++)
    c = darken(c, 0.04);
  return hex(c);
}

/**
 * Mantine's palette with shades 6–9 darkened just enough that text reads at WCAG AA wherever the theme puts
 * it: white text on a filled colour (shade 6, the primary shade), the colour as text on white and on the
 * lightest gray (links, outline and subtle buttons, and dimmed text, which is gray 6), and the light variant's text
 * (shade 9) on its background and hover (shades 1 and 2). Shades 0–5 (backgrounds, borders) are Mantine's own.
 */
export function accessiblePalette(palette: readonly string[]): MantineColorsTuple {
  const shades = [...palette];
  // the light variant's background and its hover
  const lightBackgrounds = [shades[1], shades[2]] as string[];
  for (let i = 6; i <= 9; i++) {
    let c = darkenUntil(shades[i] as string, [
      '#ffffff',
      LIGHT_SURFACE,
      ...(i === 9 ? lightBackgrounds : []),
    ]);
    // each shade stays darker than the one before it (hover states darken)
    const prev = shades[i - 1] as string;
    while (i > 6 && luminance(c) >= luminance(prev)) c = hex(darken(c, 0.04));
    shades[i] = c;
  }
  return shades as unknown as MantineColorsTuple;
}

const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors)
    .filter(([name]) => name !== 'dark')
    .map(([name, palette]) => [name, accessiblePalette(palette)]),
);

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  // Dialogs, menus and notifications appear without motion for people who ask their system for less.
  respectReducedMotion: true,
  colors,
  components: {
    // Mantine's close buttons (dialogs, notifications) are an icon alone: give them a name.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // A table that scrolls sideways on a phone can be scrolled with the keyboard: its viewport takes focus.
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
});
