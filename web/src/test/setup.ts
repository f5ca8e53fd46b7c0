import "@testing-library/jest-dom/vitest";

import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

import { resetCsrfToken, setMfaEnrolmentHandler, setUnauthorizedHandler } from "@/lib/api-client";

// Lazy pages arrive through dynamic imports, which a busy CI machine can make slow.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  resetCsrfToken();
  setUnauthorizedHandler(null);
  setMfaEnrolmentHandler(null);
  // Pages keep state in history entries (the booking reason): each test starts on a blank one.
  window.history.replaceState(null, "", "/");
});
