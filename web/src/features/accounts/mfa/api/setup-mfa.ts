import { useMutation } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { type ApiSchema } from "@/lib/api-types";

/** POST /api/user/mfa/setup: a new (unconfirmed) TOTP secret and its QR code (an SVG data URL). */
export type MfaSetup = ApiSchema<"MfaSetupOut">;

/** 409 `mfa_already_enabled` when two-factor authentication is already on. */
export function setupMfa(): Promise<MfaSetup> {
  return api.post<MfaSetup>("/api/user/mfa/setup");
}

export function useSetupMfa() {
  return useMutation({ mutationFn: setupMfa });
}
