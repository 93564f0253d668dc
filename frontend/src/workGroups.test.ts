import { describe, expect, it } from "vitest";
import type { GroupPerson, Me, Session } from "./api/client";
import {
  absoluteUrl,
  attendanceFields,
  attendanceRequest,
  attendanceSummary,
  countOf,
  everyonePresent,
  groupFeedPath,
  hasStarted,
  hubFeedPath,
  idParam,
  mayOpenGroup,
  membersLabel,
  nextSession,
  personWithSchool,
  placeOf,
  registerOf,
  registerSaid,
  webcalUrl,
} from "./workGroups";

type Slot = Pick<Session, "date" | "start_time" | "status"> & { id: number };

function slot(id: number, date: string, status: Session["status"] = "scheduled", start_time = "13:30:00"): Slot {
  return { id, date, start_time, status };
}

describe("nextSession", () => {
  const sessions = [
    slot(1, "2026-09-22"),
    slot(2, "2026-10-06", "cancelled"),
    slot(3, "2026-11-10"),
    slot(4, "2026-10-20"),
  ];

  it("is the first scheduled session today or later, by date", () => {
    expect(nextSession(sessions, "2026-10-01")?.id).toBe(4);
  });

  it("counts a session today as to come", () => {
    expect(nextSession(sessions, "2026-09-22")?.id).toBe(1);
  });

  it("passes over cancelled sessions", () => {
    expect(nextSession(sessions, "2026-10-06")?.id).toBe(4);
  });

  it("takes the earlier of two on one day", () => {
    expect(nextSession([slot(1, "2026-10-06", "scheduled", "15:00:00"), slot(2, "2026-10-06", "scheduled", "09:00:00")], "2026-10-01")?.id).toBe(2);
  });

  it("is null when none is to come", () => {
    expect(nextSession(sessions, "2026-11-11")).toBeNull();
    expect(nextSession([], "2026-11-11")).toBeNull();
  });
});

describe("placeOf", () => {
  const names = new Map([["100001", "St Bede’s"]]);

  it.each([
    [{ host_urn: "100001", online_url: null }, "St Bede’s"],
    [{ host_urn: "100009", online_url: null }, "School URN 100009"],
    [{ host_urn: null, online_url: "https://meet.example.org/x" }, "Online"],
    [{ host_urn: "100001", online_url: "https://meet.example.org/x" }, "St Bede’s and online"],
    [{ host_urn: null, online_url: null }, "To be confirmed"],
  ])("%o meets at %s", (session, expected) => {
    expect(placeOf(session, names)).toBe(expected);
  });
});

describe("people and counts", () => {
  it("names a person with their school", () => {
    const asha = { id: 1, name: "Asha Patel", school_urn: "100001", school_name: "St Bede’s" };
    expect(personWithSchool(asha)).toBe("Asha Patel, St Bede’s");
    expect(personWithSchool({ ...asha, school_name: null })).toBe("Asha Patel, URN 100001");
    expect(personWithSchool({ ...asha, school_urn: null, school_name: null })).toBe("Asha Patel");
  });

  it("counts members against the most", () => {
    expect(countOf(3, 8)).toBe("3 of 8");
    expect(countOf(3, null)).toBe("3");
    expect(membersLabel(1, null, "school")).toBe("1 school");
    expect(membersLabel(1, 8, "school")).toBe("1 of 8 schools");
    expect(membersLabel(0, null, "participant")).toBe("0 participants");
  });
});

describe("feeds", () => {
  it("gives the public feeds' paths", () => {
    expect(groupFeedPath(12)).toBe("/api/v1/timetable.ics?work_group=12");
    expect(hubFeedPath("cheshire-and-wirral")).toBe("/api/v1/timetable.ics?hub=cheshire-and-wirral");
  });

  it("makes a full address on this site, and its webcal:// twin on the same host", () => {
    const url = absoluteUrl(groupFeedPath(12), "https://maths.example.org");
    expect(url).toBe("https://maths.example.org/api/v1/timetable.ics?work_group=12");
    expect(webcalUrl(url)).toBe("webcal://maths.example.org/api/v1/timetable.ics?work_group=12");
    expect(webcalUrl("http://127.0.0.1:8781/api/v1/calendar-feeds/abc.ics")).toBe(
      "webcal://127.0.0.1:8781/api/v1/calendar-feeds/abc.ics",
    );
  });
});

describe("idParam", () => {
  it.each([
    ["12", 12],
    ["2147483647", 2147483647],
    ["0", null],
    ["012", null],
    ["2147483648", null],
    ["12a", null],
    [undefined, null],
  ])("%s → %s", (raw, expected) => {
    expect(idParam(raw)).toBe(expected);
  });
});

