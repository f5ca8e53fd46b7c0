export { loginMfa, useLoginMfa, type MfaLoginInput } from "./api/login-mfa";
export { MfaCodeForm } from "./components/mfa-code-form";
export { TwoFactorSettings } from "./components/two-factor-settings";
