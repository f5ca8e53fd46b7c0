/**
 * GET /api/patients/:id/documents/:documentId/content is served as an attachment, so a plain
 * link downloads it (never shown inline; the bytes never pass through app memory).
 */
export function documentContentUrl(patientId: number, documentId: number): string {
  return `/api/patients/${String(patientId)}/documents/${String(documentId)}/content`;
}
