export { confirmMfa, useConfirmMfa, type RecoveryCodes } from "./api/confirm-mfa";
export { isMfaChallenge, loginMfa, useLoginMfa, type MfaChallenge, type MfaLoginInput } from "./api/login-mfa";
export { setupMfa, useSetupMfa, type MfaSetup } from "./api/setup-mfa";
export { MfaCodeForm } from "./components/mfa-code-form";
export { MfaEnrolment } from "./components/mfa-enrolment";
