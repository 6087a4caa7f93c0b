// A calm theme with enough contrast (WCAG AA): darker shades for text on light backgrounds.
import { Badge, createTheme, Modal, Notification, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';

// Deep petrol blue: trustworthy, calm; shade 7 on white ≥ 7:1.
const kluis: MantineColorsTuple = ['#e8f4f6', '#d3e6ea', '#a3ccd5', '#70b0bf', '#4898ab', '#2f88a0', '#1f7a93', '#135f73', '#0b4f60', '#003f4f'];

/** The theme; close buttons get a spoken name in the current language. */
export function makeTheme(closeLabel: string): MantineThemeOverride {
  return createTheme({
    ...base,
    components: {
      Badge: Badge.extend({ styles: { root: { flexShrink: 0 }, label: { textTransform: 'none', fontWeight: 600 } } }),
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } }, styles: { title: { fontWeight: 600, fontSize: '1.125rem' } } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
    },
  });
}

// Status colours whose shades 4–9 all reach 4.5:1 on white, so every variant stays readable.
const danger: MantineColorsTuple = ['#fdecec', '#f9d3d3', '#f0a6a6', '#e57373', '#b42318', '#a61b1b', '#9b1c1c', '#8a1818', '#7a1414', '#661010'];
const ok: MantineColorsTuple = ['#e6f4ef', '#cde8de', '#9fd1bf', '#6db89c', '#1c6b4f', '#17654a', '#135c43', '#0f513b', '#0b4532', '#073a29'];
const warn: MantineColorsTuple = ['#fff4e6', '#ffe4c2', '#fdc68a', '#f9a24f', '#9a4a00', '#8f4500', '#853f00', '#7a3900', '#6b3200', '#5c2a00'];

const base = createTheme({
  primaryColor: 'kluis',
  primaryShade: 7,
  colors: { kluis, danger, ok, warn },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  cursorType: 'pointer',
  headings: { fontWeight: '600' },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-placeholder': '#6a7178',
  },
  dark: {},
});
