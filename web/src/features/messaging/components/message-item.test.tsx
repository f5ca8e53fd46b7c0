import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "@/test/render";

import { threadDetail } from "../test/fixtures";
import { MessageItem } from "./message-item";

describe("MessageItem", () => {
  it("links a message's file as a download, and hides it once retracted", () => {
    const detail = threadDetail();
    const [first] = detail.messages;
    if (first === undefined) throw new Error("fixture");
    const attachment = { documentId: 40, fileName: "diary.pdf", contentType: "application/pdf", size: 2048 };
    const { unmount } = renderWithProviders(
      <ul>
        <MessageItem message={{ ...first, attachment }} thread={detail} timeZone="UTC" now={0} />
      </ul>,
    );
    const link = screen.getByRole("link", { name: /^diary\.pdf/ });
    expect(link).toHaveAttribute("href", "/api/messages/11/attachment");
    expect(link).toHaveAttribute("download", "diary.pdf");
    expect(link).toHaveAccessibleName("diary.pdf (download, 2 KB)");

    unmount();
    renderWithProviders(
      <ul>
        <MessageItem
          message={{ ...first, body: null, retractedAt: "2026-12-01T08:01:00Z", attachment: null }}
          thread={detail}
          timeZone="UTC"
          now={0}
        />
      </ul>,
    );
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.getByText("Retracted")).toBeInTheDocument();
  });
});
