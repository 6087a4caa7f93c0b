// A calm theme with enough contrast (WCAG AA): darker shades for text on light backgrounds.
import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// Deep petrol blue: trustworthy, calm; shade 7 on white ≥ 7:1.
const kluis: MantineColorsTuple = ['#e8f4f6', '#d3e6ea', '#a3ccd5', '#70b0bf', '#4898ab', '#2f88a0', '#1f7a93', '#135f73', '#0b4f60', '#003f4f'];

export const theme = createTheme({
  primaryColor: 'kluis',
  primaryShade: 7,
  colors: { kluis },
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
