// Medplum's MedplumClient (@medplum/core, a FHIR client nobody on the team wrote) against
// Clinic360's /fhir/R4, driven by tests/e2e/test_smart_medplum.py over stdin/stdout:
//   1. MedplumClient starts PKCE (S256); this prints the authorization URL as one JSON line;
//   2. the test approves it in Chromium on the consent page and writes the code back;
//   3. MedplumClient exchanges the code (its stored PKCE verifier) for a token, then
//      searches Practitioner and Slot; the results are printed as one JSON line.
// Settings come from the environment: BASE_URL, CLIENT_ID, REDIRECT_URI, SCOPE,
// PRACTITIONER_NAME, SCHEDULE. Nothing is downloaded at run time.
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
say({
  authenticated: Boolean(medplum.getAccessToken()),
  practitioners: practitioners.map((p) => ({ id: p.id, name: p.name?.[0]?.text })),
  slotTotal: slotBundle.total,
  slots: (slotBundle.entry ?? []).map((e) => ({ id: e.resource.id, start: e.resource.start })),
  secondPage: (secondPage?.entry ?? []).map((e) => e.resource.start),
});
process.exit(0);