function me(role: Me["role"], hub_id: string | null = "cheshire-and-wirral"): Me {
  return { kind: "user", id: 1, name: "Someone", email: null, role, hub_id, school_urn: null, scopes: [], csrf_token: null, two_factor: false, two_factor_due: false };
}

describe("mayOpenGroup", () => {
  const group = { hub_id: "cheshire-and-wirral", work_group_id: 7 };

  it("lets national administrators open any group, hub administrators their hub's", () => {
    expect(mayOpenGroup(me("national_admin", null), group, new Set())).toBe(true);
    expect(mayOpenGroup(me("hub_admin"), group, new Set())).toBe(true);
    expect(mayOpenGroup(me("hub_admin", "archimedes-ne"), group, new Set())).toBe(false);
  });

  it("lets a Mastery Specialist open only the groups they lead", () => {
    expect(mayOpenGroup(me("mastery_specialist"), group, new Set([7]))).toBe(true);
    expect(mayOpenGroup(me("mastery_specialist"), group, new Set([8]))).toBe(false);
  });

  it("links nothing for visitors and school contacts", () => {
    expect(mayOpenGroup(null, group, new Set([7]))).toBe(false);
    expect(mayOpenGroup(me("school_contact"), group, new Set([7]))).toBe(false);
  });
});

describe("the attendance register", () => {
  const participants: GroupPerson[] = [
    { id: 11, name: "Asha Patel", school_urn: "100001", school_name: "St Bede’s" },
    { id: 12, name: "Ben Okafor", school_urn: "100002", school_name: "Meadow Primary Academy" },
    { id: 13, name: "Cai Jones", school_urn: null, school_name: null },
  ];

  it("starts from what was recorded, and nothing for the rest", () => {
    expect(registerOf(participants, [{ person_id: 12, status: "absent" }, { person_id: 99, status: "present" }])).toEqual({
      11: null,
      12: "absent",
      13: null,
    });
  });

  it("sends one record per participant, in the page's order", () => {
    const request = attendanceRequest(participants, { 11: "present", 12: "absent_with_apologies", 13: "absent" });
    expect(request.errors).toEqual([]);
    expect(request.records).toEqual([
      { person_id: 11, status: "present" },
      { person_id: 12, status: "absent_with_apologies" },
      { person_id: 13, status: "absent" },
    ]);
  });

  it("asks about each participant not answered, at their index", () => {
    const request = attendanceRequest(participants, { 11: "present", 12: null });
    expect(request.errors).toEqual([
      { location: "body", pointer: "/records/1/status", detail: "Select whether Ben Okafor came" },
      { location: "body", pointer: "/records/2/status", detail: "Select whether Cai Jones came" },
    ]);
  });

  it("links each record's errors to that participant's first radio", () => {
    const fields = attendanceFields(participants);
    expect(fields["/records/1/person_id"]).toEqual({ id: "attendance-12" });
    expect(fields["/records/2/status"]).toEqual({ id: "attendance-13" });
    expect(fields["/records"]).toEqual({ id: "attendance-11" });
  });

  it("sums up a saved register", () => {
    expect(
      attendanceSummary([
        { person_id: 1, status: "absent" },
        { person_id: 2, status: "present" },
        { person_id: 3, status: "present" },
      ]),
    ).toBe("2 present, 1 absent");
  });
});

describe("taking the register", () => {
  const people = [
    { id: 1, name: "Ann", school_urn: "1", school_name: "A" },
    { id: 2, name: "Bo", school_urn: "1", school_name: "A" },
  ];

  it("marks everyone present, over what was chosen", () => {
    expect(everyonePresent(people, { 1: "absent", 2: null })).toEqual({ 1: "present", 2: "present" });
  });

  it("ahead of the session sends only the answers given, and needs one", () => {
    expect(attendanceRequest(people, { 1: "absent_with_apologies", 2: null }, { ahead: true })).toEqual({
      records: [{ person_id: 1, status: "absent_with_apologies" }],
      errors: [],
    });
    expect(attendanceRequest(people, { 1: null, 2: null }, { ahead: true }).errors.map((e) => e.pointer)).toEqual([
      "/records",
    ]);
    expect(attendanceRequest(people, { 1: null, 2: null }).errors.map((e) => e.pointer)).toEqual([
      "/records/0/status",
      "/records/1/status",
    ]);
  });

  it("says whether a session has started", () => {
    const session = { starts_at: "2027-01-12T13:00:00Z" };
    expect(hasStarted(session, new Date("2027-01-12T12:59:59Z"))).toBe(false);
    expect(hasStarted(session, new Date("2027-01-12T13:00:00Z"))).toBe(true);
  });

  it("says in the sessions table whether the register was taken", () => {
    expect(registerSaid({ register_taken: true, present_count: 5 })).toBe("Taken: 5 present");
    expect(registerSaid({ register_taken: false, present_count: 0 })).toBe("Not taken");
  });
});
