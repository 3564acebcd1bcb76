/** A padlock drawn inline (no emoji font is needed): the recipient or message is OpenPGP-protected. */
export function LockIcon({ label = 'OpenPGP key', size = 12 }: { label?: string; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
      style={{ verticalAlign: '-1px', flexShrink: 0 }}
    >
      {label && <title>{label}</title>}
      <path d="M4 7V5a4 4 0 0 1 8 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}
