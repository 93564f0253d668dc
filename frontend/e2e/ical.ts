import ICAL from "ical.js";

/** One event of an iCalendar document, as a calendar program reads it. */
export type CalendarEvent = { uid: string; sequence: number; status: string | null; start: string; summary: string };

/** The METHOD and the events of an iCalendar document, parsed by ical.js (RFC 5545). */
export function parseCalendar(text: string): { method: string | null; events: CalendarEvent[] } {
  const calendar = ICAL.Component.fromString(text);
  const method = calendar.getFirstPropertyValue("method");
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const status = component.getFirstPropertyValue("status");
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: typeof status === "string" ? status : null,
      start: event.startDate.toString(),
      summary: event.summary,
    };
  });
  return { method: typeof method === "string" ? method : null, events };
}
