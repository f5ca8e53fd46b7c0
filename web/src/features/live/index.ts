// The public surface of the live-updates feature: the app layer mounts the hook once for a
// signed-in user.
export { useLiveUpdates } from "./use-live-updates";
