/**
 * GET /api/messages/:id/attachment is served as an attachment (`nosniff`, sandboxed), so a
 * plain link downloads it: never shown inline, the bytes never pass through app memory.
 */
export function attachmentUrl(messageId: number): string {
  return `/api/messages/${String(messageId)}/attachment`;
}
