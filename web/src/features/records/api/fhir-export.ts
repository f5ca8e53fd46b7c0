/**
 * GET /api/patients/:id/fhir is served as an attachment, so a plain link downloads it: the
 * browser writes the file straight to disk and nothing passes through app memory or storage.
 */
export function fhirExportUrl(patientId: number): string {
  return `/api/patients/${String(patientId)}/fhir`;
}
