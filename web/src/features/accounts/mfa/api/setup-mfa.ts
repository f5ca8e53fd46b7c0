import { useMutation } from "@tanstack/react-query";

import { api } from "@/lib/api-client";

/** POST /api/user/mfa/setup: a new (unconfirmed) TOTP secret and its QR code. */
export interface MfaSetup {
  secret: string;
  otpauthUri: string;
  /** `data:image/svg+xml;base64,…` drawn by the server (no third-party QR service). */
  qrCode: string;
}

/** 409 `mfa_already_enabled` when two-factor authentication is already on. */
export function setupMfa(): Promise<MfaSetup> {
  return api.post<MfaSetup>("/api/user/mfa/setup");
}

export function useSetupMfa() {
  return useMutation({ mutationFn: setupMfa });
}
