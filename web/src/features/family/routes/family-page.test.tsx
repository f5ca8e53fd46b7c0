import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { jsonResponse, mockFetch } from "@/test/fetch-mock";
import { renderWithProviders } from "@/test/render";

import { type Dependent, type Family, type ProxyGrant } from "../api/types";
import { FamilyPage } from "./family-page";

const ME = { id: 7, fullName: "Pia Parent" };

function dependent(id: number, fullName: string, claimed = false): Dependent {
  return { id, fullName, dateOfBirth: "2019-05-04", relationship: "child", claimed, invited: false, mayInvite: false };
}

function received(id: number, patient: { id: number; fullName: string }, capabilities: ProxyGrant["capabilities"], active = true): ProxyGrant {
  return {
    id,
    patient,
    proxy: ME,
    capabilities,
    status: active ? "active" : "pending",
    createdAt: "2026-12-01T08:00:00Z",
    acceptedAt: active ? "2026-12-01T09:00:00Z" : null,
    revokedAt: null,
  };
}

const KIT = { id: 21, fullName: "Kit Parent" };
const FRED = { id: 31, fullName: "Fred Father" };
const GINA = { id: 32, fullName: "Gina Gran" };
const HAL = { id: 33, fullName: "Hal Uncle" };
const SELF: Family["actingFor"][number] = { ...ME, via: "self", capabilities: ["appointments", "records", "messages"] };
const FAMILY: Family = {
  dependents: [dependent(KIT.id, KIT.fullName), dependent(22, "Old Kid", true)],
  granted: [{ ...received(40, ME, ["records"]), proxy: { id: 41, fullName: "Sam Sibling" } }],
  received: [received(50, FRED, ["appointments", "records"]), received(51, GINA, ["appointments", "messages"]), received(52, HAL, ["records"], false)],
  actingFor: [
    SELF,
    { ...KIT, via: "guardian", capabilities: ["appointments", "records", "messages"] },
    { ...FRED, via: "proxy", capabilities: ["appointments", "records"] },
    { ...GINA, via: "proxy", capabilities: ["appointments", "messages"] },
  ],
};

describe("FamilyPage", () => {
  it("links the access log of each dependent and each grantor whose access includes records", async () => {
    mockFetch((url) => jsonResponse(url === "/api/family" ? FAMILY : []));
    renderWithProviders(<FamilyPage />, { path: "/family" });

    const kit = await screen.findByRole("link", { name: "Access log of Kit Parent" });
    expect(kit).toHaveAttribute("href", "/records/access-log?for=21");
    expect(kit).toHaveTextContent(/^Access log$/);
    const fred = screen.getByRole("link", { name: "Access log of Fred Father" });
    expect(fred).toHaveAttribute("href", "/records/access-log?for=31");
    // Not for a claimed dependent, a grant without records, a pending grant, or a proxy of mine.
    expect(screen.getAllByRole("link", { name: /^Access log/ })).toHaveLength(2);
    const theirs = screen.getByRole("region", { name: "Access granted to you" });
    expect(within(theirs).getByText(/Gina Gran/)).toBeInTheDocument();
    expect(within(theirs).getByText(/Hal Uncle/)).toBeInTheDocument();
  });

  it("shows no access log link without the records grant", async () => {
    const bookingOnly: Family = {
      dependents: [],
      granted: [],
      received: [received(51, GINA, ["appointments"])],
      actingFor: [SELF, { ...GINA, via: "proxy", capabilities: ["appointments"] }],
    };
    mockFetch((url) => jsonResponse(url === "/api/family" ? bookingOnly : []));
    renderWithProviders(<FamilyPage />, { path: "/family" });
    expect(await screen.findByText(/Gina Gran/)).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Access log/ })).toBeNull();
  });
});
