import { TextInput } from "../../components/form/TextInput";

type Props = { id?: string; label: string; error?: string | undefined };

/** A new password, with what makes one good enough said up front (NCSC: length, not rules). */
export function NewPasswordInput({ id = "password", label, error }: Props) {
  return (
    <TextInput
      id={id}
      label={label}
      type="password"
      autoComplete="new-password"
      hint="Use at least 12 characters. Three or more random words together make a strong password that is easy to remember. Do not use a password you use elsewhere."
      error={error}
    />
  );
}
