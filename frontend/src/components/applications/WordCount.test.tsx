import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WordCount } from "./WordCount";

function Statement({ initial = "", maxWords = 5 }: { initial?: string; maxWords?: number | null }) {
  const [value, setValue] = useState(initial);
  return (
    <WordCount
      id="statement"
      label={<label htmlFor="statement">Statement</label>}
      hint="Why your school wants to take part"
      value={value}
      onChange={setValue}
      maxWords={maxWords}
    />
  );
}

describe("WordCount", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("says the limit to screen readers with the field, and the words left as you type", async () => {
    render(<Statement />);
    const field = screen.getByLabelText("Statement");
    expect(field).toHaveAccessibleDescription("You can enter up to 5 words Why your school wants to take part");
    await userEvent.type(field, "one two three");
    expect(screen.getByText("You have 2 words remaining")).toHaveClass("govuk-hint");
  });

  it("turns into an error over the limit, and reads the count out once typing pauses", () => {
    vi.useFakeTimers();
    render(<Statement initial="a b c d e f g" />);
    const visible = screen.getByText("You have 2 words too many", { selector: "[aria-hidden=true]" });
    expect(visible).toHaveClass("govuk-error-message");
    expect(screen.getByLabelText("Statement")).toHaveClass("govuk-textarea--error");
    const live = document.querySelector("[aria-live=polite]");
    expect(live).toHaveTextContent("You have 2 words too many");
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(live).toHaveTextContent("You have 2 words too many");
  });

  it("is a plain textarea when there is no limit", () => {
    render(<Statement maxWords={null} />);
    expect(screen.getByLabelText("Statement")).toHaveAccessibleDescription("Why your school wants to take part");
    expect(document.querySelector("[aria-live]")).toBeNull();
  });
});
