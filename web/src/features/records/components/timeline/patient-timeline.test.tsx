import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { type Allergy, type TimelineItem } from "../../api/types";
import { PatientTimeline } from "./patient-timeline";

const PERSON = { id: 3, fullName: "Dr Bob" };
const META = { patientId: 7, createdAt: "2026-11-01T08:00:00Z", createdBy: PERSON, updatedBy: PERSON };
const V1: Allergy = { ...META, id: 4, version: 1, updatedAt: "2026-11-01T08:00:00Z", reason: null, substance: "Penicillin",
  reaction: null, severity: "severe", status: "active", onsetDate: null };
const V2: Allergy = { ...V1, version: 2, updatedAt: "2026-11-02T08:00:00Z", reason: "Retested", severity: "mild" };
const AMENDED: TimelineItem = { kind: "allergy", at: V2.updatedAt, key: "allergy:4:2", changed: ["severity"], allergy: V2 };
const VISIT: TimelineItem = { kind: "visit", at: "2026-10-01T08:00:00Z", key: "visit:9", changed: null,
  visit: { id: 9, doctor: PERSON, startTime: "2026-10-01T08:00:00Z", endTime: "2026-10-01T08:30:00Z", status: "completed" } };

describe("PatientTimeline", () => {
  it("lists events newest first, pages with the cursor and shows an entry's versions with what changed", async () => {
    const urls: string[] = [];
    mockFetch((url) => {
      urls.push(url);
      if (url === "/api/patients/7/timeline") return jsonResponse({ items: [AMENDED], nextBefore: "1.6.4.2" });
      if (url === "/api/patients/7/timeline?before=1.6.4.2") return jsonResponse({ items: [VISIT], nextBefore: null });
      if (url === "/api/patients/7/allergies/4/history") return jsonResponse([V1, V2]);
      return jsonResponse({}, { status: 404 });
    });
    const { user } = renderWithProviders(<PatientTimeline patientId={7} timeZone="UTC" />);

    const list = await screen.findByRole("list", { name: "Timeline, newest first" });
    expect(within(list).getByRole("heading", { name: "Allergy amended: Penicillin" })).toBeInTheDocument();
    expect(within(list).getByText("Reason: Retested")).toBeInTheDocument();
    expect(list.querySelector("time")).toHaveAttribute("datetime", AMENDED.at);

    await user.click(screen.getByRole("button", { name: "Show older" }));
    expect(await within(list).findByRole("heading", { name: "Visit with Dr Bob" })).toBeInTheDocument();
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
    expect(screen.queryByRole("button", { name: "Show older" })).toBeNull();

    await user.click(within(list).getByRole("button", { name: "Show versions of allergy Penicillin" }));
    const versions = await screen.findByRole("list", { name: "All versions of allergy Penicillin" });
    expect(within(versions).getByText("Changed severity:")).toBeInTheDocument();
    expect(versions.querySelector("del")).toHaveTextContent("severe");
    expect(versions.querySelector("ins")).toHaveTextContent("mild");
    expect(urls).toContain("/api/patients/7/timeline?before=1.6.4.2");
  });
});
