import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import type { TimetableEntry } from "../../api/client";
import { MonthCalendar } from "./MonthCalendar";

function entry(sessionId: number, date: string, workGroupId: number, status: TimetableEntry["status"] = "scheduled"): TimetableEntry {
  return {
    uid: `session-${String(sessionId)}@mathshubs`,
    session_id: sessionId,
    work_group_id: workGroupId,
    work_group_name: `Group ${String(workGroupId)}`,
    programme_id: 1,
    programme_title: "Primary Mastery Development",
    hub_id: "cheshire-and-wirral",
    hub_name: "Cheshire and Wirral Maths Hub",
    academic_year: "2026-27",
    kind: "trg_meeting",
    number: 1,
    status,
    sequence: 0,
    date,
    start_time: "13:30:00",
    end_time: "16:00:00",
    timezone: "Europe/London",
    starts_at_local: `${date}T13:30:00+00:00`,
    ends_at_local: `${date}T16:00:00+00:00`,
    starts_at: `${date}T13:30:00Z`,
    ends_at: `${date}T16:00:00Z`,
    host: null,
    online: false,
    updated_at: "2026-09-01T00:00:00Z",
  };
}

function renderMonth(entries: TimetableEntry[]) {
  render(
    <MemoryRouter>
      <MonthCalendar
        month={{ year: 2026, month: 12 }}
        monthName="December 2026"
        entries={entries}
        today="2026-12-08"
        linkFor={(item) => (item.work_group_id === 1 ? `/work-groups/${String(item.work_group_id)}` : null)}
      />
    </MemoryRouter>,
  );
}

describe("MonthCalendar", () => {
  it("lays the month out Monday to Sunday, with today marked", () => {
    renderMonth([]);
    const grid = screen.getByRole("table", { name: "Sessions in December 2026, Monday to Sunday" });
    const headers = within(grid).getAllByRole("columnheader").map((header) => header.textContent);
    expect(headers).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
    // 1 December 2026 is a Tuesday: the first row starts with an empty Monday.
    const firstWeek = within(grid).getAllByRole("row")[1];
    expect(within(firstWeek as HTMLElement).getAllByRole("cell")[1]).toHaveTextContent("1 December");
    const today = grid.querySelector('[aria-current="date"]');
    expect(today).toHaveTextContent("8 December Today");
    expect(screen.getByText("No sessions in December 2026.")).toBeInTheDocument();
  });

  it("links sessions to the groups the reader may open, and marks cancelled ones", () => {
    renderMonth([entry(1, "2026-12-08", 1), entry(2, "2026-12-10", 2, "cancelled")]);
    const grid = screen.getByRole("table");
    expect(within(grid).getByRole("link", { name: "1:30pm Group 1" })).toHaveAttribute("href", "/work-groups/1");
    const cancelled = within(grid).getByText("1:30pm Group 2").closest("li");
    expect(cancelled).toHaveTextContent("Cancelled");
    expect(within(cancelled as HTMLElement).queryByRole("link")).toBeNull();
  });

  it("lists only the days with sessions for a phone", () => {
    renderMonth([entry(1, "2026-12-08", 1), entry(2, "2026-12-10", 2)]);
    const days = screen.getAllByRole("heading", { level: 3 }).map((heading) => heading.textContent);
    expect(days).toEqual(["Tuesday 8 December 2026 (today)", "Thursday 10 December 2026"]);
    expect(screen.getByRole("link", { name: "1:30pm to 4pm: Group 1, TRG meeting" })).toBeInTheDocument();
  });
});
