/** A labelled text field with a note under it: the hint, or the problem found in its value. */
export function Field({
  id,
  label,
  value,
  problem,
  hint,
  onChange,
  inputMode,
  type,
  placeholder,
  autoComplete,
  disabled,
}: {
  id: string;
  label: string;
  value: string;
  problem?: string;
  hint?: string;
  onChange: (value: string) => void;
  inputMode?: "url" | "numeric";
  type?: "text" | "password";
  placeholder?: string;
  autoComplete?: string;
  disabled?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={id}
        type={type}
        value={value}
        inputMode={inputMode}
        placeholder={placeholder}
        autoComplete={autoComplete}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint`}
      />
      <small id={`${id}-hint`} className={`field-note ${problem ? "text-danger" : ""}`}>
        {problem ?? hint}
      </small>
    </div>
  );
}
