/**
 * The honeypot: a field people never see or reach (off-screen, out of the tab order, hidden from
 * screen readers) that form-filling bots fill in; the server then drops the submission quietly.
 */
export function ReportFormTrap({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <div
      aria-hidden="true"
      style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}
    >
      <label>
        Website
        <input
          type="text"
          name="website"
          tabIndex={-1}
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      </label>
    </div>
  );
}
