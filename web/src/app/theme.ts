import { createTheme, localStorageColorSchemeManager, Table } from '@mantine/core';

/** Dense and calm: small controls, compact tables, one accent colour. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace',
  headings: { sizes: { h2: { fontSize: '1.375rem', lineHeight: '1.3' } } },
  focusRing: 'auto',
  components: {
    Table: Table.extend({ defaultProps: { fz: 'sm', verticalSpacing: 6 } }),
  },
});

/** The chosen theme survives reloads; until one is chosen, the operating system's applies. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'firebreak-color-scheme' });
