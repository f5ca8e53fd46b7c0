import { describe, expect, it } from "vitest";

import { calendarEvent, googleCalendarUrl, outlookCalendarUrl } from "./calendar-links";
import { appointment } from "./test/fixtures";

const visit = appointment({
  id: 41,
  startTime: "2030-12-02T08:00:00Z",
  endTime: "2030-12-02T08:30:00Z",
  reason: "SECRET chest pain",
});

describe("calendar links", () => {
  it("fill in Google Calendar with the time, the doctor and the appointment's page", () => {
    const url = new URL(googleCalendarUrl(calendarEvent(visit, "patient", "https://clinic.example")));
    expect(url.origin).toBe("https://calendar.google.com");
    expect(url.searchParams.get("text")).toBe("Appointment with Dr. Bob Jones");
    expect(url.searchParams.get("dates")).toBe("20301202T080000Z/20301202T083000Z");
    expect(url.searchParams.get("details")).toBe("https://clinic.example/appointments/41");
  });

  it("fill in Outlook with the same event", () => {
    const url = new URL(outlookCalendarUrl(calendarEvent(visit, "patient", "https://clinic.example")));
    expect(url.hostname).toBe("outlook.live.com");
    expect(url.searchParams.get("subject")).toBe("Appointment with Dr. Bob Jones");
    expect(url.searchParams.get("startdt")).toBe("2030-12-02T08:00:00.000Z");
    expect(url.searchParams.get("enddt")).toBe("2030-12-02T08:30:00.000Z");
  });

  it("never carry the reason, nor the patient's name in a doctor's event", () => {
    for (const role of ["patient", "doctor"] as const) {
      const event = calendarEvent(visit, role, "https://clinic.example");
      for (const url of [googleCalendarUrl(event), outlookCalendarUrl(event)]) {
        expect(decodeURIComponent(url)).not.toContain("SECRET");
        expect(decodeURIComponent(url)).not.toContain("Alice");
      }
    }
    expect(calendarEvent(visit, "doctor", "https://clinic.example").title).toBe("Clinic360 appointment");
  });
});
