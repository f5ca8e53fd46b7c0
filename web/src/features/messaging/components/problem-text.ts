import { ApiError } from "@/lib/api-client";

/** Why a write failed, in words for the person at the screen (the codes of API.md "Messages"). */
export function messagingProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something went wrong. Try again in a moment.";
  switch (error.code) {
    case "messaging_blocked": {
      const reason = typeof error.body.reason === "string" ? error.body.reason : "";
      return reason === ""
        ? "This doctor does not accept messages from you."
        : `This doctor does not accept messages from you: “${reason}”`;
    }
    case "thread_closed":
      return "Your doctor closed this conversation. Start a new one to write again.";
    case "rate_limited":
      return "You have sent many messages in the last hour. Wait a while and try again.";
    case "message_already_read":
      return "The message was already read, so it can no longer be retracted.";
    case "retract_too_late":
      return "A message can be retracted only in the first minutes after sending it.";
    case "unsupported_file_type":
      return "The file is not a PDF, PNG or JPEG. Choose one of those.";
    case "empty_file":
      return "The file is empty. Choose another file.";
    case "file_too_large":
      return "The file is too large. Choose a smaller one.";
    case "document_limit_reached":
      return "The record holds as many documents as allowed; the file was not sent.";
    default:
      return error.detail ?? error.title;
  }
}
