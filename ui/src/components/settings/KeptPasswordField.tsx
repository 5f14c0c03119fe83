import { Field } from "./Field";

/** A password that goes to the OS keychain: left empty, the one kept there stays. */
export function KeptPasswordField({
  id,
  value,
  kept,
  hint,
  onChange,
}: {
  id: string;
  value: string;
  /** Whether the keychain holds one now. */
  kept: boolean;
  /** What to say while none is kept. */
  hint: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field
      id={id}
      label="Password"
      type="password"
      value={value}
      autoComplete="current-password"
      placeholder={kept ? "Kept in the keychain" : ""}
      hint={kept ? "Leave empty to keep the one in the keychain." : hint}
      onChange={onChange}
    />
  );
}
