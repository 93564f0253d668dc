import { act, fireEvent, render, screen } from "@testing-library/react";
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

  it("turns into an error over the limit", () => {
    render(<Statement initial="a b c d e f g" />);
    const visible = screen.getByText("You have 2 words too many", { selector: "[aria-hidden=true]" });
    expect(visible).toHaveClass("govuk-error-message");
    expect(screen.getByLabelText("Statement")).toHaveClass("govuk-textarea--error");
  });

  it("reads the new count out only once typing has paused for a second", () => {
    vi.useFakeTimers();
    render(<Statement initial="a b c" />);
    const field = screen.getByLabelText("Statement");
    const visible = () => screen.getByText(/^You have/, { selector: "[aria-hidden=true]" }).textContent;
    const spoken = () => document.querySelector("[aria-live=polite]")?.textContent;
    const pause = (ms: number) => {
      act(() => {
        vi.advanceTimersByTime(ms);
      });
    };
    expect(spoken()).toBe("You have 2 words remaining");

    fireEvent.change(field, { target: { value: "a b c d" } });
    expect(visible()).toBe("You have 1 word remaining"); // seen at once
    pause(999);
    expect(spoken()).toBe("You have 2 words remaining"); // not read out yet

    fireEvent.change(field, { target: { value: "a b c d e f" } }); // typing on restarts the wait
    pause(999);
    expect(spoken()).toBe("You have 2 words remaining");
    pause(1);
    expect(spoken()).toBe("You have 1 word too many");
    expect(visible()).toBe("You have 1 word too many");
  });

  it("is a plain textarea when there is no limit", () => {
    render(<Statement maxWords={null} />);
    expect(screen.getByLabelText("Statement")).toHaveAccessibleDescription("Why your school wants to take part");
    expect(document.querySelector("[aria-live]")).toBeNull();
  });
});
