/**
 * Keys of the single table (shared/contract.ts TABLE). Every access pattern is one function in the
 * repositories beside this file; this module only builds keys, purely.
 *
 * | entity        | PK                 | SK                | GSI1PK / GSI1SK | question it answers                      |
 * |---------------|--------------------|-------------------|-----------------|------------------------------------------|
 * | organisation  | ORG                | ORG#{id}          | —               | the tenant's whole tree (small: ≤ a few thousand) |
 * | local user    | LOCALUSER          | USER#{id}         | —               | demo accounts of the built-in issuer     |
 * | person        | PERSON#{id}        | PROFILE           | UNIT#{unitId} / PERSON#{id} | a person; the people of a unit |
 * | ID number     | IDNUMBER#{idNumber}| IDNUMBER          | —               | which person holds this resident ID? (also keeps it unique) |
 * | training base | BASE#{id}          | PROFILE           | —               | a registered base                         |
 * | base API key  | APIKEY#{prefix}    | KEY               | BASE#{id} / APIKEY#{prefix} | the key a request presents (by its visible prefix); a base's keys |
 * | seed marker   | META               | SEED              | —               | has the local demo data been written?    |
 */
export const keys = {
  organisation: (id: string) => ({ PK: 'ORG', SK: `ORG#${id}` }),
  organisationsPartition: () => 'ORG',
  localUser: (id: string) => ({ PK: 'LOCALUSER', SK: `USER#${id}` }),
  localUsersPartition: () => 'LOCALUSER',
  person: (id: string) => ({ PK: `PERSON#${id}`, SK: 'PROFILE' }),
  personByUnit: (unitId: string, personId: string) => ({ GSI1PK: `UNIT#${unitId}`, GSI1SK: `PERSON#${personId}` }),
  idNumber: (idNumber: string) => ({ PK: `IDNUMBER#${idNumber}`, SK: 'IDNUMBER' }),
  base: (id: string) => ({ PK: `BASE#${id}`, SK: 'PROFILE' }),
  apiKey: (prefix: string) => ({ PK: `APIKEY#${prefix}`, SK: 'KEY' }),
  apiKeyByBase: (baseId: string, prefix: string) => ({ GSI1PK: `BASE#${baseId}`, GSI1SK: `APIKEY#${prefix}` }),
  seedMarker: () => ({ PK: 'META', SK: 'SEED' }),
};
