// Medplum's MedplumClient (@medplum/core, a FHIR client nobody on the team wrote) against
// Clinic360's /fhir/R4, driven by tests/e2e/test_smart_medplum.py over stdin/stdout:
//   1. MedplumClient starts PKCE (S256); this prints the authorization URL as one JSON line;
//   2. the test approves it in Chromium on the consent page and writes the code back;
//   3. MedplumClient exchanges the code (its stored PKCE verifier) for a token, then
//      searches Practitioner and Slot, and books: it finds the practitioner's Schedule of a
//      visit type, a free Slot there, creates an Appointment from it, reads it back and finds
//      it among the patient's appointments; all of it is printed as one JSON line;
//   4. the test checks the booking through the web app's API and writes a line back;
//      MedplumClient cancels the appointment (update: status cancelled, cancelationReason)
//      and prints what the server answered as one JSON line.
// Settings come from the environment: BASE_URL, CLIENT_ID, REDIRECT_URI, SCOPE,
// PRACTITIONER_NAME, SCHEDULE (searched), BOOK_PRACTITIONER, BOOK_SERVICE_TYPE, BOOK_FROM,
// PATIENT_ID (MedplumClient keeps no SMART launch context from the token answer). Nothing is
// downloaded at run time; a failure (an OperationOutcome) ends the script with its message.
import { ClientStorage, MedplumClient, MemoryStorage } from '@medplum/core';
import { createInterface } from 'node:readline';

// MedplumClient is written for browsers: its base64 helper calls `window.btoa`, and without a
// `window` it falls back to PKCE `plain`, which Clinic360 refuses. Node has `btoa` globally.
globalThis.window ??= globalThis;

const env = process.env;
const storage = new ClientStorage(new MemoryStorage());
const medplum = new MedplumClient({
  baseUrl: env.BASE_URL,
  clientId: env.CLIENT_ID,
  fhirUrlPath: 'fhir/R4',
  authorizeUrl: `${env.BASE_URL}/oauth2/authorize`,
  tokenUrl: `${env.BASE_URL}/oauth2/token`,
  storage,
  medplumServer: false, // a FHIR server of another vendor: no Medplum /auth/me
  fetch: (url, options) => fetch(url, options),
});

function say(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

const { codeChallenge, codeChallengeMethod } = await medplum.startPkce();
const authorize = new URL(medplum.getAuthorizeUrl());
for (const [name, value] of Object.entries({
  response_type: 'code',
  client_id: env.CLIENT_ID,
  redirect_uri: env.REDIRECT_URI,
  scope: env.SCOPE,
  state: storage.getString('pkceState'),
  code_challenge: codeChallenge,
  code_challenge_method: codeChallengeMethod,
  nonce: 'medplum-nonce-1',
})) {
  authorize.searchParams.set(name, value);
}
say({ authorizeUrl: authorize.toString(), state: storage.getString('pkceState') });

const code = (await lines.next()).value.trim();
await medplum.processCode(code, { clientId: env.CLIENT_ID, redirectUri: env.REDIRECT_URI });

const practitioners = await medplum.searchResources('Practitioner', { name: env.PRACTITIONER_NAME });
const slotBundle = await medplum.search('Slot', { schedule: env.SCHEDULE, status: 'free', _count: '5' });
const nextLink = slotBundle.link?.find((link) => link.relation === 'next')?.url;
const secondPage = nextLink ? await medplum.get(nextLink) : undefined;

// Booking: the practitioner's schedule of one visit type, its first free slot from BOOK_FROM.
const schedules = await medplum.searchResources('Schedule', {
  actor: `Practitioner/${env.BOOK_PRACTITIONER}`,
  'service-type': env.BOOK_SERVICE_TYPE,
});
const [schedule] = schedules;
const [slot] = await medplum.searchResources('Slot', {
  schedule: `Schedule/${schedule.id}`,
  status: 'free',
  start: `ge${env.BOOK_FROM}`,
  _count: '1',
});
const patient = `Patient/${env.PATIENT_ID}`;
const created = await medplum.createResource({
  resourceType: 'Appointment',
  status: 'booked',
  slot: [{ reference: `Slot/${slot.id}` }],
  participant: [
    { actor: { reference: patient }, status: 'accepted' },
    { actor: { reference: `Practitioner/${env.BOOK_PRACTITIONER}` }, status: 'accepted' },
  ],
});
const readBack = await medplum.readResource('Appointment', created.id);
const mine = await medplum.searchResources('Appointment', { patient, _count: '50' });
const shown = (appointment) => ({
  id: appointment.id,
  status: appointment.status,
  start: appointment.start,
  end: appointment.end,
  serviceType: appointment.serviceType?.[0]?.coding?.[0]?.code,
  participants: appointment.participant.map((p) => p.actor.reference),
});
say({
  authenticated: Boolean(medplum.getAccessToken()),
  practitioners: practitioners.map((p) => ({ id: p.id, name: p.name?.[0]?.text })),
  slotTotal: slotBundle.total,
  slots: (slotBundle.entry ?? []).map((e) => ({ id: e.resource.id, start: e.resource.start })),
  secondPage: (secondPage?.entry ?? []).map((e) => e.resource.start),
  schedules: schedules.map((s) => ({ id: s.id, serviceType: s.serviceType?.[0]?.coding?.[0]?.code })),
  slot: { id: slot.id, schedule: slot.schedule.reference, start: slot.start, end: slot.end },
  created: shown(created),
  readBack: shown(readBack),
  found: mine.filter((a) => a.id === created.id).map(shown),
});

await lines.next(); // the test has checked the booking through the web app's API
const cancelled = await medplum.updateResource({
  ...readBack,
  status: 'cancelled',
  cancelationReason: { text: 'Booked by the Medplum test; cancelled by it too' },
});
const afterwards = await medplum.searchResources('Appointment', { patient, status: 'cancelled' });
say({
  cancelled: shown(cancelled),
  cancelledFound: afterwards.map((a) => a.id),
});
process.exit(0);
