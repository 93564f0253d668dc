import type { PersonFields as Person } from "../../applications";
import { TextInput } from "../form/TextInput";

type Props = {
  /** Ids are `${id}-name` and `${id}-email`, as the API's pointers name them (/head_teacher/name). */
  id: string;
  person: Person;
  onChange: (person: Person) => void;
  errors: Partial<Record<string, string>>;
  /** The pointer of this person in the request body ("/head_teacher"). */
  pointer: string;
};

/** A person's full name and email address. */
export function PersonFields({ id, person, onChange, errors, pointer }: Props) {
  return (
    <>
      <TextInput
        id={`${id}-name`}
        label="Full name"
        autoComplete="off"
        spellCheck={false}
        value={person.name}
        onChange={(event) => {
          onChange({ ...person, name: event.target.value });
        }}
        error={errors[`${pointer}/name`]}
      />
      <TextInput
        id={`${id}-email`}
        label="Email address"
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={person.email}
        onChange={(event) => {
          onChange({ ...person, email: event.target.value });
        }}
        error={errors[`${pointer}/email`] ?? errors[pointer]}
      />
    </>
  );
}
