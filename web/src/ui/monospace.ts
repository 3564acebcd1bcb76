/** Mantine `styles` for inputs that hold machine text (paths, addresses, tokens, templates). */
export const monospaceInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
